package io.jynamo.ejb.metrics;

import io.jynamo.core.table.SecondaryIndex;
import io.jynamo.ejb.storage.Catalog;
import io.jynamo.ejb.storage.TableEntity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's metrics, in Prometheus's text format: DynamoDB's CloudWatch metrics under CloudWatch's names and
 * dimensions (ConsumedReadCapacityUnits with TableName and GlobalSecondaryIndexName, SuccessfulRequestLatency with
 * TableName and Operation, and so on; see the README's Metrics section), the jobs' runs, the database connection pool
 * and the JVM. Counters count since the node started; Prometheus sums the nodes.
 */
@ApplicationScoped
public class ServiceMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** Provisioned capacity per table and global index, as last scraped: the gauges read these. */
    private final Map<Tags, AtomicLong> provisioned = new ConcurrentHashMap<>();

    @Inject
    private Catalog catalog;

    public ServiceMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        Gauge.builder("jynamo.datasource.connections.active", () -> pool("ActiveCount"))
                .description("Connections of the PostgreSQL pool in use").register(registry);
        Gauge.builder("jynamo.datasource.connections.available", () -> pool("AvailableCount"))
                .description("Connections of the PostgreSQL pool free to use").register(registry);
    }

    /** What a request came to, as CloudWatch sorts requests. */
    public enum Outcome { SUCCEEDED, THROTTLED, CONDITIONAL_CHECK_FAILED, TRANSACTION_CONFLICT, USER_ERROR, SYSTEM_ERROR }

    /** Units consumed on a table ({@code index} "") or one of its global indexes. */
    public void consumed(String table, String index, double read, double write) {
        if (read > 0) {
            Counter.builder("ConsumedReadCapacityUnits").tags(resource(table, index)).register(registry)
                    .increment(read);
        }
        if (write > 0) {
            Counter.builder("ConsumedWriteCapacityUnits").tags(resource(table, index)).register(registry)
                    .increment(write);
        }
    }

    /** A request refused for want of a table's (or global index's) capacity or maximum. */
    public void throttleEvent(String table, String index, boolean write) {
        Counter.builder(write ? "WriteThrottleEvents" : "ReadThrottleEvents").tags(resource(table, index))
                .register(registry).increment();
    }

    /**
     * A request of the operation, on the table (null: none, or several) that ended so after {@code nanos}.
     */
    public void request(String operation, String table, long nanos, Outcome outcome) {
        Tags tags = table == null ? Tags.of("Operation", operation) : Tags.of("TableName", table, "Operation",
                operation);
        switch (outcome) {
            case SUCCEEDED -> Timer.builder("SuccessfulRequestLatency").tags(tags).publishPercentileHistogram()
                    .maximumExpectedValue(Duration.ofSeconds(10)).register(registry)
                    .record(nanos, TimeUnit.NANOSECONDS);
            case THROTTLED -> Counter.builder("ThrottledRequests").tags(tags).register(registry).increment();
            case CONDITIONAL_CHECK_FAILED -> Counter.builder("ConditionalCheckFailedRequests")
                    .tags(table == null ? Tags.empty() : Tags.of("TableName", table)).register(registry).increment();
            case TRANSACTION_CONFLICT -> Counter.builder("TransactionConflict")
                    .tags(table == null ? Tags.empty() : Tags.of("TableName", table)).register(registry).increment();
            case USER_ERROR -> Counter.builder("UserErrors").register(registry).increment();
            case SYSTEM_ERROR -> Counter.builder("SystemErrors").tags(tags).register(registry).increment();
        }
    }

    /** Items a Query or Scan returned. */
    public void returnedItems(String table, String operation, int count) {
        Counter.builder("ReturnedItemCount").tags("TableName", table, "Operation", operation).register(registry)
                .increment(count);
    }

    /** Items Time to Live deleted. */
    public void timeToLiveDeleted(String table, int count) {
        Counter.builder("TimeToLiveDeletedItemCount").tags("TableName", table).register(registry).increment(count);
    }

    /** A run of a maintenance job that ended, well or not, after {@code nanos}. */
    public void jobRun(String job, boolean succeeded, long nanos) {
        Timer.builder("jynamo.job.runs").tags("Job", job, "Outcome", succeeded ? "succeeded" : "failed")
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Everything, in Prometheus's text format; the provisioned capacities read from the catalog now. */
    public String scrape() {
        refreshProvisioned();
        return registry.scrape();
    }

    /** ProvisionedRead/WriteCapacityUnits per provisioned table and global index, and the account's totals. */
    private void refreshProvisioned() {
        Set<Tags> seen = new HashSet<>();
        long read = 0;
        long write = 0;
        for (TableEntity t : catalog.liveTables()) {
            if (!"PROVISIONED".equals(t.getBillingMode())) {
                continue;
            }
            read += t.getReadCapacity();
            write += t.getWriteCapacity();
            set(seen, "ProvisionedReadCapacityUnits", resource(t.getName(), ""), t.getReadCapacity());
            set(seen, "ProvisionedWriteCapacityUnits", resource(t.getName(), ""), t.getWriteCapacity());
            for (SecondaryIndex i : Catalog.indexes(t)) {
                if (i.global() && i.throughput() != null) {
                    read += i.throughput().readCapacityUnits();
                    write += i.throughput().writeCapacityUnits();
                    set(seen, "ProvisionedReadCapacityUnits", resource(t.getName(), i.name()),
                            i.throughput().readCapacityUnits());
                    set(seen, "ProvisionedWriteCapacityUnits", resource(t.getName(), i.name()),
                            i.throughput().writeCapacityUnits());
                }
            }
        }
        set(seen, "AccountProvisionedReadCapacityUnits", Tags.empty(), read);
        set(seen, "AccountProvisionedWriteCapacityUnits", Tags.empty(), write);
        // tables deleted or switched to on demand: their gauges go
        for (Tags gone : Set.copyOf(provisioned.keySet())) {
            if (!seen.contains(gone)) {
                provisioned.remove(gone);
                String name = gone.stream().filter(t -> t.getKey().equals("metric")).findFirst().orElseThrow()
                        .getValue();
                Meter meter = registry.find(name).tags(withoutMetric(gone)).gauge();
                if (meter != null) {
                    registry.remove(meter);
                }
            }
        }
    }

    private void set(Set<Tags> seen, String name, Tags tags, long value) {
        Tags key = tags.and("metric", name);
        seen.add(key);
        provisioned.computeIfAbsent(key, k -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder(name, holder, AtomicLong::get).tags(tags).register(registry);
            return holder;
        }).set(value);
    }

    private static Tags withoutMetric(Tags key) {
        Tags tags = Tags.empty();
        for (var t : key) {
            if (!t.getKey().equals("metric")) {
                tags = tags.and(t);
            }
        }
        return tags;
    }

    private static Tags resource(String table, String index) {
        return index == null || index.isEmpty() ? Tags.of("TableName", table)
                : Tags.of("TableName", table, "GlobalSecondaryIndexName", index);
    }

    /** An attribute of the datasource pool's statistics (WildFly's MBean); NaN when they are not enabled. */
    private static double pool(String attribute) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            for (ObjectName name : server.queryNames(new ObjectName(
                    "jboss.as:subsystem=datasources,data-source=*,statistics=pool"), null)) {
                Object value = server.getAttribute(name, attribute);
                if (value instanceof Number n) {
                    return n.doubleValue();
                }
            }
        } catch (Exception unavailable) {
            // statistics disabled or another server: the gauge shows NaN
        }
        return Double.NaN;
    }
}
