package io.jynamo.ejb.capacity;

import io.jynamo.ejb.config.NodeName;
import io.jynamo.ejb.config.Settings;
import io.jynamo.ejb.metrics.ServiceMetrics;
import io.jynamo.ejb.schema.Datasource;
import io.jynamo.ejb.storage.Jdbc;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The capacity units consumed and the requests throttled, per table and global index and per period (a minute by
 * default, CloudWatch's period for DynamoDB's metrics), in table {@code capacity_usage}: what auto scaling tracks, and
 * what usage and cost reports read, and the metrics' consumed units and throttle events ({@link ServiceMetrics}).
 * {@link CapacityMeter} reports every request here; the figures add up in memory and
 * each node writes its own rows every few seconds, so a request costs no round trip and nodes never contend. (A CDI
 * bean, not a singleton EJB: requests add to it concurrently, without the container's locks and transaction handling.)
 */
@ApplicationScoped
public class CapacityUsage {
    private static final Logger LOG = Logger.getLogger(CapacityUsage.class.getName());

    /** The length of a period; shortened only in tests of auto scaling. */
    private final long periodMillis = Settings.seconds("jynamo.capacity.usage-period-seconds",
            "JYNAMO_CAPACITY_USAGE_PERIOD_SECONDS", Duration.ofMinutes(1)).toMillis();

    /** @param index "" for the table itself */
    private record Key(long tableId, String tableName, String index, long periodStart) { }

    private static final class Counts {
        final DoubleAdder read = new DoubleAdder();
        final DoubleAdder write = new DoubleAdder();
        final LongAdder throttledReads = new LongAdder();
        final LongAdder throttledWrites = new LongAdder();
    }

    private final Map<Key, Counts> pending = new ConcurrentHashMap<>();
    private final String node = NodeName.get();

    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @Inject
    private ServiceMetrics metrics;

    private ScheduledFuture<?> task;

    /** How often a node writes its figures: often enough that a period's are in PostgreSQL soon after it ends. */
    private final long flushMillis = Math.max(1000, Math.min(periodMillis / 2, 5000));

    /** Starts flushing with the application (an application-scoped bean is otherwise made at its first use). */
    void start(@Observes Startup startup) {
        task = scheduler.scheduleWithFixedDelay(this::flush, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
            flush();
        }
    }

    public Duration period() {
        return Duration.ofMillis(periodMillis);
    }

    /** The start of the period under way. */
    public Instant currentPeriod() {
        return Instant.ofEpochMilli(Math.floorDiv(System.currentTimeMillis(), periodMillis) * periodMillis);
    }

    /**
     * The end of the last period whose figures every node has written by now (a node writes a period's after it
     * ends, within {@link #flushMillis}, and its writing takes a moment).
     */
    public Instant settledUntil() {
        long settled = System.currentTimeMillis() - flushMillis - 500;
        return Instant.ofEpochMilli(Math.floorDiv(settled, periodMillis) * periodMillis);
    }

    /** Adds units a request consumed on a table ({@code index} "") or one of its global indexes. */
    void consumed(long tableId, String tableName, String index, double read, double write) {
        metrics.consumed(tableName, index, read, write);
        if (read > 0 || write > 0) {
            Counts c = counts(tableId, tableName, index);
            c.read.add(read);
            c.write.add(write);
        }
    }

    /** Counts a request refused for want of the table's (or global index's) capacity. */
    void throttled(long tableId, String tableName, String index, boolean write) {
        metrics.throttleEvent(tableName, index, write);
        Counts c = counts(tableId, tableName, index);
        (write ? c.throttledWrites : c.throttledReads).increment();
    }

    private Counts counts(long tableId, String tableName, String index) {
        long period = Math.floorDiv(System.currentTimeMillis(), periodMillis) * periodMillis;
        return pending.computeIfAbsent(new Key(tableId, tableName, index, period), k -> new Counts());
    }

    /**
     * Writes what was added since the last flush. Each figure is taken with sumThenReset, cell by cell, so an addition
     * made meanwhile lands in this flush or the next, never in neither.
     */
    void flush() {
        String sql = "INSERT INTO capacity_usage (table_id, table_name, index_name, period_start, node, consumed_read,"
                + " consumed_write, throttled_reads, throttled_writes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (table_id, index_name, period_start, node) DO UPDATE SET"
                + " consumed_read = capacity_usage.consumed_read + excluded.consumed_read,"
                + " consumed_write = capacity_usage.consumed_write + excluded.consumed_write,"
                + " throttled_reads = capacity_usage.throttled_reads + excluded.throttled_reads,"
                + " throttled_writes = capacity_usage.throttled_writes + excluded.throttled_writes";
        long current = Math.floorDiv(System.currentTimeMillis(), periodMillis) * periodMillis;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int rows = 0;
            for (Map.Entry<Key, Counts> e : pending.entrySet()) {
                Key k = e.getKey();
                Counts counts = e.getValue();
                if (k.periodStart() < current) {
                    // no request adds to a past period any more (but one under way may still: it is caught next time)
                    pending.remove(k);
                }
                double read = counts.read.sumThenReset();
                double write = counts.write.sumThenReset();
                long throttledReads = counts.throttledReads.sumThenReset();
                long throttledWrites = counts.throttledWrites.sumThenReset();
                if (read == 0 && write == 0 && throttledReads == 0 && throttledWrites == 0) {
                    continue;
                }
                ps.setLong(1, k.tableId());
                ps.setString(2, k.tableName());
                ps.setString(3, k.index());
                ps.setTimestamp(4, Timestamp.from(Instant.ofEpochMilli(k.periodStart())));
                ps.setString(5, node);
                ps.setDouble(6, read);
                ps.setDouble(7, write);
                ps.setLong(8, throttledReads);
                ps.setLong(9, throttledWrites);
                ps.addBatch();
                rows++;
            }
            if (rows > 0) {
                ps.executeBatch();
            }
        } catch (SQLException | RuntimeException e) {
            // the figures of this flush are lost; auto scaling sees less use for those periods
            LOG.log(Level.WARNING, "could not record capacity usage", e);
        }
    }

    /**
     * The units of one kind a table ({@code index} "") or global index consumed in each period from {@code from} to
     * {@code to} (exclusive), all nodes together; periods without use are absent.
     */
    public Map<Instant, Double> consumed(long tableId, String index, boolean write, Instant from, Instant to) {
        Map<Instant, Double> consumed = new TreeMap<>();
        Jdbc.query(dataSource, "SELECT period_start, sum(" + (write ? "consumed_write" : "consumed_read") + ")"
                + " FROM capacity_usage WHERE table_id = ? AND index_name = ? AND period_start >= ?"
                + " AND period_start < ? GROUP BY period_start", ps -> {
                    ps.setLong(1, tableId);
                    ps.setString(2, index);
                    ps.setTimestamp(3, Timestamp.from(from));
                    ps.setTimestamp(4, Timestamp.from(to));
                }, rs -> consumed.put(rs.getTimestamp(1).toInstant(), rs.getDouble(2)));
        return consumed;
    }

    /** Deletes the figures of periods before {@code before}, consumed and provisioned; how many rows. */
    public int forgetBefore(Instant before) {
        int rows = 0;
        for (String table : new String[] {"capacity_usage", "capacity_provisioned"}) {
            rows += Jdbc.update(dataSource, "DELETE FROM " + table + " WHERE period_start < ?",
                    ps -> ps.setTimestamp(1, Timestamp.from(before)));
        }
        return rows;
    }
}
