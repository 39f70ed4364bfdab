package io.jynamo.ejb.capacity;

import io.jynamo.core.table.SecondaryIndex;
import io.jynamo.ejb.jobs.MaintenanceTask;
import io.jynamo.ejb.schema.Datasource;
import io.jynamo.ejb.storage.Catalog;
import io.jynamo.ejb.storage.IndexStore;
import io.jynamo.ejb.storage.Jdbc;
import io.jynamo.ejb.storage.TableEntity;
import io.jynamo.ejb.storage.TableStatistics;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The usage job: once a period, what each table and index has (billing mode, class, provisioned capacity, billable
 * storage) in table {@code capacity_provisioned}, and the configured rates in {@code pricing}: with the consumed units
 * of {@link CapacityUsage}, what view {@code usage_cost} estimates costs from.
 */
@ApplicationScoped
public class UsageRecording implements MaintenanceTask {
    /** DynamoDB's storage overhead per item, counted in billable storage. */
    static final long ITEM_OVERHEAD_BYTES = 100;
    /** How far back a run records periods that no run recorded. */
    static final Duration BACKFILL = Duration.ofHours(1);

    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    @Inject
    private CapacityUsage usage;

    @Inject
    private Catalog catalog;

    @Inject
    private TableStatistics statistics;

    @Override
    public String name() {
        return "usage";
    }

    @Override
    public String description() {
        return "Records each table's and index's provisioned capacity and storage per period, for the cost estimates";
    }

    @Override
    public Duration defaultInterval() {
        return usage.period();
    }

    @Override
    public String run(BooleanSupplier stopping) {
        for (Pricing p : List.of(Pricing.standard(), Pricing.infrequentAccess())) {
            Jdbc.update(dataSource, "INSERT INTO pricing VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (table_class) DO UPDATE"
                    + " SET read_request_unit = excluded.read_request_unit, write_request_unit = "
                    + "excluded.write_request_unit, read_capacity_unit_hour = excluded.read_capacity_unit_hour,"
                    + " write_capacity_unit_hour = excluded.write_capacity_unit_hour,"
                    + " storage_gb_month = excluded.storage_gb_month", ps -> {
                        ps.setString(1, p.tableClass());
                        ps.setBigDecimal(2, p.readRequestUnit());
                        ps.setBigDecimal(3, p.writeRequestUnit());
                        ps.setBigDecimal(4, p.readCapacityUnitHour());
                        ps.setBigDecimal(5, p.writeCapacityUnitHour());
                        ps.setBigDecimal(6, p.storageGbMonth());
                    });
        }
        // the periods since the last recorded (a run may come late, or the cluster may have been down), up to an hour
        Instant current = usage.currentPeriod();
        Instant last = Jdbc.query(dataSource, "SELECT max(period_start) FROM capacity_provisioned", ps -> { },
                rs -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant()).get(0);
        Instant first = last == null || last.isBefore(current.minus(BACKFILL))
                ? current : last.plus(usage.period());
        int periods = 0;
        for (Instant period = first; !period.isAfter(current); period = period.plus(usage.period())) {
            if (stopping.getAsBoolean()) {
                break;
            }
            recordPeriod(period);
            periods++;
        }
        return "recorded " + periods + " periods up to " + current;
    }

    private void recordPeriod(Instant period) {
        for (TableEntity t : catalog.liveTables()) {
            Map<String, TableStatistics.Measured> measured = statistics.of(t.getId());
            boolean provisioned = "PROVISIONED".equals(t.getBillingMode());
            record(t, "", period, provisioned ? t.getReadCapacity() : null,
                    provisioned ? t.getWriteCapacity() : null, storage(measured, t.itemPartition()));
            for (SecondaryIndex i : Catalog.indexes(t)) {
                boolean own = provisioned && i.global() && i.throughput() != null;
                record(t, i.name(), period, own ? i.throughput().readCapacityUnits() : null,
                        own ? i.throughput().writeCapacityUnits() : null,
                        storage(measured, IndexStore.partition(i)));
            }
        }
    }

    private static long storage(Map<String, TableStatistics.Measured> measured, String partition) {
        TableStatistics.Measured m = measured.get(partition);
        return m == null ? 0 : m.sizeBytes() + ITEM_OVERHEAD_BYTES * m.itemCount();
    }

    private void record(TableEntity t, String index, Instant period, Long read, Long write, long storage) {
        Jdbc.update(dataSource, "INSERT INTO capacity_provisioned (table_id, table_name, index_name, period_start,"
                + " period_seconds, billing_mode, table_class, provisioned_read, provisioned_write, storage_bytes)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", ps -> {
                    ps.setLong(1, t.getId());
                    ps.setString(2, t.getName());
                    ps.setString(3, index);
                    ps.setTimestamp(4, Timestamp.from(period));
                    ps.setInt(5, (int) usage.period().toSeconds());
                    ps.setString(6, t.getBillingMode());
                    ps.setString(7, t.getTableClass() == null ? "STANDARD" : t.getTableClass());
                    if (read == null) {
                        ps.setNull(8, Types.BIGINT);
                        ps.setNull(9, Types.BIGINT);
                    } else {
                        ps.setLong(8, read);
                        ps.setLong(9, write);
                    }
                    ps.setLong(10, storage);
                });
    }
}
