package io.jynamo.ejb.capacity;

import io.jynamo.ejb.schema.Datasource;
import io.jynamo.ejb.storage.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Usage and cost per table (its indexes included) over a span, from view {@code usage_cost}. */
@ApplicationScoped
public class UsageReport {
    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    /** One table's figures over the span; costs in the configured rates' currency. */
    public record TableUsage(String tableName, double consumedRead, double consumedWrite, long throttledReads,
                             long throttledWrites, BigDecimal throughputCost, BigDecimal storageCost) { }

    /** Every table with periods recorded since {@code from}, by name. */
    public List<TableUsage> since(Instant from) {
        return Jdbc.query(dataSource, "SELECT table_name, sum(consumed_read), sum(consumed_write),"
                + " sum(throttled_reads), sum(throttled_writes), sum(throughput_cost), sum(storage_cost)"
                + " FROM usage_cost WHERE period_start >= ? GROUP BY table_name ORDER BY table_name",
                ps -> ps.setTimestamp(1, Timestamp.from(from)),
                rs -> new TableUsage(rs.getString(1), rs.getDouble(2), rs.getDouble(3), rs.getLong(4), rs.getLong(5),
                        rs.getBigDecimal(6), rs.getBigDecimal(7)));
    }
}
