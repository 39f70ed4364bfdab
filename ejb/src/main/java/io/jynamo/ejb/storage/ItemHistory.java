package io.jynamo.ejb.storage;

import io.jynamo.ejb.config.Settings;
import io.jynamo.ejb.schema.Datasource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The storage of point-in-time recovery: each table's base (partitions of {@code pitr_base}), the history of changes
 * ({@code item_history}, in daily partitions, written by the very statements that write the items: see
 * {@link ItemStore}) and the snapshots that say which changes had committed when ({@code pitr_snapshot}). See
 * {@code V015__point_in_time_recovery.sql} for why snapshots and not timestamps.
 *
 * <p>The state of a table at a recorded snapshot S is its base, with, per item, the latest change of a transaction
 * visible in S and not in the base's snapshot B: both sets are whole transactions, so a restore never holds half of
 * one. Changes in B were copied into the base already (by {@link #copyBase} or {@link #rollBase}).
 */
@ApplicationScoped
public class ItemHistory {
    /**
     * The length of a day for point-in-time recovery: the span of a history partition, and the unit of recovery
     * periods. A day, but for tests of the window ({@code JYNAMO_PITR_DAY_MILLIS}), which cannot wait for days.
     */
    public static final Duration DAY = Settings.millis("jynamo.pitr.day-millis", "JYNAMO_PITR_DAY_MILLIS",
            Duration.ofDays(1));

    /**
     * How long after its transaction started a change may still commit: longer than any transaction runs (an hour, or
     * a quarter of a shortened day). History is read, and kept, this much beyond the times it is asked for.
     */
    static final Duration MARGIN = Duration.ofHours(1).compareTo(DAY.dividedBy(4)) < 0 ? Duration.ofHours(1)
            : DAY.dividedBy(4);

    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    /** For the container. */
    protected ItemHistory() {
    }

    /** For use outside the server (tests). */
    public ItemHistory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static String basePartition(long tableId) {
        return "pitr_base_" + tableId;
    }

    /** Makes the (empty) partition of the table's base, as PITR is enabled. */
    public void createBase(long tableId) {
        Statements.execute(dataSource, "CREATE TABLE IF NOT EXISTS " + basePartition(tableId)
                + " PARTITION OF pitr_base FOR VALUES IN (" + tableId + ")");
    }

    /** Drops the table's base and forgets its snapshot, as PITR is disabled or the table deleted. */
    public void dropBase(long tableId) {
        Statements.execute(dataSource, "DROP TABLE IF EXISTS " + basePartition(tableId));
        Statements.execute(dataSource, "UPDATE catalog_table SET pitr_base_snapshot = NULL, pitr_base_at = NULL"
                + " WHERE id = ?", tableId);
    }

    /**
     * Copies the table's items into its base, with the snapshot the copy read, all in one statement: the base then
     * holds exactly the transactions visible in that snapshot. Must run after the transaction that enabled PITR has
     * committed (every write after it records its change), and does nothing if the base was copied already.
     *
     * @return whether it copied the base
     */
    public boolean copyBase(long tableId, String itemPartition) {
        // the snapshot is recorded with the others too: the base's instant is one a restore can pick
        String sql = "WITH s AS (SELECT pg_current_snapshot() AS snapshot, clock_timestamp() AS at),"
                + " t AS (UPDATE catalog_table SET pitr_base_snapshot = s.snapshot, pitr_base_at = s.at FROM s"
                + " WHERE id = ? AND pitr_enabled AND pitr_base_snapshot IS NULL RETURNING id),"
                + " r AS (INSERT INTO pitr_snapshot (taken_at, snapshot) SELECT s.at, s.snapshot FROM s"
                + " WHERE EXISTS (SELECT 1 FROM t) ON CONFLICT DO NOTHING)"
                + " INSERT INTO " + basePartition(tableId) + " (table_id, hk, rk, item, item_exact, size)"
                + " SELECT table_id, hk, rk, item, item_exact, size FROM " + itemPartition
                + " WHERE EXISTS (SELECT 1 FROM t)";
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT 1 FROM catalog_table WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, tableId);
                lock.executeQuery().close();
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, tableId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pitr_base_snapshot IS NOT NULL FROM catalog_table WHERE id = ?")) {
                ps.setLong(1, tableId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
    }

    /**
     * A table with PITR on, as pitr-prune sees it.
     *
     * @param baseAt null until its base is copied
     */
    public record PitrTable(long id, int recoveryDays, Instant enabledAt, Instant baseAt) {
        /** From when on its history must be kept: its base's time, or (before it has one) when PITR was enabled. */
        public Instant keptFrom() {
            return baseAt != null ? baseAt : enabledAt;
        }
    }

    /** The tables with PITR on. */
    public List<PitrTable> pitrTables() {
        List<PitrTable> tables = new ArrayList<>();
        String sql = "SELECT id, pitr_recovery_days, pitr_enabled_at, pitr_base_at FROM catalog_table"
                + " WHERE pitr_enabled AND status <> 'DELETING' ORDER BY id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp base = rs.getTimestamp(4);
                tables.add(new PitrTable(rs.getLong(1), rs.getInt(2), rs.getTimestamp(3).toInstant(),
                        base == null ? null : base.toInstant()));
            }
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
        return tables;
    }

    /** The tables with PITR on whose base is still to be copied. */
    public List<Long> withoutBase() {
        return Statements.longs(dataSource, "SELECT id FROM catalog_table WHERE pitr_enabled"
                + " AND pitr_base_snapshot IS NULL AND status <> 'DELETING' ORDER BY id");
    }

    /** Records the database's current snapshot: the state at this instant, for restores (every second). */
    public void recordSnapshot() {
        Statements.execute(dataSource, "INSERT INTO pitr_snapshot (taken_at, snapshot)"
                + " SELECT clock_timestamp(), pg_current_snapshot()"
                + " WHERE EXISTS (SELECT 1 FROM catalog_table WHERE pitr_enabled) ON CONFLICT DO NOTHING");
    }

    /**
     * Records the database's snapshot now, in the caller's transaction, and returns its time: the state of this
     * moment, for an export asked for without a time.
     */
    public Instant recordSnapshotNow() {
        String sql = "INSERT INTO pitr_snapshot (taken_at, snapshot) VALUES (clock_timestamp(), pg_current_snapshot())"
                + " RETURNING taken_at";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
    }

    /** The time of the last snapshot recorded at or before {@code t}; null when there is none. */
    public Instant snapshotAtOrBefore(Instant t) {
        String sql = "SELECT taken_at FROM pitr_snapshot WHERE taken_at <= ? ORDER BY taken_at DESC LIMIT 1";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(t));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getTimestamp(1).toInstant() : null;
            }
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
    }

    /** Whether the snapshot taken at {@code t} is still recorded. */
    public boolean hasSnapshot(Instant t) {
        return !Statements.longs(dataSource, "SELECT 1 FROM pitr_snapshot WHERE taken_at = ?", Timestamp.from(t))
                .isEmpty();
    }

    /** The time of the latest recorded snapshot; null when there is none. */
    public Instant latestSnapshot() {
        return snapshotAtOrBefore(Instant.parse("9999-12-31T00:00:00Z"));
    }

    /**
     * The table's items at the snapshot taken at {@code at}, copied into a partition of {@code backup_item}, in one
     * statement. The base must be older than that snapshot.
     */
    public void materialize(long tableId, Instant at, long backupId) {
        String sql = changesAt(tableId)
                + " INSERT INTO " + BackupCatalog.partition(backupId) + " (backup_id, hk, rk, item, item_exact, size)"
                + " SELECT " + backupId + ", hk, rk, item, item_exact, size FROM changes WHERE item IS NOT NULL"
                + " UNION ALL SELECT " + backupId + ", hk, rk, item, item_exact, size FROM " + basePartition(tableId)
                + " base WHERE NOT EXISTS (SELECT 1 FROM changes c WHERE c.hk = base.hk AND c.rk = base.rk)";
        Statements.execute(dataSource, sql, Timestamp.from(at), Timestamp.from(at));
    }

    /**
     * The common table expressions of a statement that reads the table's state at the snapshot taken at the
     * statement's first two parameters' instant: {@code changes}, per item, the latest change of a transaction visible
     * in that snapshot ({@code s}) and not in the base's ({@code b}). The history is read from the base's time (less
     * {@link #MARGIN}: a change is written before its transaction commits) up to the snapshot's.
     */
    private static String changesAt(long tableId) {
        return "WITH s AS (SELECT snapshot FROM pitr_snapshot WHERE taken_at = ?),"
                + " b AS (SELECT pitr_base_snapshot AS snapshot, pitr_base_at AS taken_at FROM catalog_table"
                + " WHERE id = " + tableId + "),"
                + " changes AS (SELECT DISTINCT ON (hk, rk) hk, rk, item, item_exact, size FROM item_history, s, b"
                + " WHERE table_id = " + tableId + " AND changed_at <= ?"
                + " AND changed_at >= b.taken_at - interval '" + MARGIN.toSeconds() + " seconds'"
                + " AND pg_visible_in_snapshot(xid, s.snapshot) AND NOT pg_visible_in_snapshot(xid, b.snapshot)"
                + " ORDER BY hk, rk, seq DESC)";
    }

    /**
     * Moves the table's base forward to the snapshot taken at {@code at}: applies the latest change of each item
     * committed in between, and records the new snapshot. Costs what the changes in between cost, whatever the
     * table's size.
     */
    public void rollBase(long tableId, Instant at) {
        String changes = changesAt(tableId) + ","
                + " gone AS (DELETE FROM " + basePartition(tableId) + " base USING changes c"
                + " WHERE c.item IS NULL AND base.table_id = " + tableId + " AND base.hk = c.hk AND base.rk = c.rk)"
                + " INSERT INTO " + basePartition(tableId) + " (table_id, hk, rk, item, item_exact, size)"
                + " SELECT " + tableId + ", hk, rk, item, item_exact, size FROM changes WHERE item IS NOT NULL"
                + " ON CONFLICT (table_id, hk, rk) DO UPDATE SET item = excluded.item,"
                + " item_exact = excluded.item_exact, size = excluded.size";
        Statements.execute(dataSource, changes, Timestamp.from(at), Timestamp.from(at));
        Statements.execute(dataSource, "UPDATE catalog_table SET pitr_base_snapshot = s.snapshot,"
                + " pitr_base_at = s.taken_at FROM pitr_snapshot s WHERE s.taken_at = ? AND id = ?", Timestamp.from(at),
                tableId);
    }

    /** The number of the PITR day holding {@code t} (days since the epoch, of {@link #DAY}'s length). */
    public static long dayOf(Instant t) {
        return Math.floorDiv(t.toEpochMilli(), DAY.toMillis());
    }

    private static Instant startOf(long day) {
        return Instant.ofEpochMilli(day * DAY.toMillis());
    }

    /** Makes the history partitions of the days from {@code from} to {@code to} that do not exist yet. */
    public int createPartitions(long from, long to) {
        int made = 0;
        for (long day = from; day <= to; day++) {
            String name = "item_history_" + day;
            if (!Statements.longs(dataSource, "SELECT 1 FROM pg_class WHERE relname = ?", name).isEmpty()
                    || !Statements.longs(dataSource, "SELECT 1 FROM item_history_default WHERE changed_at >= ?"
                    + " AND changed_at < ? LIMIT 1", Timestamp.from(startOf(day)), Timestamp.from(startOf(day + 1)))
                    .isEmpty()) {
                // there, or changes of that day went to the default partition (the job did not run for days): they
                // stay there, and the day goes without a partition of its own
                continue;
            }
            if (briefly("CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF item_history FOR VALUES FROM ('"
                    + startOf(day) + "') TO ('" + startOf(day + 1) + "')")) {
                made++;
            }
        }
        return made;
    }

    /**
     * Drops the history partitions of days that ended before {@code before} (less {@link #MARGIN}), and the snapshots
     * taken before it; returns how many partitions were dropped.
     */
    public int dropBefore(Instant before) {
        List<String> partitions = new ArrayList<>();
        String sql = "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'item_history'";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                partitions.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
        Instant limit = before.minus(MARGIN);
        int dropped = 0;
        for (String name : partitions) {
            if (name.equals("item_history_default")) {
                continue;
            }
            long day = Long.parseLong(name.substring("item_history_".length()));
            if (!startOf(day + 1).isAfter(limit) && briefly("DROP TABLE IF EXISTS " + name)) {
                dropped++;
            }
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement history = c.prepareStatement("DELETE FROM item_history_default WHERE changed_at < ?");
             PreparedStatement snapshots = c.prepareStatement("DELETE FROM pitr_snapshot WHERE taken_at < ?")) {
            history.setTimestamp(1, Timestamp.from(limit));
            history.executeUpdate();
            snapshots.setTimestamp(1, Timestamp.from(limit));
            snapshots.executeUpdate();
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
        return dropped;
    }

    /**
     * Runs DDL on {@code item_history} (making or dropping a partition), which locks the whole table: every write to a
     * table with PITR, and restores reading it, queue behind a waiting lock. So it waits at most two seconds for the
     * lock, and is left to the next run if it is not to be had; returns whether it ran.
     */
    private boolean briefly(String ddl) {
        try (Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute("SET lock_timeout = '2s'");
            try {
                st.execute(ddl);
                return true;
            } catch (SQLException e) {
                if (!"55P03".equals(e.getSQLState())) {
                    throw e;
                }
                return false;
            } finally {
                st.execute("RESET lock_timeout");
            }
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
    }
}
