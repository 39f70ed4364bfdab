package io.jynamo.bench;

/**
 * One measured run of one mix against one target (the raw-HTTP benchmark): throughput and wrk's latency percentiles
 * in milliseconds (for the PostgreSQL ceiling only the average pgbench gives, as p50), and the answers that were not
 * 2xx or did not come.
 */
record Measurement(String target, Mix mix, double throughput, double p50, double p90, double p99, double p999,
                   long non2xx, long errors) {
}
