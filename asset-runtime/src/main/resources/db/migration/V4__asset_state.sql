-- The latest state of each asset partition: one row per (asset key, partition key).
-- "Which partitions of this asset are materialized / failed / in progress" is one range scan of
-- asset_partition_state_status_idx; missing partitions are the complement of the materialized ones.
CREATE TABLE asset_partition_state (
    asset_key              text        NOT NULL,
    partition_key          text        NOT NULL,
    -- the last materialization (NULL when there is none yet)
    data_version           text,
    code_version           text,
    input_data_versions    jsonb,
    materialization_run_id text,
    materialized_at        timestamptz,
    materialization_id     bigint,
    -- the last failure, when it came after the last materialization
    failed                 boolean     NOT NULL DEFAULT false,
    failure_run_id         text,
    failure_error          text,
    failed_at              timestamptz,
    -- a run that is materializing it now
    in_progress_run_id     text,
    in_progress_since      timestamptz,
    status                 varchar(16) GENERATED ALWAYS AS (
        CASE
            WHEN in_progress_run_id IS NOT NULL THEN 'IN_PROGRESS'
            WHEN failed THEN 'FAILED'
            WHEN data_version IS NOT NULL THEN 'MATERIALIZED'
            ELSE 'NONE'
        END) STORED,
    PRIMARY KEY (asset_key, partition_key)
);

CREATE INDEX asset_partition_state_status_idx ON asset_partition_state (asset_key, status, partition_key);
CREATE INDEX asset_partition_state_in_progress_idx ON asset_partition_state (in_progress_run_id)
    WHERE in_progress_run_id IS NOT NULL;

-- Every materialization ever recorded: history is never dropped.
CREATE TABLE materializations (
    id                  bigserial   PRIMARY KEY,
    asset_key           text        NOT NULL,
    partition_key       text        NOT NULL,
    data_version        text        NOT NULL,
    code_version        text        NOT NULL,
    input_data_versions jsonb       NOT NULL DEFAULT '{}'::jsonb,
    run_id              text,
    materialized_at     timestamptz NOT NULL,
    metadata            jsonb       NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX materializations_partition_idx ON materializations (asset_key, partition_key, id DESC);
CREATE INDEX materializations_asset_idx ON materializations (asset_key, id DESC);
CREATE INDEX materializations_run_idx ON materializations (run_id) WHERE run_id IS NOT NULL;

-- The outcome of each asset check evaluation.
CREATE TABLE asset_check_results (
    id                  bigserial   PRIMARY KEY,
    asset_key           text        NOT NULL,
    check_name          text        NOT NULL,
    partition_key       text        NOT NULL DEFAULT '',
    run_id              text,
    passed              boolean     NOT NULL,
    severity            varchar(8)  NOT NULL CHECK (severity IN ('WARN', 'ERROR')),
    blocking            boolean     NOT NULL DEFAULT false,
    description         text        NOT NULL DEFAULT '',
    metadata            jsonb       NOT NULL DEFAULT '{}'::jsonb,
    -- the data version of the materialization that was checked
    target_data_version text,
    evaluated_at        timestamptz NOT NULL
);

CREATE INDEX asset_check_results_check_idx ON asset_check_results (asset_key, check_name, partition_key, id DESC);
CREATE INDEX asset_check_results_run_idx ON asset_check_results (run_id) WHERE run_id IS NOT NULL;
