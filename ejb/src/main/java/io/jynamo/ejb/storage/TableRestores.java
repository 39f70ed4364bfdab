package io.jynamo.ejb.storage;

import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.IndexKeys;
import io.jynamo.core.item.PrimaryKey;
import io.jynamo.core.table.SecondaryIndex;
import io.jynamo.ejb.schema.Datasource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Tables being restored (rows of {@code table_restore}), and the copying itself: a step copies the next items of the
 * source, in key order, into the new table's partition with their index entries, and records how far it got, in the
 * caller's transaction. A step that does not commit leaves the position where it was, so a restore interrupted
 * anywhere (a kill -9 included) goes on from its last committed step.
 *
 * <p>Nobody else writes the table meanwhile: it is CREATING, and item requests find no such table until it is ACTIVE.
 */
@ApplicationScoped
public class TableRestores {
    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    @Inject
    private IndexStore indexes;

    /** A restore in progress: the table filled, its source, how far it got. */
    public record Restore(long tableId, long backupId, byte[] afterHash, byte[] afterRange, long copied) { }

    /** Records that the table is to be filled from the backup. */
    public void start(long tableId, long backupId, Instant now) {
        Statements.execute(dataSource, "INSERT INTO table_restore (table_id, backup_id, started_at) VALUES (?, ?, ?)",
                tableId, backupId, Timestamp.from(now));
    }

    public void forget(long tableId) {
        Statements.execute(dataSource, "DELETE FROM table_restore WHERE table_id = ?", tableId);
    }

    /** How many restores are in progress (DynamoDB allows an account 50 at a time). */
    public int inProgress() {
        return Statements.longs(dataSource, "SELECT count(*) FROM table_restore").get(0).intValue();
    }

    /** Whether a restore from this backup is in progress (the backup may not be deleted meanwhile). */
    public boolean restoring(long backupId) {
        return !Statements.longs(dataSource, "SELECT table_id FROM table_restore WHERE backup_id = ? LIMIT 1", backupId)
                .isEmpty();
    }

    /** The tables being restored, oldest restore first. */
    public List<Long> pending() {
        return Statements.longs(dataSource, "SELECT table_id FROM table_restore ORDER BY started_at, table_id");
    }

    /** The table's restore, its row locked until the transaction ends; null when it is not being restored. */
    public Restore lock(long tableId) {
        String sql = "SELECT table_id, backup_id, after_hk, after_rk, copied FROM table_restore WHERE table_id = ?"
                + " FOR UPDATE";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, tableId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Restore(rs.getLong(1), rs.getLong(2), rs.getBytes(3), rs.getBytes(4),
                        rs.getLong(5)) : null;
            }
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
    }

    /**
     * Copies up to {@code batch} more items of the backup into the table, after the restore's position, with their
     * entries in each of the table's indexes, and records the new position; returns how many items were copied (fewer
     * than {@code batch}: the restore is done).
     */
    public int step(Restore restore, ItemTable table, int batch) {
        boolean indexed = !table.indexes().isEmpty();
        String copy = "INSERT INTO " + table.partition() + " (table_id, hk, rk, item, item_exact, size)"
                + " SELECT ?, hk, rk, item, item_exact, size FROM " + BackupCatalog.partition(restore.backupId())
                // backup_id too, for the primary key's order (backup_id, hk, rk) to serve the ORDER BY and the bound
                + " WHERE backup_id = ?" + (restore.afterHash() == null ? "" : " AND (hk, rk) > (?, ?)")
                + " ORDER BY hk, rk LIMIT ? RETURNING hk, rk" + (indexed ? ", coalesce(item_exact, item::text)" : "");
        int count = 0;
        byte[] lastHash = restore.afterHash();
        byte[] lastRange = restore.afterRange();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(copy)) {
                int p = 1;
                ps.setLong(p++, table.id());
                ps.setLong(p++, restore.backupId());
                if (restore.afterHash() != null) {
                    ps.setBytes(p++, restore.afterHash());
                    ps.setBytes(p++, restore.afterRange());
                }
                ps.setInt(p, batch);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        count++;
                        byte[] hash = rs.getBytes(1);
                        byte[] range = rs.getBytes(2);
                        // RETURNING does not keep the SELECT's order: the position is the greatest key copied
                        if (lastHash == null || compare(hash, range, lastHash, lastRange) > 0) {
                            lastHash = hash;
                            lastRange = range;
                        }
                        if (indexed) {
                            index(c, table, new PrimaryKey(hash, range), ItemStore.parse(rs.getString(3)));
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE table_restore SET after_hk = ?, after_rk = ?,"
                    + " copied = copied + ? WHERE table_id = ?")) {
                ps.setBytes(1, lastHash);
                ps.setBytes(2, lastRange);
                ps.setLong(3, count);
                ps.setLong(4, table.id());
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw ItemStore.translate(e, table);
        }
        return count;
    }

    /** Adds the item's entries to the table's indexes, as the index backfill does. */
    private void index(Connection c, ItemTable table, PrimaryKey key, Map<String, AttributeValue> item)
            throws SQLException {
        for (SecondaryIndex index : table.indexes()) {
            IndexKeys entry = IndexKeys.of(index, item, table.keySchema());
            if (entry != null && IndexKeys.suits(item, index)) {
                indexes.insertIfAbsent(c, index, key, entry);
            }
        }
    }

    /** Keys in the item table's order: bytea compares bytes unsigned. */
    private static int compare(byte[] hash, byte[] range, byte[] otherHash, byte[] otherRange) {
        int byHash = Arrays.compareUnsigned(hash, otherHash);
        return byHash != 0 ? byHash : Arrays.compareUnsigned(range, otherRange);
    }
}
