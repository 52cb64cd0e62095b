-- A token created with another token (an impersonation token, a token made while authenticated by a
-- token) names that parent and dies with it; impersonation tokens, and tokens made with them, are
-- marked so their use never counts as the person's own activity.
ALTER TABLE access_token ADD COLUMN parent_token_id BIGINT;
ALTER TABLE access_token ADD COLUMN impersonation BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE access_token SET impersonation = TRUE WHERE note LIKE 'impersonation token%';
ALTER TABLE access_token ADD CONSTRAINT access_token_parent_fk
    FOREIGN KEY (parent_token_id) REFERENCES access_token (id) ON DELETE CASCADE;
CREATE INDEX access_token_parent ON access_token (parent_token_id);
