-- A run: one execution of a plan. The table is also the run queue (QUEUED rows, claimed with SKIP LOCKED).
CREATE TABLE runs (
    id            uuid         PRIMARY KEY,
    status        varchar(16)  NOT NULL
        CHECK (status IN ('QUEUED', 'STARTING', 'RUNNING', 'SUCCESS', 'FAILURE', 'CANCELING', 'CANCELED')),
    -- higher runs first
    priority      integer      NOT NULL DEFAULT 0,
    -- asset keys as a JSON array of strings
    selection     jsonb        NOT NULL,
    -- partition indices as inclusive ranges: '0-364,400'; '0' for unpartitioned assets
    partitions    text         NOT NULL,
    plan          jsonb,
    tags          jsonb        NOT NULL DEFAULT '{}'::jsonb,
    backfill_id   uuid         REFERENCES backfills (id),
    worker_id     varchar(200),
    -- incremented on every claim: a worker that lost its run can no longer change it
    fencing_token bigint       NOT NULL DEFAULT 0,
    heartbeat_at  timestamptz,
    created_at    timestamptz  NOT NULL DEFAULT clock_timestamp(),
    started_at    timestamptz,
    ended_at      timestamptz,
    error         text
);

-- The queue in claim order; it holds only the waiting runs, so it stays small however long the history is.
CREATE INDEX runs_queue_idx ON runs (priority DESC, created_at, id) WHERE status = 'QUEUED';
-- Listing, newest first, keyset-paged on (created_at, id).
CREATE INDEX runs_created_idx ON runs (created_at DESC, id DESC);
CREATE INDEX runs_status_created_idx ON runs (status, created_at DESC, id DESC);
CREATE INDEX runs_backfill_idx ON runs (backfill_id, created_at DESC, id DESC) WHERE backfill_id IS NOT NULL;
-- "Runs of this asset": selection @> '["a/b"]'.
CREATE INDEX runs_selection_idx ON runs USING gin (selection jsonb_path_ops);
-- Liveness: active runs by last heartbeat, to find the runs of workers that died.
CREATE INDEX runs_heartbeat_idx ON runs (heartbeat_at) WHERE status IN ('STARTING', 'RUNNING', 'CANCELING');

-- A step: one asset over one partition (or one batch of partitions) inside a run.
CREATE TABLE steps (
    run_id     uuid         NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step_id    varchar(1000) NOT NULL,
    status     varchar(16)  NOT NULL
        CHECK (status IN ('PENDING', 'RUNNING', 'UP_FOR_RETRY', 'SUCCESS', 'FAILURE', 'SKIPPED', 'CANCELED')),
    attempt    integer      NOT NULL DEFAULT 1 CHECK (attempt >= 1),
    started_at timestamptz,
    ended_at   timestamptz,
    error      text,
    PRIMARY KEY (run_id, step_id)
);
