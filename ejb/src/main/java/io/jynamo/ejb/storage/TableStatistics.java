package io.jynamo.ejb.storage;

import io.jynamo.ejb.schema.Datasource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The item counts and sizes DescribeTable reports, as last measured (rows of {@code table_statistics}). DynamoDB
 * "updates this value approximately every six hours; recent changes might not be reflected in this value" (the
 * ItemCount, TableSizeBytes and IndexSizeBytes of its API reference): so does Jynamo, through the table-statistics
 * job, so that DescribeTable, which SDK waiters call in loops, reads one small row per partition instead of
 * counting the table.
 */
@ApplicationScoped
public class TableStatistics {
    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    /** What was measured of one partition (zero before its first measurement). */
    public record Measured(long itemCount, long sizeBytes) {
        static final Measured NONE = new Measured(0, 0);
    }

    /** The measurements of the table's partitions (its items' and its indexes'), by partition name. */
    public Map<String, Measured> of(long tableId) {
        Map<String, Measured> measured = new HashMap<>();
        String sql = "SELECT partition, item_count, size_bytes FROM table_statistics WHERE table_id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, tableId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    measured.put(rs.getString(1), new Measured(rs.getLong(2), rs.getLong(3)));
                }
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        }
        return measured;
    }

    static Measured in(Map<String, Measured> measured, String partition) {
        return measured.getOrDefault(partition, Measured.NONE);
    }

    /**
     * Counts the partition's rows and sums their sizes (DynamoDB's item sizes), and records the result. A full read
     * of the partition, without locks: run by the job, never by a request. False when the partition is gone (its
     * table or index deleted meanwhile).
     */
    public boolean measure(long tableId, String partition) {
        String count = "SELECT count(*), coalesce(sum(size), 0) FROM " + partition;
        String upsert = "INSERT INTO table_statistics (partition, table_id, item_count, size_bytes, measured_at)"
                + " VALUES (?, ?, ?, ?, now()) ON CONFLICT (partition) DO UPDATE SET item_count = excluded.item_count,"
                + " size_bytes = excluded.size_bytes, measured_at = excluded.measured_at";
        try (Connection c = dataSource.getConnection()) {
            long items;
            long bytes;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(count)) {
                rs.next();
                items = rs.getLong(1);
                bytes = rs.getLong(2);
            }
            try (PreparedStatement ps = c.prepareStatement(upsert)) {
                ps.setString(1, partition);
                ps.setLong(2, tableId);
                ps.setLong(3, items);
                ps.setLong(4, bytes);
                ps.executeUpdate();
            }
            return true;
        } catch (SQLException e) {
            if (ItemStore.UNDEFINED_TABLE.equals(e.getSQLState())) {
                return false;
            }
            throw new StorageException(e);
        }
    }

    /** Forgets the measurements of a deleted table (all of its partitions). */
    void forgetTable(long tableId) {
        execute("DELETE FROM table_statistics WHERE table_id = ?", tableId, null);
    }

    /** Forgets the measurement of a deleted index. */
    void forgetPartition(String partition) {
        execute("DELETE FROM table_statistics WHERE partition = ?", null, partition);
    }

    private void execute(String sql, Long id, String partition) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (id != null) {
                ps.setLong(1, id);
            } else {
                ps.setString(1, partition);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }
}
