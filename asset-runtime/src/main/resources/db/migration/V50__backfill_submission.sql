-- Backfills as the backfill daemon submits them: statuses that tell submitting from running, what was asked for
-- (so that any node can continue a submission), the submission cursor, and the parent of a retry.
ALTER TABLE backfills DROP CONSTRAINT IF EXISTS backfills_status_check;
UPDATE backfills SET status = 'SUBMITTING' WHERE status = 'IN_PROGRESS';
ALTER TABLE backfills ADD CONSTRAINT backfills_status_check CHECK (status IN
    ('REQUESTED', 'SUBMITTING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELING', 'CANCELED'));

-- The selection as the user wrote it; each run is planned from it.
ALTER TABLE backfills ADD COLUMN selection_text text NOT NULL DEFAULT '';
-- The asset whose partitions definition the indices in "partitions" refer to.
ALTER TABLE backfills ADD COLUMN partitions_asset text NOT NULL DEFAULT '';
ALTER TABLE backfills ADD COLUMN only_stale_and_missing boolean NOT NULL DEFAULT false;
ALTER TABLE backfills ADD COLUMN priority integer NOT NULL DEFAULT 0;
-- Chunks are numbered in partition order; chunks below submitted_chunks were submitted (their runs committed in
-- the same transaction as the cursor), so a node that takes over continues exactly where the last one stopped.
ALTER TABLE backfills ADD COLUMN num_chunks bigint NOT NULL DEFAULT 0;
ALTER TABLE backfills ADD COLUMN submitted_chunks bigint NOT NULL DEFAULT 0;
ALTER TABLE backfills ADD COLUMN parent_id uuid REFERENCES backfills (id);

DROP INDEX IF EXISTS backfills_active_idx;
CREATE INDEX backfills_active_idx ON backfills (created_at)
    WHERE status IN ('REQUESTED', 'SUBMITTING', 'RUNNING', 'CANCELING');
