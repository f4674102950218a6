-- A backfill: a request to materialize an asset selection over a set of partitions, carried out as many runs.
CREATE TABLE backfills (
    id                     uuid        PRIMARY KEY,
    status                 varchar(16) NOT NULL
        CHECK (status IN ('REQUESTED', 'IN_PROGRESS', 'COMPLETED', 'FAILED', 'CANCELING', 'CANCELED')),
    -- asset keys as a JSON array of strings: ["raw/stages", "warehouse/stage_results"]
    selection              jsonb       NOT NULL,
    -- partition indices as inclusive ranges: '0-364,400' (a million partitions stay a few bytes)
    partitions             text        NOT NULL,
    -- how partitions are grouped into runs, e.g. ONE_RUN_PER_PARTITION, SINGLE_RUN, BATCHED
    policy                 varchar(32) NOT NULL,
    max_partitions_per_run integer     CHECK (max_partitions_per_run IS NULL OR max_partitions_per_run > 0),
    tags                   jsonb       NOT NULL DEFAULT '{}'::jsonb,
    num_partitions         bigint      NOT NULL DEFAULT 0,
    num_requested          bigint      NOT NULL DEFAULT 0,
    num_succeeded          bigint      NOT NULL DEFAULT 0,
    num_failed             bigint      NOT NULL DEFAULT 0,
    num_canceled           bigint      NOT NULL DEFAULT 0,
    created_at             timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at             timestamptz NOT NULL DEFAULT clock_timestamp(),
    ended_at               timestamptz,
    error                  text
);

CREATE INDEX backfills_created_idx ON backfills (created_at DESC, id DESC);
-- The backfill daemon only looks at unfinished backfills.
CREATE INDEX backfills_active_idx ON backfills (created_at)
    WHERE status IN ('REQUESTED', 'IN_PROGRESS', 'CANCELING');
