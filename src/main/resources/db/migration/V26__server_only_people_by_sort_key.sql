-- Server-only people with an email (person ids e<hash of their key>) leave the consumed licenses'
-- person index on PostgreSQL: an enterprise's first upload of a million accounts writes a million
-- of them, and keeping a hash index of their ids up to date was much of that write (1M rows
-- inserted in psql on this machine, 2026-12-07: 5.5 s with the order index alone, 9.0 s with the
-- person index as well). They are found by sort key instead, which their key gives
-- (io.licensesync.cloud.licensing.control.SortKeys#serverOnly): scoped matching computes it from
-- the keys it rematches, the People page's likely duplicates from the account's key, and a
-- person's explanation reads it from since-when's row, kept here for those people (their sort key
-- never changes while their id stays: both come from the same key). Members and accounts without
-- email stay in the person index (a partial one, match_key being null exactly for them), and
-- every lookup of them says so. ${postgresql_only} is empty on PostgreSQL and "--" elsewhere
-- (io.licensesync.database.Migrations).
ALTER TABLE person_seen ADD COLUMN sort_key BYTEA;
UPDATE person_seen SET sort_key = (SELECT c.sort_key FROM consumed_license c
    WHERE c.enterprise_id = person_seen.enterprise_id AND c.person_id = person_seen.person_id
    AND c.match_key IS NOT NULL);
${postgresql_only} DROP INDEX consumed_license_person;
${postgresql_only} CREATE INDEX consumed_license_person ON consumed_license USING hash (person_id) WHERE match_key IS NULL;
-- the sort key of a person a scoped matching wrote (kind N), for since-when's rows
ALTER TABLE match_scope ADD COLUMN sk BYTEA;
