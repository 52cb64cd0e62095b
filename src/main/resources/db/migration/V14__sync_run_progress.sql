-- Server: what a run in progress is doing now ("writing the usage document", "uploading … accounts"),
-- shown on the License page while it runs.
ALTER TABLE sync_run ADD COLUMN progress VARCHAR(200);
