-- The dormant seats report reads consuming accounts by last activity (and walks them by keyset on
-- last activity and id); the audit trail is filtered by actor, action and time and trimmed by time.
-- Portable SQL: runs unchanged on H2 and PostgreSQL.

CREATE INDEX user_account_last_active ON user_account (last_active_at, id);

CREATE INDEX audit_event_at ON audit_event (at);
CREATE INDEX audit_event_actor ON audit_event (actor, id);
CREATE INDEX audit_event_action ON audit_event (action, id);

-- The Cloud's audit log: one per enterprise, read newest first (by id) by that enterprise's owners.
CREATE SEQUENCE cloud_audit_event_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE cloud_audit_event (
    id             BIGINT        NOT NULL PRIMARY KEY,
    enterprise_id  BIGINT        NOT NULL,
    at             TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    actor          VARCHAR(64)   NOT NULL,
    action         VARCHAR(64)   NOT NULL,
    from_value     VARCHAR(200),
    to_value       VARCHAR(200),
    details        VARCHAR(500),
    CONSTRAINT cloud_audit_event_enterprise_fk FOREIGN KEY (enterprise_id) REFERENCES enterprise (id) ON DELETE CASCADE
);

CREATE INDEX cloud_audit_event_enterprise ON cloud_audit_event (enterprise_id, id);
CREATE INDEX cloud_audit_event_at ON cloud_audit_event (at);
