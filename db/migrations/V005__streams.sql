-- DynamoDB Streams: the streams of tables (one row per stream ever enabled, kept after it is disabled or its table
-- deleted, while its records may still be read) and their change records.

CREATE SEQUENCE stream_seq INCREMENT BY 1;

--   label            the stream's label, its enabling time in UTC to the millisecond ("2015-05-11T21:21:33.291");
--                    the stream's ARN is the table's ARN + "/stream/" + label
--   key_schema       the table's key schema, as DescribeStream shows it (jsonb list of KeySchemaElement)
--   last_sequence    the highest sequence number handed out to the stream's records (see StreamSequencer)
--   trimmed_through  records with sequence numbers up to this one are gone (older than 24 hours)
CREATE TABLE stream (
    id               bigint       PRIMARY KEY,
    table_id         bigint       NOT NULL,
    table_name       text         COLLATE "C" NOT NULL,
    label            text         NOT NULL,
    view_type        text         NOT NULL,
    key_schema       jsonb        NOT NULL,
    status           text         NOT NULL,
    created_at       timestamptz  NOT NULL,
    disabled_at      timestamptz,
    last_sequence    bigint       NOT NULL DEFAULT 0,
    trimmed_through  bigint       NOT NULL DEFAULT 0,
    UNIQUE (table_name, label)
);

-- The table's enabled stream (and its view type, which every write needs) and its latest stream, enabled or not.
ALTER TABLE catalog_table
    ADD COLUMN stream_id bigint,
    ADD COLUMN stream_view_type text,
    ADD COLUMN latest_stream_id bigint;

-- Change records, written in the transaction of the change they describe. Partitioned by creation hour, so that
-- trimming what is older than 24 hours drops partitions instead of deleting rows (see StreamPartitions); the default
-- partition takes what no hourly partition covers.
--   id          insertion order: the order records committed together are numbered in
--   sequence    the record's place in its stream, given once the record is committed (null until then)
--   images      {"Keys":..., "NewImage":..., "OldImage":...} as the stream's view type wants them (typed JSON)
--   by_ttl      whether the TTL process made the change (userIdentity Service/dynamodb.amazonaws.com)
CREATE TABLE stream_record (
    stream_id   bigint       NOT NULL,
    id          bigint       GENERATED ALWAYS AS IDENTITY,
    created_at  timestamptz  NOT NULL DEFAULT clock_timestamp(),
    sequence    bigint,
    event_id    text         NOT NULL,
    event_name  text         NOT NULL,
    images      text         NOT NULL,
    size_bytes  integer      NOT NULL,
    by_ttl      boolean      NOT NULL DEFAULT false
) PARTITION BY RANGE (created_at);

CREATE TABLE stream_record_default PARTITION OF stream_record DEFAULT;

CREATE INDEX stream_record_by_sequence ON stream_record (stream_id, sequence);
CREATE INDEX stream_record_pending ON stream_record (stream_id, id) WHERE sequence IS NULL;
