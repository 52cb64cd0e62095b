-- The four tables a first upload of a million accounts writes in bulk (the instance's accounts, the
-- consumed licenses, the account states, since when each person counts) no longer check a foreign
-- key per row on PostgreSQL: each check is a lookup of the parent row, 3.2-3.5 s per million rows
-- (psql on this machine, 2026-12-06: 1M rows into a table like account_state took 1.6 s without
-- its key and 4.9-5.2 s with it). Their rows are removed with their parent by the application
-- instead of by a cascade: an instance's accounts and account states when it is disconnected
-- (io.licensesync.cloud.instances.boundary.Instances), an enterprise's consumed licenses by the
-- next matching; enterprises are never removed by the application (removing one by hand means
-- removing its rows of these tables too). On H2 the keys stay. ${postgresql_only} is empty on
-- PostgreSQL and "--" elsewhere (io.licensesync.database.Migrations).
${postgresql_only} ALTER TABLE instance_account DROP CONSTRAINT instance_account_instance_fk;
${postgresql_only} ALTER TABLE consumed_license DROP CONSTRAINT consumed_license_enterprise_fk;
${postgresql_only} ALTER TABLE account_state DROP CONSTRAINT account_state_instance_fk;
${postgresql_only} ALTER TABLE person_seen DROP CONSTRAINT person_seen_enterprise_fk;
