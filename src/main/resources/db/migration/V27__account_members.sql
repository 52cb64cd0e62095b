-- The member each Server account was matched to, one row per matched account (an account without a
-- row counts on its own), kept by every matching for the accounts it matched again. An upload's
-- changes (newly matched, unmatched) compare these rows before and after the upload's matching, so
-- account_state, which held every account of an instance once more per upload (1M rows written by
-- an instance's first upload of a million accounts), goes. A table of its own rather than a column
-- of instance_account: a first upload of 1M accounts with 200k matched, in psql on this machine
-- (2026-12-07): inserting the 200k rows here took 0.67-0.84 s, setting a member_id column on the
-- freshly inserted accounts 2.37 s (0.92 s with a fifth of each page left free, which made the
-- accounts' insert 0.5 s slower). This is also the first step of docs/server-only-people.md.
CREATE TABLE account_member (
    instance_id BIGINT NOT NULL,
    account_id  BIGINT NOT NULL,
    member_id   BIGINT NOT NULL,
    CONSTRAINT account_member_pk PRIMARY KEY (instance_id, account_id)
);
-- true while the upload that added the account is being applied (its matching clears it), so the
-- account counts as newly consuming rather than newly matched
ALTER TABLE instance_account ADD COLUMN pending BOOLEAN;
DROP TABLE account_state;
-- not null: the instance's accounts were matched after one of its uploads, and account_member tells
-- what the next upload changes (until a matching after an upload, nothing to compare with)
UPDATE connected_instance SET state_generation = NULL;

-- the accounts one matching matched, and to which member (null: on its own; a matching of everyone
-- notes only the matched ones); rows live inside the matching's transaction only, under the
-- enterprise's id (on PostgreSQL each connection uses a temporary table of this shape instead)
CREATE TABLE account_match (
    scope       BIGINT NOT NULL,
    instance_id BIGINT NOT NULL,
    account_id  BIGINT NOT NULL,
    member_id   BIGINT
);
CREATE INDEX account_match_lookup ON account_match (scope, instance_id, account_id);
