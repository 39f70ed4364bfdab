package io.jynamo.ejb.storage;

import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.IndexKeys;
import io.jynamo.core.item.PrimaryKey;
import io.jynamo.core.table.SecondaryIndex;
import io.jynamo.ejb.schema.Datasource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Secondary index entries: one partition of {@code index_entry} per index, maintained in the transaction of every
 * item write (an item's old entry is removed and its new one, if it has the index key, written), and read by Query
 * and Scan on an index.
 */
@ApplicationScoped
public class IndexStore {
    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    /** For the container. */
    protected IndexStore() {
    }

    /** For use outside the server (tests): over a datasource whose connections share the caller's transaction. */
    public IndexStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static String partition(SecondaryIndex index) {
        return "index_entry_" + index.id();
    }

    void createPartition(SecondaryIndex index) {
        String partition = partition(index);
        execute("CREATE TABLE " + partition + " PARTITION OF index_entry FOR VALUES IN (" + index.id() + ")");
        // finds an item's entry when the item changes
        execute("CREATE INDEX " + partition + "_item ON " + partition + " (hk, rk)");
    }

    void dropPartition(SecondaryIndex index) {
        execute("DROP TABLE IF EXISTS " + partition(index));
    }

    ItemStore.Statistics statistics(SecondaryIndex index) {
        String sql = "SELECT count(*), coalesce(sum(size), 0) FROM " + partition(index);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return new ItemStore.Statistics(rs.getLong(1), rs.getLong(2));
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
    }

    /** Makes every index of the table reflect the item now stored under {@code key} (null: deleted). */
    public void update(ItemTable table, PrimaryKey key, Map<String, AttributeValue> item) {
        for (SecondaryIndex index : table.indexes()) {
            String partition = partition(index);
            try (Connection c = dataSource.getConnection()) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + partition
                        + " WHERE hk = ? AND rk = ?")) {
                    ps.setBytes(1, key.hash());
                    ps.setBytes(2, key.range());
                    ps.executeUpdate();
                }
                IndexKeys entry = item == null ? null : IndexKeys.of(index, item, table.keySchema());
                if (entry != null) {
                    insert(c, index, key, entry);
                }
            } catch (SQLException e) {
                throw ItemStore.translate(e, table);
            }
        }
    }

    private static void insert(Connection c, SecondaryIndex index, PrimaryKey key, IndexKeys entry)
            throws SQLException {
        ItemStore.StoredJson json = ItemStore.StoredJson.of(entry.projected());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + partition(index)
                + " (index_id, ihk, irk, hk, rk, item, item_exact, size) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)")) {
            ps.setLong(1, index.id());
            ps.setBytes(2, entry.hash());
            ps.setBytes(3, entry.range());
            ps.setBytes(4, key.hash());
            ps.setBytes(5, key.range());
            ps.setString(6, json.jsonb());
            ps.setString(7, json.exact());
            ps.setInt(8, entry.size());
            ps.executeUpdate();
        }
    }

    /** Fills a new index from the table's items. */
    void backfill(ItemTable table, SecondaryIndex index, ItemStore items) {
        try (Connection c = dataSource.getConnection()) {
            items.scanKeyed(table, (key, item) -> {
                IndexKeys entry = IndexKeys.of(index, item, table.keySchema());
                if (entry != null && suits(item, index)) {
                    try {
                        insert(c, index, key, entry);
                    } catch (SQLException e) {
                        throw ItemStore.translate(e, table);
                    }
                }
            });
        } catch (SQLException e) {
            throw ItemStore.translate(e, table);
        }
    }

    /** Items written before the index existed may hold unusable key values (empty, too long): they are skipped. */
    private static boolean suits(Map<String, AttributeValue> item, SecondaryIndex index) {
        try {
            IndexKeys.check(item, List.of(index));
            return true;
        } catch (io.jynamo.core.error.DynamoException unusable) {
            return false;
        }
    }

    /**
     * Entries of one index partition key in index order, each read from the table instead when {@code fromTable}
     * (a local index asked for attributes it does not project).
     *
     * @param after entries after this (irk, hk, rk) in the reading direction; null to start at the beginning
     */
    public void query(ItemTable table, SecondaryIndex index, byte[] hash, KeyRange range, byte[][] after,
                      boolean forward, boolean fromTable, Integer limit, ItemStore.RowVisitor visitor) {
        StringBuilder sql = select(table, index, fromTable).append(" WHERE e.index_id = ? AND e.ihk = ?");
        List<byte[]> params = new ArrayList<>();
        params.add(hash);
        if (range.lower() != null) {
            sql.append(range.lowerInclusive() ? " AND e.irk >= ?" : " AND e.irk > ?");
            params.add(range.lower());
        }
        if (range.upper() != null) {
            sql.append(range.upperInclusive() ? " AND e.irk <= ?" : " AND e.irk < ?");
            params.add(range.upper());
        }
        if (after != null) {
            sql.append(forward ? " AND (e.irk, e.hk, e.rk) > (?, ?, ?)" : " AND (e.irk, e.hk, e.rk) < (?, ?, ?)");
            params.addAll(List.of(after));
        }
        sql.append(forward ? " ORDER BY e.irk, e.hk, e.rk" : " ORDER BY e.irk DESC, e.hk DESC, e.rk DESC");
        read(table, index, sql, params, limit, visitor);
    }

    /** All entries of an index in index order after {@code after} (ihk, irk, hk, rk), optionally one segment. */
    public void scan(ItemTable table, SecondaryIndex index, byte[][] after, int segment, int totalSegments,
                     boolean fromTable, Integer limit, ItemStore.RowVisitor visitor) {
        StringBuilder sql = select(table, index, fromTable).append(" WHERE e.index_id = ?");
        List<byte[]> params = new ArrayList<>();
        if (after != null) {
            sql.append(" AND (e.ihk, e.irk, e.hk, e.rk) > (?, ?, ?, ?)");
            params.addAll(List.of(after));
        }
        if (totalSegments > 0) {
            sql.append(" AND (hashtextextended(encode(e.ihk, 'hex'), 0) & 9223372036854775807) % ")
                    .append(totalSegments).append(" = ").append(segment);
        }
        sql.append(" ORDER BY e.ihk, e.irk, e.hk, e.rk");
        read(table, index, sql, params, limit, visitor);
    }

    private static StringBuilder select(ItemTable table, SecondaryIndex index, boolean fromTable) {
        if (fromTable) {
            return new StringBuilder("SELECT coalesce(t.item_exact, t.item::text), t.size FROM ")
                    .append(partition(index)).append(" e JOIN ").append(table.partition())
                    .append(" t ON t.table_id = ").append(table.id()).append(" AND t.hk = e.hk AND t.rk = e.rk");
        }
        return new StringBuilder("SELECT coalesce(e.item_exact, e.item::text), e.size FROM ")
                .append(partition(index)).append(" e");
    }

    private void read(ItemTable table, SecondaryIndex index, StringBuilder sql, List<byte[]> params, Integer limit,
                      ItemStore.RowVisitor visitor) {
        if (limit != null) {
            sql.append(" LIMIT ").append(limit);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setFetchSize(limit == null ? ItemStore.FETCH_SIZE : Math.min(limit, ItemStore.FETCH_SIZE));
            ps.setLong(1, index.id());
            for (int i = 0; i < params.size(); i++) {
                ps.setBytes(i + 2, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!visitor.visit(new StoredRow(ItemStore.parse(rs.getString(1)), rs.getInt(2)))) {
                        return;
                    }
                }
            }
        } catch (SQLException e) {
            throw ItemStore.translate(e, table);
        }
    }

    private void execute(String ddl) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(ddl);
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
    }
}
