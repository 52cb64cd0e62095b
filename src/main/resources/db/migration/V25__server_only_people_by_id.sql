-- The consumed licenses' hash index on their match key is gone on PostgreSQL: every row it found is
-- a Server-only person whose id is a hash of that key (io.licensesync.cloud.licensing.control.
-- PersonIds#serverOnlyByKey), so scoped matching and the People page's likely duplicates now look
-- those people up by id, through the index on person_id every matching keeps anyway. A matching
-- writing a million rows no longer maintains a third index: 1M consumed-license rows inserted in
-- psql on this machine (2026-12-07, three runs each) took 4.8-5.0 s with the order and person
-- indexes, 5.8-6.4 s with the match-key index as well. H2 keeps its B-tree.
-- ${postgresql_only} is empty on PostgreSQL and "--" elsewhere (io.licensesync.database.Migrations).
${postgresql_only} DROP INDEX consumed_license_match_key;
