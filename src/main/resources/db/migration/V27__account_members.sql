-- Each Server account keeps the member the last matching matched it to (null: it counts on its own),
-- set by every matching for the accounts it matched again. An upload's changes (newly matched,
-- unmatched) compare it before and after the upload's matching, so account_state, which held every
-- account of an instance once more per upload (1M rows written by an instance's first upload of a
-- million accounts), goes. This is also the first step of docs/server-only-people.md: an account
-- whose member_id is null is a Server-only person's.
-- Within the transaction that applies an upload, an account it added has member_id -1 until that
-- upload's matching sets it (so the account is not counted as newly matched).
ALTER TABLE instance_account ADD COLUMN member_id BIGINT;
DROP TABLE account_state;
-- not null: the instance's accounts were matched after one of its uploads, and their member_id
-- tells what changes the next upload makes (until a matching after an upload, nothing to compare)
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
