-- On-demand backups (io.jynamo.ejb.backup) and restores into new tables. Ordinary tables an operator can query:
--   SELECT name, table_name, status, created_at, item_count, size_bytes FROM backup ORDER BY created_at;

-- One row per backup that is CREATING or AVAILABLE (DeleteBackup removes it). It does not reference catalog_table:
-- a backup outlives its table, and can be listed and restored after DeleteTable.
--   arn          arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/backup/<creation time, 14-digit epoch ms>-<8 hex>
--   type         USER (CreateBackup) or SYSTEM (made by a backup plan, see backup_plan)
--   created_at   BackupCreationDateTime: when the backup was requested
--   expires_at   BackupExpiryDateTime: SYSTEM backups only, when backup-retention deletes them
--   definition   the source table as a restore creates it again: a CreateTable request body (AttributeDefinitions,
--                KeySchema, BillingMode, ProvisionedThroughput, LocalSecondaryIndexes, GlobalSecondaryIndexes)
--   source       SourceTableDetails and SourceTableFeatureDetails, as DescribeBackup shows them
--   item_count, size_bytes  of the copy, once it is AVAILABLE
CREATE TABLE backup (
    id            bigint       PRIMARY KEY,
    arn           text         COLLATE "C" NOT NULL UNIQUE,
    name          text         NOT NULL,
    type          text         NOT NULL,
    status        text         NOT NULL,
    created_at    timestamptz  NOT NULL,
    expires_at    timestamptz,
    table_id      bigint       NOT NULL,
    table_name    text         COLLATE "C" NOT NULL,
    table_arn     text         NOT NULL,
    definition    jsonb        NOT NULL,
    source        jsonb        NOT NULL,
    item_count    bigint       NOT NULL DEFAULT 0,
    size_bytes    bigint       NOT NULL DEFAULT 0
);

CREATE INDEX backup_by_time ON backup (created_at, id);
CREATE INDEX backup_by_table ON backup (table_name, created_at, id);
-- the backups being created, which DeleteTable and the jobs look for
CREATE INDEX backup_creating ON backup (table_id) WHERE status = 'CREATING';

CREATE SEQUENCE backup_seq INCREMENT BY 1;

-- The items of each backup, one LIST partition per backup, as the item table holds them (same key encoding), so
-- that a backup is taken and restored by INSERT ... SELECT and dropped with its partition.
CREATE TABLE backup_item (
    backup_id   bigint  NOT NULL,
    hk          bytea   NOT NULL,
    rk          bytea   NOT NULL,
    item        jsonb   NOT NULL,
    item_exact  text,
    size        integer NOT NULL,
    PRIMARY KEY (backup_id, hk, rk)
) PARTITION BY LIST (backup_id);

-- A table being restored: CREATING, with RestoreInProgress, until the table-restore job has copied every item of its
-- source (in key order, a batch per transaction; after_hk/after_rk is how far it got, so a restart resumes there).
--   backup_id    the backup restored (RestoreTableFromBackup)
CREATE TABLE table_restore (
    table_id     bigint       PRIMARY KEY REFERENCES catalog_table (id) ON DELETE CASCADE,
    backup_id    bigint,
    after_hk     bytea,
    after_rk     bytea,
    copied       bigint       NOT NULL DEFAULT 0,
    started_at   timestamptz  NOT NULL
);

-- What DescribeTable shows of a restored table (RestoreSummary), kept after the restore is done.
ALTER TABLE catalog_table ADD COLUMN restore_source_backup_arn text;
ALTER TABLE catalog_table ADD COLUMN restore_source_table_arn text;
ALTER TABLE catalog_table ADD COLUMN restore_date_time timestamptz;
ALTER TABLE catalog_table ADD COLUMN restore_in_progress boolean NOT NULL DEFAULT false;
