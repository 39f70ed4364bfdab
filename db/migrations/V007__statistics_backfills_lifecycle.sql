-- Item counts and sizes as DescribeTable reports them (ItemCount, TableSizeBytes, IndexSizeBytes): measured by the
-- table-statistics job every six hours, as DynamoDB refreshes them, never per request. One row per measured
-- partition (item_<id> for a table, index_entry_<id> for an index). Kept apart from catalog_table, whose version every
-- item write checks: a refreshed count must not look like a changed table.
CREATE TABLE table_statistics (
    partition    text         PRIMARY KEY,
    table_id     bigint       NOT NULL,
    item_count   bigint       NOT NULL,
    size_bytes   bigint       NOT NULL,
    measured_at  timestamptz  NOT NULL
);

CREATE INDEX table_statistics_by_table ON table_statistics (table_id);

-- Global secondary indexes being filled from their table's existing items (added by UpdateTable while writes go on):
-- the index-backfill job reads the table in key order in small batches and remembers here how far it got, so a
-- backfill survives restarts and moves between nodes.
--   after_hk, after_rk  the key of the last item the backfill has indexed; null before the first batch
CREATE TABLE index_backfill (
    index_id    bigint       PRIMARY KEY,
    table_id    bigint       NOT NULL,
    after_hk    bytea,
    after_rk    bytea,
    indexed     bigint       NOT NULL DEFAULT 0,
    started_at  timestamptz  NOT NULL
);

-- When the table entered its status: a new table is CREATING, and a deleted one DELETING, for a short while after
-- (JYNAMO_TABLE_TRANSITION_MILLIS), as DynamoDB's tables are.
ALTER TABLE catalog_table ADD COLUMN status_at timestamptz;
UPDATE catalog_table SET status_at = created_at;
ALTER TABLE catalog_table ALTER COLUMN status_at SET NOT NULL;
