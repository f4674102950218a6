-- Run keys of any request (REST, CLI, backfill), not only of schedules and sensors.
ALTER TABLE run_keys DROP CONSTRAINT IF EXISTS run_keys_kind_check;
ALTER TABLE run_keys ADD CONSTRAINT run_keys_kind_check CHECK (kind IN ('SCHEDULE', 'SENSOR', 'REQUEST'));

-- Cluster-wide concurrency pools: one row per (pool, slot); a step holds a slot while it runs.
-- Workers claim a free slot with FOR UPDATE SKIP LOCKED; a slot whose run was taken over or ended is freed.
CREATE TABLE pool_slots (
    pool          varchar(200) NOT NULL,
    slot          integer      NOT NULL CHECK (slot >= 0),
    run_id        uuid,
    step_id       varchar(1000),
    fencing_token bigint,
    worker_id     varchar(200),
    acquired_at   timestamptz,
    PRIMARY KEY (pool, slot)
);
CREATE INDEX pool_slots_held_idx ON pool_slots (run_id) WHERE run_id IS NOT NULL;
