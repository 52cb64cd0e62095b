-- Scratch rows of a users report import while it runs (UsersReportImport): every line that names an
-- id, login or email, so duplicates within the file, conflicts with the accounts already here and
-- the changes are found with a few set-based statements instead of a query per line. An import
-- deletes its own rows before it commits; nothing else reads this table.
CREATE TABLE users_import_line (
    import_id       BIGINT        NOT NULL,
    line            BIGINT        NOT NULL,
    account_id      BIGINT,
    login_key       VARCHAR(1000),
    email_key       VARCHAR(1000),
    valid           BOOLEAN       NOT NULL,
    login           VARCHAR(64),
    account_type    VARCHAR(16),
    email           VARCHAR(320),
    site_admin      BOOLEAN,
    suspended       BOOLEAN,
    created_at      TIMESTAMP(6) WITH TIME ZONE,
    last_active_at  TIMESTAMP(6) WITH TIME ZONE,
    action          CHAR(1),
    email_change    BOOLEAN,
    CONSTRAINT users_import_line_pk PRIMARY KEY (import_id, line)
);

CREATE INDEX users_import_line_account ON users_import_line (import_id, account_id);
