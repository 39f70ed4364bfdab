package io.jynamo.ejb.storage;

import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.PrimaryKey;
import io.jynamo.ejb.schema.Datasource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The items of a backup's partition read in key order (what an export writes out) and written one by one (what an
 * import stages before its table is filled from them), in the caller's transaction.
 */
@ApplicationScoped
public class BackupItems {
    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    /** An item of a backup: its key and its stored JSON. */
    public record Row(byte[] hash, byte[] range, String json, int size) {
        /** The key as text, for joining rows of two backups. */
        public String keyText() {
            return HexFormat.of().formatHex(hash) + "/" + HexFormat.of().formatHex(range);
        }
    }

    /** Up to {@code limit} items of the backup after the key (null: from the first), in key order. */
    public List<Row> page(long backupId, byte[] afterHash, byte[] afterRange, int limit) {
        String sql = "SELECT hk, rk, coalesce(item_exact, item::text), size FROM " + BackupCatalog.partition(backupId)
                + " WHERE backup_id = ?" + (afterHash == null ? "" : " AND (hk, rk) > (?, ?)")
                + " ORDER BY hk, rk LIMIT ?";
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            ps.setLong(p++, backupId);
            if (afterHash != null) {
                ps.setBytes(p++, afterHash);
                ps.setBytes(p++, afterRange);
            }
            ps.setInt(p, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getBytes(1), rs.getBytes(2), rs.getString(3), rs.getInt(4)));
                }
            }
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
        return rows;
    }

    /**
     * When each of these items of the table last changed at or before {@code until}, from the point-in-time history
     * (keys as {@link Row#keyText}); keys with no change recorded are left out.
     */
    public Map<String, Instant> lastChanged(long tableId, List<Row> keys, Instant until) {
        Map<String, Instant> changed = new HashMap<>();
        if (keys.isEmpty()) {
            return changed;
        }
        String sql = "SELECT h.hk, h.rk, max(h.changed_at) FROM item_history h"
                + " JOIN unnest(?::bytea[], ?::bytea[]) AS k(hk, rk) ON h.hk = k.hk AND h.rk = k.rk"
                + " WHERE h.table_id = ? AND h.changed_at <= ? GROUP BY h.hk, h.rk";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bytea", keys.stream().map(Row::hash).toArray(byte[][]::new)));
            ps.setArray(2, c.createArrayOf("bytea", keys.stream().map(Row::range).toArray(byte[][]::new)));
            ps.setLong(3, tableId);
            ps.setTimestamp(4, Timestamp.from(until));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    changed.put(new Row(rs.getBytes(1), rs.getBytes(2), null, 0).keyText(),
                            rs.getTimestamp(3).toInstant());
                }
            }
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
        return changed;
    }

    /** An item to stage: its key and attributes. */
    public record Staged(PrimaryKey key, Map<String, AttributeValue> item, int size) { }

    /**
     * Writes the items into the backup's partition, in one JDBC batch; an item whose key is there already replaces it
     * (of two records of an import with one key, the later one is kept, as in DynamoDB).
     */
    public void stage(long backupId, List<Staged> items) {
        String sql = "INSERT INTO " + BackupCatalog.partition(backupId) + " (backup_id, hk, rk, item, item_exact, size)"
                + " VALUES (?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT (backup_id, hk, rk) DO UPDATE SET item = excluded.item,"
                + " item_exact = excluded.item_exact, size = excluded.size";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (Staged s : items) {
                ItemStore.StoredJson json = ItemStore.StoredJson.of(s.item());
                ps.setLong(1, backupId);
                ps.setBytes(2, s.key().hash());
                ps.setBytes(3, s.key().range());
                ps.setString(4, json.jsonb());
                ps.setString(5, json.exact());
                ps.setInt(6, s.size());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
    }
}
