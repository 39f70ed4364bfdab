package io.jynamo.bench;

/**
 * One measured run of one mix against one target (the raw-HTTP benchmark): throughput and wrk's latency percentiles
 * in milliseconds (for the PostgreSQL ceiling only the average pgbench gives, as p50), and the answers that were not
 * 2xx or did not come; where the server's process is known, the CPU time it spent per request (what the throughput
 * of a 2-core machine shared with the load generator and PostgreSQL hides).
 */
record Measurement(String target, Mix mix, double throughput, double p50, double p90, double p99, double p999,
                   long non2xx, long errors, double serverMicrosPerRequest) {

    /** The same with the CPU time the server's process spent per request, in microseconds. */
    Measurement withServerCpu(double micros) {
        return new Measurement(target, mix, throughput, p50, p90, p99, p999, non2xx, errors, micros);
    }
}
