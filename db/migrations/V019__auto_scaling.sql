-- Capacity used per period (io.jynamo.ejb.capacity.CapacityUsage) and Application Auto Scaling
-- (io.jynamo.ejb.autoscaling). Ordinary tables an operator or analyst can query, e.g. the read units a table consumed
-- per minute, all nodes together:
--   SELECT period_start, sum(consumed_read) FROM capacity_usage
--   WHERE table_name = 'Music' AND index_name = '' GROUP BY 1 ORDER BY 1 DESC;
--   SELECT start_time, description, cause, status_code FROM scaling_activity ORDER BY start_time DESC;

-- The capacity units a node's requests consumed, and the requests it refused for want of capacity, per table and
-- global index and per period (JYNAMO_CAPACITY_USAGE_PERIOD_SECONDS, 60: CloudWatch's minute). A node adds to its
-- own rows only, so nodes never wait on each other's; sum over nodes for the table's figures.
--   index_name       '' for the table itself (its local indexes' units included, as DynamoDB counts them)
--   period_start     the start of the period the requests ended in
--   throttled_reads, throttled_writes  requests refused (ProvisionedThroughputExceeded, ThrottlingException)
CREATE TABLE capacity_usage (
    table_id          bigint           NOT NULL,
    table_name        text             COLLATE "C" NOT NULL,
    index_name        text             COLLATE "C" NOT NULL,
    period_start      timestamptz      NOT NULL,
    node              text             NOT NULL,
    consumed_read     double precision NOT NULL,
    consumed_write    double precision NOT NULL,
    throttled_reads   bigint           NOT NULL,
    throttled_writes  bigint           NOT NULL,
    PRIMARY KEY (table_id, index_name, period_start, node)
);
CREATE INDEX capacity_usage_period ON capacity_usage (period_start);

-- A scalable target: a table's (table/T) or global index's (table/T/index/I) read or write capacity, scaled between
-- min_capacity and max_capacity. Deregistering deletes its policies.
CREATE TABLE scalable_target (
    resource_id            text        COLLATE "C" NOT NULL,
    scalable_dimension     text        NOT NULL,
    table_name             text        COLLATE "C" NOT NULL,
    index_name             text        COLLATE "C",
    min_capacity           integer     NOT NULL,
    max_capacity           integer     NOT NULL,
    role_arn               text        NOT NULL,
    scaling_in_suspended   boolean     NOT NULL,
    scaling_out_suspended  boolean     NOT NULL,
    scheduled_suspended    boolean     NOT NULL,
    arn                    text        NOT NULL UNIQUE,
    tags                   jsonb,
    created_at             timestamptz NOT NULL,
    PRIMARY KEY (resource_id, scalable_dimension)
);

-- A target-tracking policy of a target: TargetTrackingScalingPolicyConfiguration with a predefined DynamoDB metric.
--   alarm_id   the UUID in the names of the alarms the policy is said to watch with
CREATE TABLE scaling_policy (
    arn                 text             PRIMARY KEY,
    policy_name         text             NOT NULL,
    resource_id         text             COLLATE "C" NOT NULL,
    scalable_dimension  text             NOT NULL,
    target_value        double precision NOT NULL,
    metric_type         text             NOT NULL,
    scale_out_cooldown  integer          NOT NULL,
    scale_in_cooldown   integer          NOT NULL,
    disable_scale_in    boolean          NOT NULL,
    alarm_id            text             NOT NULL,
    created_at          timestamptz      NOT NULL,
    UNIQUE (resource_id, scalable_dimension, policy_name),
    FOREIGN KEY (resource_id, scalable_dimension) REFERENCES scalable_target ON DELETE CASCADE
);

-- What auto scaling did to a target (DescribeScalingActivities): kept six weeks, as the service keeps them.
--   direction   'out' (capacity raised by a policy), 'in' (lowered by a policy), 'bounds' (moved into a new min/max);
--               the cooldowns count from the last successful scale-out and scale-in
CREATE TABLE scaling_activity (
    activity_id         text        PRIMARY KEY,
    resource_id         text        COLLATE "C" NOT NULL,
    scalable_dimension  text        NOT NULL,
    direction           text        NOT NULL,
    description         text        NOT NULL,
    cause               text        NOT NULL,
    start_time          timestamptz NOT NULL,
    end_time            timestamptz,
    status_code         text        NOT NULL,
    status_message      text
);
CREATE INDEX scaling_activity_target ON scaling_activity (resource_id, scalable_dimension, start_time DESC);
