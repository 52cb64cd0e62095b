-- The dormant seats report reads consuming accounts by last activity (and walks them by keyset on
-- last activity and id); the audit trail is filtered by actor, action and time and trimmed by time.
-- Portable SQL: runs unchanged on H2 and PostgreSQL.

CREATE INDEX user_account_last_active ON user_account (last_active_at, id);

CREATE INDEX audit_event_at ON audit_event (at);
CREATE INDEX audit_event_actor ON audit_event (actor, id);
CREATE INDEX audit_event_action ON audit_event (action, id);
