-- Server: what each successful run changed, and the accounts the last successful run sent (to tell
-- the next one which accounts are new and which no longer consume a license).
ALTER TABLE sync_run ADD COLUMN accounts_added INTEGER;
ALTER TABLE sync_run ADD COLUMN accounts_removed INTEGER;

CREATE TABLE synced_account (
    account_id BIGINT NOT NULL PRIMARY KEY
);
