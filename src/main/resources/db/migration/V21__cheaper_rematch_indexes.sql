-- Matching rewrites an enterprise's consumed licenses and its instance's account states on every
-- change; at a million rows on PostgreSQL most of that time went into keeping B-tree indexes over
-- random keys up to date (measured: 1M rows into consumed_license took 2.0 s with its primary key
-- only, 6.8 s with the person index, 10.4 s with all four). PostgreSQL hash-joins whole sets, so
-- there the indexes change; on H2, which joins by index lookups, they stay. ${postgresql_only} is
-- empty on PostgreSQL and "--" elsewhere (io.licensesync.database.Migrations).
-- * consumed licenses by person: looked up by equality only, so a hash index (4.2 s instead of 6.8 s);
-- * by the local part of the match key: the likely duplicates join it with every verified member
--   email, a hash join that never used the index;
-- * account states: read and deleted by instance and generation, and joined whole, so indexed by
--   those two (1.4 s for 1M rows) rather than unique in random account order (4.1 s);
-- * since when each person counts: rows are added by an anti-join (never twice, as matching one
--   enterprise takes its turn on the enterprise's row) and read by person, so a hash index instead
--   of a unique B-tree (4.2 s for 1M new people instead of 5-8 s).
${postgresql_only} DROP INDEX consumed_license_person;
${postgresql_only} CREATE INDEX consumed_license_person ON consumed_license USING hash (person_id);
${postgresql_only} DROP INDEX consumed_license_match_local;
${postgresql_only} ALTER TABLE account_state DROP CONSTRAINT account_state_pk;
${postgresql_only} CREATE INDEX account_state_generation ON account_state (instance_id, generation);
${postgresql_only} ALTER TABLE person_seen DROP CONSTRAINT person_seen_pk;
${postgresql_only} CREATE INDEX person_seen_person ON person_seen USING hash (person_id);
