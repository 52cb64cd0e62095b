-- The Cloud role: enterprises with their members (owners among them) and owners' tokens, the
-- Server instances connected to each enterprise with the accounts of their latest usage upload,
-- and the consumed licenses kept matched so that reads do not recompute them.

CREATE SEQUENCE cloud_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE enterprise (
    id                BIGINT        NOT NULL PRIMARY KEY,
    slug              VARCHAR(100)  NOT NULL,
    name              VARCHAR(200)  NOT NULL,
    seats_purchased   INTEGER       NOT NULL,
    verified_domains  VARCHAR(2000) NOT NULL,
    created_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version           BIGINT        NOT NULL,
    CONSTRAINT enterprise_slug_key UNIQUE (slug)
);

CREATE TABLE enterprise_member (
    id                   BIGINT        NOT NULL PRIMARY KEY,
    enterprise_id        BIGINT        NOT NULL,
    login                VARCHAR(64)   NOT NULL,
    login_key            VARCHAR(64)   NOT NULL,
    name                 VARCHAR(200),
    saml_name_id         VARCHAR(320),
    saml_name_id_key     VARCHAR(320),
    enterprise_role      VARCHAR(32)   NOT NULL,
    org_roles            VARCHAR(4000) NOT NULL,
    pending_invites      VARCHAR(4000) NOT NULL,
    private_repo_access  BOOLEAN       NOT NULL,
    two_factor           BOOLEAN       NOT NULL,
    created_at           TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version              BIGINT        NOT NULL,
    CONSTRAINT enterprise_member_login_key UNIQUE (enterprise_id, login_key),
    CONSTRAINT enterprise_member_enterprise_fk FOREIGN KEY (enterprise_id) REFERENCES enterprise (id) ON DELETE CASCADE
);

CREATE TABLE member_email (
    member_id    BIGINT       NOT NULL,
    address      VARCHAR(320) NOT NULL,
    address_key  VARCHAR(320) NOT NULL,
    verified     BOOLEAN      NOT NULL,
    CONSTRAINT member_email_pk PRIMARY KEY (member_id, address_key),
    CONSTRAINT member_email_member_fk FOREIGN KEY (member_id) REFERENCES enterprise_member (id) ON DELETE CASCADE
);

CREATE TABLE owner_token (
    id            BIGINT       NOT NULL PRIMARY KEY,
    member_id     BIGINT       NOT NULL,
    note          VARCHAR(200) NOT NULL,
    token_hash    VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT owner_token_hash_key UNIQUE (token_hash),
    CONSTRAINT owner_token_member_fk FOREIGN KEY (member_id) REFERENCES enterprise_member (id) ON DELETE CASCADE
);

CREATE TABLE connected_instance (
    id                BIGINT        NOT NULL PRIMARY KEY,
    enterprise_id     BIGINT        NOT NULL,
    server_id         VARCHAR(64)   NOT NULL,
    hostname          VARCHAR(255)  NOT NULL,
    version           VARCHAR(64)   NOT NULL,
    credential_hash   VARCHAR(64),
    connected_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    connected_by      VARCHAR(64),
    last_sync_at      TIMESTAMP(6) WITH TIME ZONE,
    last_sync_status  VARCHAR(16),
    last_sync_error   VARCHAR(1000),
    last_sync_via     VARCHAR(16),
    last_upload_id    VARCHAR(64),
    last_usage_at     TIMESTAMP(6) WITH TIME ZONE,
    accounts_count    INTEGER       NOT NULL,
    row_version       BIGINT        NOT NULL,
    CONSTRAINT connected_instance_server_key UNIQUE (enterprise_id, server_id),
    CONSTRAINT connected_instance_credential_key UNIQUE (credential_hash),
    CONSTRAINT connected_instance_enterprise_fk FOREIGN KEY (enterprise_id) REFERENCES enterprise (id) ON DELETE CASCADE
);

CREATE TABLE instance_account (
    instance_id     BIGINT        NOT NULL,
    account_id      BIGINT        NOT NULL,
    primary_email   VARCHAR(320),
    primary_key     VARCHAR(320),
    other_emails    VARCHAR(4000) NOT NULL,
    CONSTRAINT instance_account_pk PRIMARY KEY (instance_id, account_id),
    CONSTRAINT instance_account_instance_fk FOREIGN KEY (instance_id) REFERENCES connected_instance (id) ON DELETE CASCADE
);

CREATE TABLE consumed_license (
    enterprise_id               BIGINT        NOT NULL,
    seq_no                      INTEGER       NOT NULL,
    member_id                   BIGINT,
    github_com_login            VARCHAR(64)   NOT NULL,
    github_com_name             VARCHAR(200)  NOT NULL,
    github_com_profile          VARCHAR(400)  NOT NULL,
    github_com_user             BOOLEAN       NOT NULL,
    github_com_member_roles     VARCHAR(4000) NOT NULL,
    github_com_enterprise_roles VARCHAR(200)  NOT NULL,
    verified_domain_emails      VARCHAR(4000) NOT NULL,
    saml_name_id                VARCHAR(320)  NOT NULL,
    orgs_with_pending_invites   VARCHAR(4000) NOT NULL,
    two_factor                  BOOLEAN,
    enterprise_server_user      BOOLEAN       NOT NULL,
    server_user_ids             VARCHAR       NOT NULL,
    server_emails               VARCHAR       NOT NULL,
    total_user_accounts         INTEGER       NOT NULL,
    CONSTRAINT consumed_license_pk PRIMARY KEY (enterprise_id, seq_no),
    CONSTRAINT consumed_license_enterprise_fk FOREIGN KEY (enterprise_id) REFERENCES enterprise (id) ON DELETE CASCADE
);

CREATE INDEX instance_account_primary ON instance_account (primary_key);
