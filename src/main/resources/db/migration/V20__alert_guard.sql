-- One row per role whose alerts a node checks: the check locks its row, so checks that run at once
-- (a page, the REST API, the due-check timer and a run's end, on one node or several) take turns and
-- an alert fires once per crossing.
CREATE TABLE alert_guard (
    role VARCHAR(8) PRIMARY KEY
);
INSERT INTO alert_guard (role) VALUES ('server');
