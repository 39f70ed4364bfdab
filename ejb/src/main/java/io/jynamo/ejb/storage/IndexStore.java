package io.jynamo.ejb.storage;

import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.operation.ConsumedCapacity;
import io.jynamo.core.operation.Consumption;
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
import java.util.Arrays;
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

    /** The partition of {@code index_entry} holding the index's entries. */
    public static String partition(SecondaryIndex index) {
        return "index_entry_" + index.id();
    }

    public void createPartition(SecondaryIndex index) {
        String partition = partition(index);
        execute("CREATE TABLE " + partition + " PARTITION OF index_entry FOR VALUES IN (" + index.id() + ")");
        // finds an item's entry when the item changes
        execute("CREATE INDEX " + partition + "_item ON " + partition + " (hk, rk)");
    }

    void dropPartition(SecondaryIndex index) {
        execute("DROP TABLE IF EXISTS " + partition(index));
    }

    /**
     * Makes every index of the table reflect the item now stored under {@code key} (null: deleted); returns the
     * write units each index's change costs (see {@link ConsumedCapacity#indexWriteUnits}), the entry it held
     * before as its deletion returns it.
     */
    public Consumption update(ItemTable table, PrimaryKey key, Map<String, AttributeValue> item) {
        Consumption consumed = new Consumption();
        for (SecondaryIndex index : table.indexes()) {
            String partition = partition(index);
            IndexKeys entry = item == null ? null : IndexKeys.of(index, item, table.keySchema());
            // an index being filled leaves out the items it cannot hold (see ItemTable#enforcedIndexes)
            if (entry != null && index.backfilling() && !IndexKeys.suits(item, index)) {
                entry = null;
            }
            ItemStore.StoredJson json = entry == null ? null : ItemStore.StoredJson.of(entry.projected());
            try (Connection c = dataSource.getConnection()) {
                int oldSize = -1;
                boolean sameKey = false;
                boolean sameEntry = false;
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + partition
                        + " WHERE hk = ? AND rk = ? RETURNING ihk, irk, size, item = ?::jsonb")) {
                    ps.setBytes(1, key.hash());
                    ps.setBytes(2, key.range());
                    ps.setString(3, json == null ? null : json.jsonb());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            oldSize = rs.getInt(3);
                            sameKey = entry != null && Arrays.equals(rs.getBytes(1), entry.hash())
                                    && Arrays.equals(rs.getBytes(2), entry.range());
                            sameEntry = rs.getBoolean(4);
                        }
                    }
                }
                if (entry != null) {
                    insert(c, index, key, entry, json);
                }
                double units = ConsumedCapacity.indexWriteUnits(oldSize, entry == null ? -1 : entry.size(), sameKey,
                        sameEntry);
                if (units > 0) {
                    consumed.writeIndex(table.name(), index.name(), index.global(), units);
                }
            } catch (SQLException e) {
                throw ItemStore.translate(e, table);
            }
        }
        return consumed;
    }

    private static void insert(Connection c, SecondaryIndex index, PrimaryKey key, IndexKeys entry,
                               ItemStore.StoredJson json) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + partition(index)
                + " (index_id, ihk, irk, hk, rk, item, item_exact, size) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)")) {
            bindEntry(ps, index, key, entry, json);
            ps.executeUpdate();
        }
    }

    private static void bindEntry(PreparedStatement ps, SecondaryIndex index, PrimaryKey key, IndexKeys entry,
                                  ItemStore.StoredJson json) throws SQLException {
        ps.setLong(1, index.id());
        ps.setBytes(2, entry.hash());
        ps.setBytes(3, entry.range());
        ps.setBytes(4, key.hash());
        ps.setBytes(5, key.range());
        ps.setString(6, json.jsonb());
        ps.setString(7, json.exact());
        ps.setInt(8, entry.size());
    }

    /**
     * Adds the entry of an item to an index being filled, unless the item's own write has put it there already
     * (writes maintain an index from the moment it is added; the backfill catches up with the items before).
     */
    void insertIfAbsent(Connection c, SecondaryIndex index, PrimaryKey key, IndexKeys entry) throws SQLException {
        ItemStore.StoredJson json = ItemStore.StoredJson.of(entry.projected());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + partition(index)
                + " (index_id, ihk, irk, hk, rk, item, item_exact, size) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)"
                + " ON CONFLICT DO NOTHING")) {
            bindEntry(ps, index, key, entry, json);
            ps.executeUpdate();
        }
    }

    /**
     * Entries of one index partition key in index order, each read from the table instead when {@code fromTable}
     * (a local index asked for attributes it does not project), until {@code pageBytes} have been read.
     *
     * @param after entries after this (irk, hk, rk) in the reading direction; null to start at the beginning
     */
    public void query(ItemTable table, SecondaryIndex index, byte[] hash, KeyRange range, byte[][] after,
                      boolean forward, boolean fromTable, Integer limit, long pageBytes, ItemStore.RowVisitor visitor) {
        StringBuilder where = new StringBuilder(" WHERE e.index_id = ? AND e.ihk = ?");
        List<byte[]> params = new ArrayList<>();
        params.add(hash);
        if (range.lower() != null) {
            where.append(range.lowerInclusive() ? " AND e.irk >= ?" : " AND e.irk > ?");
            params.add(range.lower());
        }
        if (range.upper() != null) {
            where.append(range.upperInclusive() ? " AND e.irk <= ?" : " AND e.irk < ?");
            params.add(range.upper());
        }
        if (after != null) {
            where.append(forward ? " AND (e.irk, e.hk, e.rk) > (?, ?, ?)" : " AND (e.irk, e.hk, e.rk) < (?, ?, ?)");
            params.addAll(List.of(after));
        }
        String order = forward ? "e.irk, e.hk, e.rk" : "e.irk DESC, e.hk DESC, e.rk DESC";
        read(table, index, fromTable, where, order, params, limit, pageBytes, visitor);
    }

    /**
     * All entries of an index in index order after {@code after} (ihk, irk, hk, rk), optionally one segment, until
     * {@code pageBytes} have been read.
     */
    public void scan(ItemTable table, SecondaryIndex index, byte[][] after, int segment, int totalSegments,
                     boolean fromTable, Integer limit, long pageBytes, ItemStore.RowVisitor visitor) {
        StringBuilder where = new StringBuilder(" WHERE e.index_id = ?");
        List<byte[]> params = new ArrayList<>();
        if (after != null) {
            where.append(" AND (e.ihk, e.irk, e.hk, e.rk) > (?, ?, ?, ?)");
            params.addAll(List.of(after));
        }
        if (totalSegments > 0) {
            where.append(" AND ").append(ItemStore.segmentOf("e.ihk", totalSegments)).append(" = ").append(segment);
        }
        read(table, index, fromTable, where, "e.ihk, e.irk, e.hk, e.rk", params, limit, pageBytes, visitor);
    }

    /** A page of entries (or of the items they stand for, {@code fromTable}), as {@link ItemStore#readPage} reads. */
    private void read(ItemTable table, SecondaryIndex index, boolean fromTable, StringBuilder where, String order,
                      List<byte[]> params, Integer limit, long pageBytes, ItemStore.RowVisitor visitor) {
        // the items' partition first: PostgreSQL locks relations in the order the query names them, and DeleteTable
        // locks the items before the entries
        String from = fromTable
                ? table.partition() + " t JOIN " + partition(index) + " e ON t.table_id = " + table.id()
                        + " AND t.hk = e.hk AND t.rk = e.rk" + where
                : partition(index) + " e" + where;
        ItemStore.readPage(dataSource, table, fromTable ? "t." : "e.", from, order, index.id(), params, limit,
                pageBytes, visitor);
    }

    private void execute(String ddl) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(ddl);
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
    }
}
