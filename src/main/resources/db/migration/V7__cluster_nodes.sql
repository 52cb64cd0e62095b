-- Each application node's identity and heartbeat, and which node runs each license sync run: a run
-- left running by a node that stopped (killed, crashed) is marked interrupted by that node when it
-- starts again, or by any node once the stopped node's heartbeat is stale.
CREATE TABLE cluster_node (
    node_id     VARCHAR(64)   NOT NULL PRIMARY KEY,
    started_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    beat_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

ALTER TABLE sync_run ADD COLUMN node_id VARCHAR(64);

CREATE INDEX sync_run_status ON sync_run (status);
