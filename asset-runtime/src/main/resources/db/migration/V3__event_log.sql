-- The event log: append-only. The bigserial id is the sequence that readers page by.
-- No foreign key to runs: appends stay one index insert, and events outside runs (sensors, reports) fit too.
CREATE TABLE event_log (
    id            bigserial    PRIMARY KEY,
    run_id        uuid,
    step_id       varchar(1000),
    event_type    varchar(64)  NOT NULL,
    asset_key     text,
    partition_key text,
    created_at    timestamptz  NOT NULL,
    payload       jsonb        NOT NULL DEFAULT '{}'::jsonb
);

-- A run's events in order: WHERE run_id = ? AND id > ? ORDER BY id LIMIT ?
CREATE INDEX event_log_run_idx ON event_log (run_id, id) WHERE run_id IS NOT NULL;
-- An asset partition's events in order.
CREATE INDEX event_log_asset_idx ON event_log (asset_key, partition_key, id) WHERE asset_key IS NOT NULL;
-- Retention deletes by age.
CREATE INDEX event_log_created_idx ON event_log (created_at);
