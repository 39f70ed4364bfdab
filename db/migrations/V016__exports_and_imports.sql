-- Export to S3 (ExportTableToPointInTime) and import from S3 (ImportTable), io.jynamo.ejb.transfer. Ordinary tables an
-- operator can query:
--   SELECT export_id, table_name, export_type, status, item_count, request->>'s3Bucket' FROM table_export;
--   SELECT i.arn, l.object_key, l.item_index, l.message FROM import_error_log l JOIN table_import i ON i.id = l.import_id;

-- One row per export, kept after it ends (no retention yet: DynamoDB lists them for 90 days).
--   arn          arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/export/<export id>; the export id is
--                <14-digit epoch ms>-<8 hex>, and names its folder AWSDynamoDB/<export id>/ in the bucket
--   table_arn    the table's ARN as Jynamo forms it (the request's, as sent, is in request)
--   request      the request's S3 and format members as given, for DescribeExport and the manifest; export_type,
--                export_format, export_time, from_time, to_time and view_type repeat what it says, for SQL
--   failing_since, last_error   when the export's steps began to fail (no connection to the store, say), and how;
--                a step that succeeds clears them, and one failing for an hour ends the export FAILED
--   new_state, old_state  the internal backups (type PITR) holding the table at export_time (or at the incremental
--                export's to-time) and at the incremental export's from-time, made by backup-create from the
--                point-in-time history (never from the live table); deleted as the export ends
--   after_hk, after_rk    how far the data files got, in key order (a restart goes on from there)
CREATE TABLE table_export (
    id                 bigint       PRIMARY KEY,
    arn                text         COLLATE "C" NOT NULL UNIQUE,
    export_id          text         NOT NULL,
    table_id           bigint       NOT NULL,
    table_name         text         COLLATE "C" NOT NULL,
    table_arn          text         NOT NULL,
    table_uuid         text         NOT NULL,
    status             text         NOT NULL,
    client_token       text,
    request            jsonb        NOT NULL,
    export_type        text         NOT NULL,
    export_format      text         NOT NULL,
    export_time        timestamptz,
    from_time          timestamptz,
    to_time            timestamptz,
    view_type          text,
    started_at         timestamptz  NOT NULL,
    ended_at           timestamptz,
    item_count         bigint       NOT NULL DEFAULT 0,
    billed_size_bytes  bigint       NOT NULL DEFAULT 0,
    failure_code       text,
    failure_message    text,
    new_state          bigint,
    old_state          bigint,
    after_hk           bytea,
    after_rk           bytea,
    failing_since      timestamptz,
    last_error         text
);

CREATE INDEX table_export_by_table ON table_export (table_arn, id);
CREATE INDEX table_export_by_token ON table_export (client_token);
CREATE INDEX table_export_in_progress ON table_export (id) WHERE status = 'IN_PROGRESS';
CREATE SEQUENCE table_export_seq INCREMENT BY 1;

-- The data files an export wrote, as its manifest-files.json lists them.
CREATE TABLE table_export_file (
    export_id      bigint  NOT NULL REFERENCES table_export (id) ON DELETE CASCADE,
    n              integer NOT NULL,
    s3_key         text    NOT NULL,
    item_count     bigint  NOT NULL,
    md5_checksum   text    NOT NULL,
    etag           text,
    PRIMARY KEY (export_id, n)
);

-- One row per import. The new table is CREATING from the request on; the table-import job stages the objects' items
-- in an internal backup (type IMPORT, staging), an object per transaction (after_key: the last object read), then the
-- table-restore job copies them into the table as it restores a backup, with the index entries.
--   request      the request as received (S3BucketOwner and ClientToken filled in when not given)
--   failing_since, last_error   as for exports
CREATE TABLE table_import (
    id                    bigint       PRIMARY KEY,
    arn                   text         COLLATE "C" NOT NULL UNIQUE,
    table_id              bigint       NOT NULL,
    table_name            text         COLLATE "C" NOT NULL,
    table_arn             text         NOT NULL,
    table_uuid            text         NOT NULL,
    status                text         NOT NULL,
    client_token          text,
    request               jsonb        NOT NULL,
    started_at            timestamptz  NOT NULL,
    ended_at              timestamptz,
    processed_size_bytes  bigint       NOT NULL DEFAULT 0,
    processed_item_count  bigint       NOT NULL DEFAULT 0,
    imported_item_count   bigint       NOT NULL DEFAULT 0,
    error_count           bigint       NOT NULL DEFAULT 0,
    failure_code          text,
    failure_message       text,
    staging               bigint,
    after_key             text,
    failing_since         timestamptz,
    last_error            text
);

CREATE INDEX table_import_by_table ON table_import (table_arn, id);
CREATE INDEX table_import_by_token ON table_import (client_token);
CREATE INDEX table_import_in_progress ON table_import (table_id) WHERE status = 'IN_PROGRESS';
CREATE SEQUENCE table_import_seq INCREMENT BY 1;

-- The lines an import could not import, one row each: what DynamoDB writes to CloudWatch Logs (log group
-- /aws-dynamodb/imports), for SQL. DescribeImport's CloudWatchLogGroupArn names that group.
--   item_index   the line's (or Ion value's, or CSV record's) number in its object, from 0 (itemS3Pointer.itemIndex)
CREATE TABLE import_error_log (
    import_id    bigint       NOT NULL REFERENCES table_import (id) ON DELETE CASCADE,
    logged_at    timestamptz  NOT NULL DEFAULT now(),
    s3_bucket    text         NOT NULL,
    object_key   text         NOT NULL,
    item_index   bigint       NOT NULL,
    message      text         NOT NULL
);

CREATE INDEX import_error_log_by_import ON import_error_log (import_id, object_key, item_index);
