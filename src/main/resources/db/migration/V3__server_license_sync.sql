-- The Server role's connection to a Cloud enterprise (one row at most), the license sync setting and
-- its schedule on that row, the sync runs, and the audit trail of setting changes.

CREATE TABLE cloud_connection (
    id                       INTEGER       NOT NULL PRIMARY KEY,
    cloud_url                VARCHAR(500)  NOT NULL,
    enterprise_slug          VARCHAR(100)  NOT NULL,
    credential_protected     VARCHAR(2000) NOT NULL,
    connected_at             TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    connected_by             VARCHAR(64)   NOT NULL,
    license_sync_enabled     BOOLEAN       NOT NULL,
    license_sync_changed_at  TIMESTAMP(6) WITH TIME ZONE,
    license_sync_changed_by  VARCHAR(64),
    next_run_at              TIMESTAMP(6) WITH TIME ZONE,
    running_run_id           BIGINT,
    version                  BIGINT        NOT NULL
);

CREATE SEQUENCE sync_run_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE sync_run (
    id               BIGINT        NOT NULL PRIMARY KEY,
    upload_id        VARCHAR(64)   NOT NULL,
    run_trigger      VARCHAR(16)   NOT NULL,
    requested_by     VARCHAR(64),
    started_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at      TIMESTAMP(6) WITH TIME ZONE,
    status           VARCHAR(16)   NOT NULL,
    accounts_sent    INTEGER,
    error            VARCHAR(1000)
);

CREATE INDEX sync_run_started ON sync_run (started_at);

CREATE SEQUENCE audit_event_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE audit_event (
    id          BIGINT        NOT NULL PRIMARY KEY,
    at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    actor       VARCHAR(64)   NOT NULL,
    action      VARCHAR(64)   NOT NULL,
    from_value  VARCHAR(200),
    to_value    VARCHAR(200),
    details     VARCHAR(500)
);
