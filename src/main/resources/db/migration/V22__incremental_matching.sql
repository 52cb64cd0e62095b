-- Consumed licenses are kept per person and ordered by a sort key instead of a dense position, so
-- a change of a few members rewrites only their people (io.licensesync.cloud.licensing.control.
-- Matching) instead of renumbering every row. Pages find their first row through an anchor: the
-- sort key of every 100th person, rewritten after each matching (a read of the keys, a hundredth of
-- the rows written). The rows of the old layout are dropped here and rebuilt by the first matching
-- after the upgrade (LicensingUpgrade runs it for every enterprise that had been matched).
DELETE FROM consumed_license;
ALTER TABLE consumed_license DROP CONSTRAINT consumed_license_pk;
ALTER TABLE consumed_license DROP COLUMN seq_no;
ALTER TABLE consumed_license ADD COLUMN sort_key BYTEA NOT NULL;
CREATE UNIQUE INDEX consumed_license_order ON consumed_license (enterprise_id, sort_key);

CREATE TABLE consumed_license_anchor (
    enterprise_id BIGINT  NOT NULL,
    ordinal       INTEGER NOT NULL,
    sort_key      BYTEA   NOT NULL,
    CONSTRAINT consumed_license_anchor_pk PRIMARY KEY (enterprise_id, ordinal),
    CONSTRAINT consumed_license_anchor_enterprise_fk FOREIGN KEY (enterprise_id) REFERENCES enterprise (id) ON DELETE CASCADE
);

-- what one matching of part of an enterprise covers (kinds: M member login keys, K email keys,
-- A keys of accounts to join, P and O old people, N new people); rows live inside the matching's
-- transaction only, under the enterprise's id (one matching per enterprise at a time)
-- (on PostgreSQL each connection uses a temporary table of this shape instead, see Matching)
CREATE TABLE match_scope (
    scope BIGINT       NOT NULL,
    kind  CHAR(1)      NOT NULL,
    k     VARCHAR(400) NOT NULL
);
CREATE INDEX match_scope_lookup ON match_scope (scope, kind, k);
