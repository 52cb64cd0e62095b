-- The consumed-licenses pages and the CSV report read the Server-only people by email from their
-- accounts (io.licensesync.cloud.licensing.control.ServerOnlyPeople, step 2 of
-- docs/server-only-people.md): the enterprise's accounts with no account_member row, by key in code
-- point order. On PostgreSQL the accounts' key index is therefore COLLATE "C" (every statement that
-- looks accounts up by key compares them so); H2 keeps its index. ${postgresql_only} is empty on
-- PostgreSQL and "--" elsewhere (io.licensesync.database.Migrations).
${postgresql_only} DROP INDEX instance_account_primary;
${postgresql_only} CREATE INDEX instance_account_primary ON instance_account (primary_key COLLATE "C");
-- account_member (V27) holds an enterprise's matched accounts only after its first matching of
-- everyone since V27; until then every account would read as Server-only. Removing the consumed
-- licenses has every enterprise that had people matched again on start (LicensingUpgrade), as V22 did.
DELETE FROM consumed_license_anchor;
DELETE FROM consumed_license;
