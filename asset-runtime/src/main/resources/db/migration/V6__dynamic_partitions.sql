-- The keys of dynamic partitions definitions. Insertion order (id) is the order of the keys,
-- so each key keeps its index as keys are added.
CREATE TABLE dynamic_partitions (
    id             bigserial    PRIMARY KEY,
    partitions_def varchar(200) NOT NULL,
    partition_key  text         NOT NULL,
    added_at       timestamptz  NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (partitions_def, partition_key)
);

CREATE INDEX dynamic_partitions_order_idx ON dynamic_partitions (partitions_def, id);
