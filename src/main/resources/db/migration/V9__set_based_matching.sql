-- Set-based ingest and matching (issue 13).
--
-- usage_staging: Add server usage reads a file's usage document once, its accounts into these rows
-- under a staging id, vets the document's metadata, then moves them to instance_account, all in
-- one transaction (rows of a refused file are rolled back with it). Shaped like instance_account.
CREATE TABLE usage_staging (
    staging_id      BIGINT        NOT NULL,
    account_id      BIGINT        NOT NULL,
    primary_email   VARCHAR(320),
    primary_key     VARCHAR(320),
    other_emails    VARCHAR(4000) NOT NULL,
    CONSTRAINT usage_staging_pk PRIMARY KEY (staging_id, account_id)
);

-- Matching joins a Server account's stored primary_key to a member's SAML NameID key and to the
-- keys of verified member emails; H2 needs these indexes for the joins (PostgreSQL hashes them).
CREATE INDEX enterprise_member_saml_name_id ON enterprise_member (saml_name_id_key);
CREATE INDEX member_email_address ON member_email (address_key);
