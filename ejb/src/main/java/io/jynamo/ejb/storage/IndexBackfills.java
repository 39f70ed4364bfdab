package io.jynamo.ejb.storage;

import io.jynamo.core.error.DynamoException;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Global secondary indexes being filled from their table's items (rows of {@code index_backfill}), and the filling
 * itself: a step reads the next items in key order and adds their entries, in the caller's transaction.
 *
 * <p>Writes go on meanwhile and maintain the index themselves. A step locks the rows it reads (FOR SHARE): a write in
 * progress on one of them finishes first, and the step then reads the item as written; a write that comes later
 * waits for the step's transaction, then replaces the entry. So an entry added by a step is never older than its
 * item, and entries a write has added already are left as they are.
 */
@ApplicationScoped
public class IndexBackfills {
    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    @Inject
    private IndexStore indexes;

    /** An index being filled: its table, how far it got, how many entries it has added. */
    public record Backfill(long indexId, long tableId, byte[] afterHash, byte[] afterRange, long indexed) { }

    void start(long tableId, long indexId, Instant now) {
        Statements.execute(dataSource, "INSERT INTO index_backfill (index_id, table_id, started_at) VALUES (?, ?, ?)",
                indexId, tableId, java.sql.Timestamp.from(now));
    }

    public void forget(long indexId) {
        Statements.execute(dataSource, "DELETE FROM index_backfill WHERE index_id = ?", indexId);
    }

    /** The indexes being filled. */
    public List<Long> pending() {
        return Statements.longs(dataSource, "SELECT index_id FROM index_backfill ORDER BY started_at");
    }

    /** The backfill of an index, its row locked until the transaction ends; null when it is not being filled. */
    public Backfill lock(long indexId) {
        return read(indexId, " FOR UPDATE");
    }

    /** The backfill of an index as it stands, without locking it; null when it is not being filled. */
    public Backfill find(long indexId) {
        return read(indexId, "");
    }

    private Backfill read(long indexId, String locking) {
        String sql = "SELECT index_id, table_id, after_hk, after_rk, indexed FROM index_backfill WHERE index_id = ?"
                + locking;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, indexId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Backfill(rs.getLong(1), rs.getLong(2), rs.getBytes(3), rs.getBytes(4),
                        rs.getLong(5)) : null;
            }
        } catch (SQLException e) {
            // a deadlock or serialization failure is retried like any write's
            throw ItemStore.translate(e, null);
        }
    }

    /**
     * Indexes up to {@code batch} more items of the table, after the backfill's position, and records the new
     * position; returns how many items were read (fewer than {@code batch}: the table is done).
     */
    public int step(Backfill backfill, ItemTable table, SecondaryIndex index, int batch) {
        String read = "SELECT hk, rk, coalesce(item_exact, item::text) FROM " + table.partition()
                + " WHERE table_id = ?" + (backfill.afterHash() == null ? "" : " AND (hk, rk) > (?, ?)")
                + " ORDER BY hk, rk LIMIT ? FOR SHARE";
        int count = 0;
        int indexed = 0;
        byte[] lastHash = backfill.afterHash();
        byte[] lastRange = backfill.afterRange();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(read)) {
                int p = 1;
                ps.setLong(p++, table.id());
                if (backfill.afterHash() != null) {
                    ps.setBytes(p++, backfill.afterHash());
                    ps.setBytes(p++, backfill.afterRange());
                }
                ps.setInt(p, batch);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        count++;
                        lastHash = rs.getBytes(1);
                        lastRange = rs.getBytes(2);
                        PrimaryKey key = new PrimaryKey(lastHash, lastRange);
                        Map<String, AttributeValue> item = ItemStore.parse(rs.getString(3));
                        IndexKeys entry = IndexKeys.of(index, item, table.keySchema());
                        // items that do not suit the index (a key value of another type, empty, too long) stay out
                        if (entry != null && IndexKeys.suits(item, index)) {
                            indexes.insertIfAbsent(c, index, key, entry);
                            indexed++;
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE index_backfill SET after_hk = ?, after_rk = ?,"
                    + " indexed = indexed + ? WHERE index_id = ?")) {
                ps.setBytes(1, lastHash);
                ps.setBytes(2, lastRange);
                ps.setLong(3, indexed);
                ps.setLong(4, index.id());
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw ItemStore.translate(e, table);
        }
        return count;
    }
}
