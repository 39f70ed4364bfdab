package io.jynamo.ejb.capacity;

import io.jynamo.ejb.jobs.MaintenanceTask;
import io.jynamo.ejb.schema.Datasource;
import io.jynamo.ejb.storage.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
    /** How many periods back a run records those no run recorded. */
    static final int BACKFILL_PERIODS = 10;

    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    @Inject
    private CapacityUsage usage;


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
        // the periods since the last recorded (a run may come late, or the cluster may have been down), a few at most
        Instant current = usage.currentPeriod();
        Instant last = Jdbc.query(dataSource, "SELECT max(period_start) FROM capacity_provisioned", ps -> { },
                rs -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant()).get(0);
        Instant first = last == null || last.isBefore(current.minus(usage.period().multipliedBy(BACKFILL_PERIODS)))
                ? current : last.plus(usage.period());
        int periods = 0;
        int rows = 0;
        for (Instant period = first; !period.isAfter(current); period = period.plus(usage.period())) {
            if (stopping.getAsBoolean()) {
                break;
            }
            rows += recordPeriod(period);
            periods++;
        }
        return "recorded " + rows + " tables and indexes in " + periods + " periods up to " + current;
    }

    /**
     * Records every live table and index for the period, in one statement from the catalog and the measured sizes
     * (a statement per table would cost a round trip each, every period). Partitions are named as
     * {@link io.jynamo.ejb.storage.TableEntity#itemPartition} and {@link io.jynamo.ejb.storage.IndexStore#partition}
     * name them.
     */
    private int recordPeriod(Instant period) {
        String storage = "coalesce(s.size_bytes + " + ITEM_OVERHEAD_BYTES + " * s.item_count, 0)";
        String sql = "INSERT INTO capacity_provisioned (table_id, table_name, index_name, period_start, period_seconds,"
                + " billing_mode, table_class, provisioned_read, provisioned_write, storage_bytes)"
                + " SELECT t.id, t.name, '', ?::timestamptz, ?::integer, t.billing_mode,"
                + " coalesce(t.table_class, 'STANDARD'),"
                + " CASE WHEN t.billing_mode = 'PROVISIONED' THEN t.read_capacity END,"
                + " CASE WHEN t.billing_mode = 'PROVISIONED' THEN t.write_capacity END, " + storage
                + " FROM catalog_table t LEFT JOIN table_statistics s"
                + " ON s.table_id = t.id AND s.partition = 'item_' || t.id WHERE t.status <> 'DELETING'"
                + " UNION ALL"
                + " SELECT t.id, t.name, i ->> 'name', ?::timestamptz, ?::integer, t.billing_mode,"
                + " coalesce(t.table_class, 'STANDARD'),"
                + " CASE WHEN t.billing_mode = 'PROVISIONED' THEN (i ->> 'read')::bigint END,"
                + " CASE WHEN t.billing_mode = 'PROVISIONED' THEN (i ->> 'write')::bigint END, " + storage
                + " FROM catalog_table t CROSS JOIN jsonb_array_elements(t.indexes) i LEFT JOIN table_statistics s"
                + " ON s.table_id = t.id AND s.partition = 'index_entry_' || (i ->> 'id')"
                + " WHERE t.status <> 'DELETING'"
                + " ON CONFLICT DO NOTHING";
        return Jdbc.update(dataSource, sql, ps -> {
            for (int first : new int[] {1, 3}) {
                ps.setTimestamp(first, Timestamp.from(period));
                ps.setInt(first + 1, (int) usage.period().toSeconds());
            }
        });
    }
}
