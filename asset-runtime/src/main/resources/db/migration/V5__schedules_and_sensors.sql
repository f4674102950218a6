-- On/off, cursor and last tick of each schedule and sensor.
CREATE TABLE instigator_state (
    kind         varchar(8)   NOT NULL CHECK (kind IN ('SCHEDULE', 'SENSOR')),
    name         varchar(200) NOT NULL,
    status       varchar(8)   NOT NULL CHECK (status IN ('RUNNING', 'STOPPED')),
    cursor       text,
    last_tick_at timestamptz,
    updated_at   timestamptz  NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (kind, name)
);

-- Tick history. One row per (schedule or sensor, tick time): a cluster that fires the same tick twice
-- inserts it once (INSERT ... ON CONFLICT DO NOTHING), which makes each fire idempotent.
CREATE TABLE ticks (
    id          bigserial    PRIMARY KEY,
    kind        varchar(8)   NOT NULL CHECK (kind IN ('SCHEDULE', 'SENSOR')),
    name        varchar(200) NOT NULL,
    tick_time   timestamptz  NOT NULL,
    status      varchar(16)  NOT NULL CHECK (status IN ('STARTED', 'SKIPPED', 'SUCCESS', 'FAILURE')),
    cursor      text,
    run_ids     jsonb        NOT NULL DEFAULT '[]'::jsonb,
    skip_reason text,
    error       text,
    started_at  timestamptz  NOT NULL DEFAULT clock_timestamp(),
    ended_at    timestamptz,
    UNIQUE (kind, name, tick_time)
);

-- Run keys: a sensor that asks twice for the same run key gets one run.
CREATE TABLE run_keys (
    kind       varchar(8)   NOT NULL CHECK (kind IN ('SCHEDULE', 'SENSOR')),
    name       varchar(200) NOT NULL,
    run_key    text         NOT NULL,
    run_id     uuid,
    created_at timestamptz  NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (kind, name, run_key)
);
