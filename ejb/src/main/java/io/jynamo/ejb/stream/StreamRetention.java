package io.jynamo.ejb.stream;

import io.jynamo.ejb.schema.Datasource;
import io.jynamo.ejb.storage.StorageException;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps stream records 24 hours, cheaply: {@code stream_record} is partitioned by the hour of the records' creation,
 * partitions are created ahead of time, and a partition whose hour is more than 24 hours past is dropped whole
 * rather than deleted row by row. A default partition takes records no hourly partition covers (before the first
 * partitions exist, say); it is trimmed by DELETE. Each step is a transaction of its own.
 *
 * <p>"DynamoDB Streams stores this information in a log for up to 24 hours" (Developer Guide); records older than
 * that may go at any moment. Before records go, their stream's {@code trimmed_through} is raised past them, so readers
 * positioned before them get TrimmedDataAccessException.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class StreamRetention {
    /** How long records are kept. */
    public static final Duration RETENTION = Duration.ofHours(24);
    /** Hourly partitions made ahead of need. */
    static final int HOURS_AHEAD = 3;

    private static final String PREFIX = "stream_record_p";
    /**
     * Creating and dropping a partition locks the whole record table, and writers queue behind a waiting lock: wait
     * briefly for it, and leave the step to the next run if it is not to be had.
     */
    private static final String BRIEF_LOCKS = "SET LOCAL lock_timeout = '2s'";
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);

    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    /** Creates the hourly partition of this hour, unless it exists or the default partition holds records of it. */
    public boolean createPartition(Instant hour) {
        Instant from = hour.truncatedTo(ChronoUnit.HOURS);
        Instant to = from.plus(Duration.ofHours(1));
        String name = PREFIX + HOUR.format(from);
        try (Connection c = dataSource.getConnection()) {
            if (exists(c, name) || defaultHasRecords(c, from, to)) {
                return false;
            }
            try (Statement s = c.createStatement()) {
                s.execute(BRIEF_LOCKS);
                s.execute("CREATE TABLE " + name + " PARTITION OF stream_record FOR VALUES FROM ('" + from
                        + "') TO ('" + to + "')");
            }
            return true;
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    /** The hourly partitions whose hour ended before {@code cutoff}. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<String> partitionsBefore(Instant cutoff) {
        List<String> old = new ArrayList<>();
        String sql = "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = 'stream_record'::regclass AND c.relname LIKE '" + PREFIX + "%'";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String name = rs.getString(1);
                Instant hour = java.time.LocalDateTime.parse(name.substring(PREFIX.length()),
                        DateTimeFormatter.ofPattern("yyyyMMddHH")).toInstant(ZoneOffset.UTC);
                if (!hour.plus(Duration.ofHours(1)).isAfter(cutoff)) {
                    old.add(name);
                }
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        }
        return old;
    }

    /** Drops an hourly partition, after numbering and marking its records trimmed; returns how many records went. */
    public long dropPartition(String partition) {
        try (Connection c = dataSource.getConnection()) {
            holdRecords(c);
            long count = numberAndMarkTrimmed(c, partition, null);
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE " + partition);
            }
            return count;
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    /** Deletes the default partition's records created before {@code cutoff}; returns how many. */
    public long trimDefault(Instant cutoff) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM stream_record_default"
                    + " WHERE created_at < ?)")) {
                ps.setTimestamp(1, Timestamp.from(cutoff));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return 0;
                    }
                }
            }
            holdRecords(c);
            numberAndMarkTrimmed(c, "stream_record_default", cutoff);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM stream_record_default WHERE created_at < ?")) {
                ps.setTimestamp(1, Timestamp.from(cutoff));
                return ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    /**
     * Takes the record table for the rest of the transaction, briefly waited for: no record is written or numbered
     * while records go, and taking it before the stream rows keeps the sequencer's lock order (records, then streams).
     */
    private static void holdRecords(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(BRIEF_LOCKS);
            s.execute("LOCK TABLE stream_record IN ACCESS EXCLUSIVE MODE");
        }
    }

    /**
     * Numbers the unnumbered records of the streams that have records in {@code table} (before {@code cutoff}, if
     * given), then raises each stream's trimmed_through past them; returns how many records are concerned.
     */
    private static long numberAndMarkTrimmed(Connection c, String table, Instant cutoff) throws SQLException {
        String where = cutoff == null ? "" : " WHERE created_at < ?";
        List<Long> streams = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT stream_id FROM " + table + where)) {
            if (cutoff != null) {
                ps.setTimestamp(1, Timestamp.from(cutoff));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    streams.add(rs.getLong(1));
                }
            }
        }
        for (long stream : streams) {
            StreamSequencer.number(c, stream, 0);
        }
        return markTrimmed(c, "SELECT stream_id, max(sequence), count(*) FROM " + table + where
                + " GROUP BY stream_id", cutoff);
    }

    /**
     * Forgets the streams disabled before {@code cutoff} whose records are all gone, unless a table still shows
     * the stream as its latest; returns how many.
     */
    public int forgetStreams(Instant cutoff) {
        String sql = "DELETE FROM stream s WHERE s.status = 'DISABLED' AND s.disabled_at < ?"
                + " AND NOT EXISTS (SELECT 1 FROM stream_record r WHERE r.stream_id = s.id)"
                + " AND NOT EXISTS (SELECT 1 FROM catalog_table t WHERE t.latest_stream_id = s.id)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    /** Raises each stream's trimmed_through to the highest sequence number the query finds for it. */
    private static long markTrimmed(Connection c, String perStream, Instant cutoff) throws SQLException {
        long count = 0;
        try (PreparedStatement ps = c.prepareStatement(perStream);
             PreparedStatement mark = c.prepareStatement("UPDATE stream SET trimmed_through = "
                     + "greatest(trimmed_through, ?) WHERE id = ?")) {
            if (cutoff != null) {
                ps.setTimestamp(1, Timestamp.from(cutoff));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    count += rs.getLong(3);
                    long max = rs.getLong(2);
                    if (!rs.wasNull()) {
                        mark.setLong(1, max);
                        mark.setLong(2, rs.getLong(1));
                        mark.executeUpdate();
                    }
                }
            }
        }
        return count;
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static boolean defaultHasRecords(Connection c, Instant from, Instant to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM stream_record_default"
                + " WHERE created_at >= ? AND created_at < ?)")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
