-- Usage and cost per table and index per period (io.jynamo.ejb.capacity.UsageRecording, the usage job), readable by
-- SQL and on GET /admin/usage. For example, what each table cost in the last day, at the rates configured:
--   SELECT table_name, sum(throughput_cost + storage_cost) FROM usage_cost
--   WHERE period_start > now() - interval '1 day' GROUP BY 1 ORDER BY 2 DESC;

-- What each table and index had each period, recorded once a period by the usage job: its billing mode and class,
-- its provisioned capacity (null when on demand; local indexes have none of their own) and its billable storage
-- (the items' sizes plus DynamoDB's 100 bytes of overhead per item, as last measured by the table-statistics job).
--   index_name  '' for the table itself
CREATE TABLE capacity_provisioned (
    table_id           bigint      NOT NULL,
    table_name         text        COLLATE "C" NOT NULL,
    index_name         text        COLLATE "C" NOT NULL,
    period_start       timestamptz NOT NULL,
    period_seconds     integer     NOT NULL,
    billing_mode       text        NOT NULL,
    table_class        text        NOT NULL,
    provisioned_read   bigint,
    provisioned_write  bigint,
    storage_bytes      bigint      NOT NULL,
    PRIMARY KEY (table_id, index_name, period_start)
);
CREATE INDEX capacity_provisioned_period ON capacity_provisioned (period_start);

-- The rates of DynamoDB's pricing structure, per table class, as configured (JYNAMO_PRICE_*; every node writes the
-- rates it was started with): on-demand request units, provisioned capacity-hours, storage GB-months.
CREATE TABLE pricing (
    table_class               text    PRIMARY KEY,
    read_request_unit         numeric NOT NULL,
    write_request_unit        numeric NOT NULL,
    read_capacity_unit_hour   numeric NOT NULL,
    write_capacity_unit_hour  numeric NOT NULL,
    storage_gb_month          numeric NOT NULL
);

-- Per table (index_name '') and index and per period: consumed and provisioned capacity, throttled requests, storage,
-- and the cost estimate: on demand, the request units consumed; provisioned, the capacity-hours provisioned; storage
-- by the GB-month (a month of 730 hours, as AWS bills).
CREATE VIEW usage_cost AS
WITH consumed AS (
    SELECT table_id, index_name, period_start, sum(consumed_read) AS consumed_read,
           sum(consumed_write) AS consumed_write, sum(throttled_reads) AS throttled_reads,
           sum(throttled_writes) AS throttled_writes
    FROM capacity_usage GROUP BY table_id, index_name, period_start
)
SELECT p.table_id, p.table_name, p.index_name, p.period_start, p.period_seconds, p.billing_mode, p.table_class,
       p.provisioned_read, p.provisioned_write, p.storage_bytes,
       coalesce(c.consumed_read, 0) AS consumed_read, coalesce(c.consumed_write, 0) AS consumed_write,
       coalesce(c.throttled_reads, 0) AS throttled_reads, coalesce(c.throttled_writes, 0) AS throttled_writes,
       CASE WHEN p.billing_mode = 'PAY_PER_REQUEST'
            THEN coalesce(c.consumed_read, 0) * r.read_request_unit
                 + coalesce(c.consumed_write, 0) * r.write_request_unit
            ELSE (coalesce(p.provisioned_read, 0) * r.read_capacity_unit_hour
                  + coalesce(p.provisioned_write, 0) * r.write_capacity_unit_hour) * p.period_seconds / 3600.0
       END AS throughput_cost,
       p.storage_bytes / 1073741824.0 * r.storage_gb_month * p.period_seconds / (730 * 3600.0) AS storage_cost
FROM capacity_provisioned p
LEFT JOIN consumed c USING (table_id, index_name, period_start)
JOIN pricing r ON r.table_class = p.table_class;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jynamo_reporting') THEN
        GRANT SELECT ON capacity_usage, capacity_provisioned, pricing, usage_cost, scalable_target, scaling_policy,
            scaling_activity TO jynamo_reporting;
    END IF;
END $$;
