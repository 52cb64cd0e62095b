-- Cloud: the seats consumed per enterprise and day (issue 14 §3), recorded each time matching runs
-- (the last value of a day wins) and kept for licensesync.cloud.seat-history.keep-days; per instance,
-- the people with an account there that day.
CREATE TABLE seat_history (
    enterprise_id  BIGINT   NOT NULL,
    on_day         DATE     NOT NULL,
    total          INTEGER  NOT NULL,
    cloud_only     INTEGER  NOT NULL,
    server_only    INTEGER  NOT NULL,
    both_sides     INTEGER  NOT NULL,
    purchased      INTEGER  NOT NULL,
    CONSTRAINT seat_history_pk PRIMARY KEY (enterprise_id, on_day),
    CONSTRAINT seat_history_enterprise_fk FOREIGN KEY (enterprise_id) REFERENCES enterprise (id) ON DELETE CASCADE
);

CREATE TABLE seat_history_instance (
    enterprise_id  BIGINT        NOT NULL,
    on_day         DATE          NOT NULL,
    server_id      VARCHAR(64)   NOT NULL,
    hostname       VARCHAR(255)  NOT NULL,
    people         INTEGER       NOT NULL,
    CONSTRAINT seat_history_instance_pk PRIMARY KEY (enterprise_id, on_day, server_id),
    CONSTRAINT seat_history_instance_enterprise_fk FOREIGN KEY (enterprise_id) REFERENCES enterprise (id) ON DELETE CASCADE
);
