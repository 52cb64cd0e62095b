-- The Server role: this instance's identity, its user accounts with their email addresses, and the
-- personal access tokens site admins use for REST. Portable SQL: runs unchanged on H2 and PostgreSQL.

CREATE TABLE server_instance (
    id          INTEGER      NOT NULL PRIMARY KEY,
    server_id   VARCHAR(36)  NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

CREATE SEQUENCE user_account_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE user_account (
    id                 BIGINT       NOT NULL PRIMARY KEY,
    login              VARCHAR(64)  NOT NULL,
    login_key          VARCHAR(64)  NOT NULL,
    account_type       VARCHAR(16)  NOT NULL,
    site_admin         BOOLEAN      NOT NULL,
    suspended_at       TIMESTAMP(6) WITH TIME ZONE,
    suspension_reason  VARCHAR(500),
    created_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_active_at     TIMESTAMP(6) WITH TIME ZONE,
    password_hash      VARCHAR(255),
    version            BIGINT       NOT NULL,
    CONSTRAINT user_account_login_key UNIQUE (login_key)
);

CREATE TABLE account_email (
    account_id   BIGINT       NOT NULL,
    address      VARCHAR(320) NOT NULL,
    address_key  VARCHAR(320) NOT NULL,
    is_primary   BOOLEAN      NOT NULL,
    CONSTRAINT account_email_pk PRIMARY KEY (account_id, address_key),
    CONSTRAINT account_email_address_key UNIQUE (address_key),
    CONSTRAINT account_email_account_fk FOREIGN KEY (account_id) REFERENCES user_account (id) ON DELETE CASCADE
);

CREATE SEQUENCE access_token_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE access_token (
    id            BIGINT       NOT NULL PRIMARY KEY,
    account_id    BIGINT       NOT NULL,
    note          VARCHAR(200) NOT NULL,
    token_hash    VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT access_token_hash_key UNIQUE (token_hash),
    CONSTRAINT access_token_account_fk FOREIGN KEY (account_id) REFERENCES user_account (id) ON DELETE CASCADE
);

CREATE INDEX user_account_consuming ON user_account (account_type, suspended_at, last_active_at);
