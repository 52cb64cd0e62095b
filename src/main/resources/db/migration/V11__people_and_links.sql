-- Cloud: why each person counts (issue 14). Each consumed_license row keeps a stable person id, how
-- its Server accounts were matched to the member, each account's instance and rule, and the Cloud
-- seat rule that applies; an owner's manual links (a Server account is this member) and refusals
-- (this Server account is not that member) are kept across syncs and honoured by matching.
ALTER TABLE consumed_license ADD COLUMN person_id VARCHAR(40) DEFAULT '' NOT NULL;
ALTER TABLE consumed_license ADD COLUMN matched_by VARCHAR(16) DEFAULT 'none' NOT NULL;
ALTER TABLE consumed_license ADD COLUMN server_accounts VARCHAR DEFAULT '' NOT NULL;
ALTER TABLE consumed_license ADD COLUMN cloud_seat_reason VARCHAR(4000) DEFAULT '' NOT NULL;
-- a Server-only person's primary email key and its local part, for the likely-duplicates worklist
ALTER TABLE consumed_license ADD COLUMN match_key VARCHAR(320);
ALTER TABLE consumed_license ADD COLUMN match_local VARCHAR(320);
CREATE INDEX consumed_license_person ON consumed_license (enterprise_id, person_id);
CREATE INDEX consumed_license_match_key ON consumed_license (enterprise_id, match_key);
CREATE INDEX consumed_license_match_local ON consumed_license (enterprise_id, match_local);

-- per connected instance, as matching last counted: people with an account there, and people who
-- count only because of it (all their accounts are there and they take no Cloud seat)
CREATE TABLE instance_people (
    enterprise_id  BIGINT      NOT NULL,
    server_id      VARCHAR(64) NOT NULL,
    people         INTEGER     NOT NULL,
    only_here      INTEGER     NOT NULL,
    CONSTRAINT instance_people_pk PRIMARY KEY (enterprise_id, server_id),
    CONSTRAINT instance_people_enterprise_fk FOREIGN KEY (enterprise_id) REFERENCES enterprise (id) ON DELETE CASCADE
);

CREATE TABLE manual_link (
    id                BIGINT       NOT NULL PRIMARY KEY,
    enterprise_id     BIGINT       NOT NULL,
    kind              VARCHAR(16)  NOT NULL,
    server_id         VARCHAR(64)  NOT NULL,
    account_id        BIGINT       NOT NULL,
    member_login      VARCHAR(64)  NOT NULL,
    member_login_key  VARCHAR(64)  NOT NULL,
    created_by        VARCHAR(64)  NOT NULL,
    created_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT manual_link_pair_key UNIQUE (enterprise_id, server_id, account_id, member_login_key),
    CONSTRAINT manual_link_enterprise_fk FOREIGN KEY (enterprise_id) REFERENCES enterprise (id) ON DELETE CASCADE
);
-- at most one link (kind 'link') per Server account is enforced by the application under a lock
CREATE INDEX manual_link_account ON manual_link (enterprise_id, server_id, account_id);
