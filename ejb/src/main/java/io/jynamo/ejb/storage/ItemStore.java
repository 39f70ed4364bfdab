package io.jynamo.ejb.storage;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.AttributeValueJson;
import io.jynamo.core.item.PrimaryKey;
import io.jynamo.core.item.StoredItem;
import io.jynamo.core.json.Json;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Items as rows of their table's partition of {@code item}, by plain JDBC (the hot path). Rows only: what else a
 * write changes (index entries, the stream record) is the write path's ({@link io.jynamo.ejb.write.ItemWriter}).
 *
 * <p>Every method runs in the caller's JTA transaction: the container hands out the transaction's connection.
 * Statements name the table's partition directly, which spares the planner partition pruning and means item traffic
 * never locks the parent table (so creating and dropping other tables' partitions does not wait for it).
 */
@ApplicationScoped
public class ItemStore {
    /** SQLSTATE of "relation does not exist": the table was deleted while the request was under way. */
    static final String UNDEFINED_TABLE = "42P01";
    /**
     * SQLSTATEs of a transaction PostgreSQL aborted for colliding with others (a deadlock, a serialization failure, the
     * shared lock table full of other transactions' locks): it may simply run again.
     */
    private static final List<String> RETRYABLE = List.of("40P01", "40001", "53200");
    /**
     * Rows fetched per round trip when reading a Query or Scan page. Only the rows within the page's byte limit carry
     * their items (see {@link #readPage}), so a batch holds at most the page plus one item and some small rows.
     */
    static final int FETCH_SIZE = 500;

    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    /** For the container. */
    protected ItemStore() {
    }

    /** For use outside the server (tests): over a datasource whose connections share the caller's transaction. */
    public ItemStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void createPartition(String partition, long tableId) {
        execute("CREATE TABLE " + partition + " PARTITION OF item FOR VALUES IN (" + tableId + ")");
    }

    void dropPartition(String partition) {
        execute("DROP TABLE IF EXISTS " + partition);
    }

    /**
     * Makes item writes to the partition wait until the transaction ends (SHARE conflicts with the ROW EXCLUSIVE
     * lock every write takes; reads go on). Taken by changes to a table's indexes.
     */
    void lockWrites(String partition) {
        execute("LOCK TABLE " + partition + " IN SHARE MODE");
    }

    /** Makes every other access to the partition wait until the transaction ends: taken by DeleteTable. */
    void lockExclusively(String partition) {
        execute("LOCK TABLE " + partition + " IN ACCESS EXCLUSIVE MODE");
    }

    /** The item with this key, or null. */
    public Map<String, AttributeValue> get(ItemTable table, PrimaryKey key) {
        return select(table, key, "");
    }

    /** The item with this key as stored (its JSON text and size), or null: for reads that return it whole. */
    public StoredItem getStored(ItemTable table, PrimaryKey key) {
        String sql = "SELECT coalesce(item_exact, item::text), size FROM " + table.partition()
                + " WHERE table_id = ? AND hk = ? AND rk = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bindKey(ps, 1, table, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new StoredItem(rs.getString(1), rs.getInt(2)) : null;
            }
        } catch (SQLException e) {
            throw translate(e, table);
        }
    }

    /**
     * The item with this key, or null, for a write about to change it: locks its row (if any) until the transaction
     * ends and, with {@link WriteLock#TAKE}, takes the item's single-write lock in the same statement first.
     */
    public Map<String, AttributeValue> getForWrite(ItemTable table, PrimaryKey key, WriteLock lock) {
        if (lock == WriteLock.HELD) {
            return select(table, key, " FOR UPDATE");
        }
        String sql = SINGLE_WRITE_LOCK + "SELECT l.free, l.current, i.doc FROM l LEFT JOIN LATERAL"
                + " (SELECT coalesce(item_exact, item::text) AS doc FROM " + table.partition()
                + " WHERE l.free AND l.current AND table_id = ? AND hk = ? AND rk = ? FOR UPDATE) i ON true";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bindKey(ps, bindSingleWriteLock(ps, table, key), table, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                checkSingleWriteLock(rs, table);
                String doc = rs.getString("doc");
                return doc == null ? null : parse(doc);
            }
        } catch (SQLException e) {
            throw translate(e, table);
        }
    }

    private Map<String, AttributeValue> select(ItemTable table, PrimaryKey key, String lock) {
        String sql = "SELECT coalesce(item_exact, item::text) FROM " + table.partition()
                + " WHERE table_id = ? AND hk = ? AND rk = ?" + lock;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bindKey(ps, 1, table, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? parse(rs.getString(1)) : null;
            }
        } catch (SQLException e) {
            throw translate(e, table);
        }
    }

    /**
     * Opens a statement that takes the single-write lock of its item first and makes {@code l.free} say whether it
     * got it, and {@code l.current} whether the table's definition the write was made with is still the catalog's
     * (parameters: {@link #bindSingleWriteLock}). The statement changes nothing unless both are true, so a single
     * write that is one statement is safe without a transaction of its own: its execution starts after it has its
     * lock on the item partition, which a change of definition holds (SHARE) until it commits, so it sees any such
     * change that committed before it, and any that commits after it finds the item written.
     */
    private static final String SINGLE_WRITE_LOCK = "WITH l AS MATERIALIZED (SELECT"
            + " pg_try_advisory_xact_lock_shared(?) AS free,"
            + " coalesce((SELECT version FROM catalog_table WHERE id = ?) = ?, false) AS current) ";

    /** Binds {@link #SINGLE_WRITE_LOCK}'s parameters; the index of the next. */
    private static int bindSingleWriteLock(PreparedStatement ps, ItemTable table, PrimaryKey key)
            throws SQLException {
        ps.setLong(1, new ItemRef(table, key).lockKey());
        ps.setLong(2, table.id());
        ps.setLong(3, table.version());
        return 4;
    }

    /**
     * Refuses the single write whose statement did not write: made with an out-of-date definition (it runs again
     * with the catalog's), or without the item's lock (a transaction is writing the item).
     */
    private static void checkSingleWriteLock(ResultSet rs, ItemTable table) throws SQLException {
        if (!rs.getBoolean("current")) {
            throw new StaleTableException(table.name());
        }
        if (!rs.getBoolean("free")) {
            throw DynamoException.transactionConflict();
        }
    }

    /**
     * The items with these keys (null where there is none), in the order asked, read by one statement: all of them
     * as of one snapshot, so that a transaction's writes are seen either all or not at all.
     */
    public List<Map<String, AttributeValue>> getAll(List<ItemRef> refs) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < refs.size(); i++) {
            sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i)
                    .append(", coalesce(item_exact, item::text) FROM ").append(refs.get(i).table().partition())
                    .append(" WHERE table_id = ? AND hk = ? AND rk = ?");
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>(Collections.nCopies(refs.size(), null));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < refs.size(); i++) {
                ps.setLong(3 * i + 1, refs.get(i).table().id());
                ps.setBytes(3 * i + 2, refs.get(i).key().hash());
                ps.setBytes(3 * i + 3, refs.get(i).key().range());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.set(rs.getInt(1), parse(rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                // one of the tables was deleted: which one, the statement does not say
                throw new StaleTableException(refs.stream().map(r -> r.table().name()).distinct().toList());
            }
            throw translate(e, null);
        }
        return items;
    }

    /**
     * Ends each write statement: the table's catalog version as of the write. The statement's snapshot is taken after
     * it has locked the partition, so a definition changed since the request read it shows here (see ItemTables).
     */
    private static final String RETURNING_VERSION = " RETURNING (SELECT version FROM catalog_table WHERE id = ?)";

    private static final String UPSERT = " ON CONFLICT (table_id, hk, rk) DO UPDATE"
            + " SET item = excluded.item, item_exact = excluded.item_exact, size = excluded.size";

    /**
     * What a write statement adds, on a table with point-in-time recovery, to record the row it writes in the item
     * history within itself (see {@link ItemHistory}): the row's new state, as the write's {@code RETURNING} gives it
     * ({@code written}: table_id, hk, rk, item, item_exact, size) or, for a deletion, none. In the statement that writes
     * the row, the change and its history are one: no transaction of their own is needed, nor a second round trip.
     */
    private static String history(String written, boolean deletion) {
        return ", h AS (INSERT INTO item_history (table_id, hk, rk, item, item_exact, size) SELECT table_id, hk, rk, "
                + (deletion ? "NULL, NULL, 0" : "item, item_exact, size") + " FROM " + written + ")";
    }

    /** What a write statement returns to record its row in the history. */
    private static final String RETURNING_ROW = " RETURNING table_id, hk, rk, item, item_exact, size";

    /**
     * A single-row write statement ({@code INSERT ... } or {@code UPDATE ...}, without RETURNING) that returns the
     * table's version, and on a table with point-in-time recovery records the row in the history too.
     */
    private static String returningVersion(ItemTable table, String write) {
        if (!table.pointInTimeRecovery()) {
            return write + RETURNING_VERSION;
        }
        return "WITH w AS (" + write + RETURNING_ROW + ", (SELECT version FROM catalog_table WHERE id = ?) AS version)"
                + history("w", false) + " SELECT version FROM w";
    }

    /**
     * Writes the item, replacing any item with the same key, in one statement: for a write that needs nothing of the
     * item it replaces. With {@link WriteLock#TAKE} the statement takes the single-write lock first. Returns the size
     * of the item replaced (-1: none), which its capacity units are counted on: the statement's last part reads it
     * in the snapshot the statement started with, before its own write.
     */
    public int upsert(ItemTable table, PrimaryKey key, Map<String, AttributeValue> item, int size, WriteLock lock) {
        boolean recorded = table.pointInTimeRecovery();
        String write = "INSERT INTO " + table.partition() + " (table_id, hk, rk, item, item_exact, size)";
        String oldSize = "(SELECT size FROM " + table.partition() + " WHERE table_id = ? AND hk = ? AND rk = ?)";
        String sql;
        if (lock == WriteLock.HELD) {
            sql = "WITH w AS (" + write + " VALUES (?, ?, ?, ?::jsonb, ?, ?)" + UPSERT + RETURNING_ROW
                    + ", (SELECT version FROM catalog_table WHERE id = ?) AS version)"
                    + (recorded ? history("w", false) : "") + " SELECT version, " + oldSize + " FROM w";
        } else {
            sql = SINGLE_WRITE_LOCK + ", w AS (" + write + " SELECT ?, ?, ?, ?::jsonb, ?, ? FROM l"
                    + " WHERE l.free AND l.current" + UPSERT + (recorded ? RETURNING_ROW + ")" + history("w", false) : ")")
                    + " SELECT l.free, l.current, " + oldSize + " FROM l";
        }
        StoredJson json = StoredJson.of(item);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int p = bindKey(ps, lock == WriteLock.HELD ? 1 : bindSingleWriteLock(ps, table, key), table, key);
            ps.setString(p++, json.jsonb());
            ps.setString(p++, json.exact());
            ps.setInt(p++, size);
            if (lock == WriteLock.HELD) {
                ps.setLong(p++, table.id());
            }
            bindKey(ps, p, table, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (lock == WriteLock.HELD) {
                    checkVersion(rs, 1, table);
                } else {
                    checkSingleWriteLock(rs, table);
                }
                int replaced = rs.getInt(3 - (lock == WriteLock.HELD ? 1 : 0));
                return rs.wasNull() ? -1 : replaced;
            }
        } catch (SQLException e) {
            throw translate(e, table);
        }
    }

    /**
     * Inserts the item unless one with the same key exists; whether it was inserted. The caller holds the item's
     * lock (a single write's shared lock lets another single write insert the key first).
     */
    public boolean insertIfAbsent(ItemTable table, PrimaryKey key, Map<String, AttributeValue> item, int size) {
        return insert(table, key, item, size, returningVersion(table, "INSERT INTO " + table.partition()
                + " (table_id, hk, rk, item, item_exact, size) VALUES (?, ?, ?, ?::jsonb, ?, ?)"
                + " ON CONFLICT (table_id, hk, rk) DO NOTHING"));
    }

    /** Replaces an item known to exist (its row is locked by this transaction). */
    public void replace(ItemTable table, PrimaryKey key, Map<String, AttributeValue> item, int size) {
        String sql = returningVersion(table, "UPDATE " + table.partition()
                + " SET item = ?::jsonb, item_exact = ?, size = ? WHERE table_id = ? AND hk = ? AND rk = ?");
        StoredJson json = StoredJson.of(item);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, json.jsonb());
            ps.setString(2, json.exact());
            ps.setInt(3, size);
            ps.setLong(4, table.id());
            ps.setBytes(5, key.hash());
            ps.setBytes(6, key.range());
            ps.setLong(7, table.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    checkVersion(rs, 1, table);
                }
            }
        } catch (SQLException e) {
            throw translate(e, table);
        }
    }

    /**
     * Runs an INSERT of the item; whether a row was written.
     *
     * @param lockKey the item's lock key when the statement takes the single-write lock first
     */
    private boolean insert(ItemTable table, PrimaryKey key, Map<String, AttributeValue> item, int size, String sql) {
        StoredJson json = StoredJson.of(item);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int p = bindKey(ps, 1, table, key);
            ps.setString(p++, json.jsonb());
            ps.setString(p++, json.exact());
            ps.setInt(p++, size);
            ps.setLong(p, table.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                checkVersion(rs, 1, table);
                return true;
            }
        } catch (SQLException e) {
            throw translate(e, table);
        }
    }

    private static final String RETURNING_OLD = " RETURNING coalesce(item_exact, item::text) AS doc,"
            + " (SELECT version FROM catalog_table WHERE id = ?) AS version";

    /**
     * Deletes the item with this key; returns the deleted item, or null if there was none. With
     * {@link WriteLock#TAKE} the statement takes the single-write lock first.
     */
    public Map<String, AttributeValue> delete(ItemTable table, PrimaryKey key, WriteLock lock) {
        boolean recorded = table.pointInTimeRecovery();
        String returning = recorded ? RETURNING_OLD + ", table_id, hk, rk" : RETURNING_OLD;
        if (lock == WriteLock.HELD) {
            String delete = "DELETE FROM " + table.partition() + " WHERE table_id = ? AND hk = ? AND rk = ?";
            String sql = recorded ? "WITH d AS (" + delete + returning + ")" + history("d", true)
                    + " SELECT doc, version FROM d" : delete + returning;
            return delete(table, key, sql, false);
        }
        String sql = SINGLE_WRITE_LOCK + ", d AS (DELETE FROM " + table.partition()
                + " WHERE (SELECT free AND current FROM l) AND table_id = ? AND hk = ? AND rk = ?" + returning
                + ")" + (recorded ? history("d", true) : "")
                + " SELECT l.free, l.current, d.doc, d.version FROM l LEFT JOIN d ON true";
        return delete(table, key, sql, true);
    }

    private Map<String, AttributeValue> delete(ItemTable table, PrimaryKey key, String sql, boolean takesLock) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int p = bindKey(ps, takesLock ? bindSingleWriteLock(ps, table, key) : 1, table, key);
            ps.setLong(p, table.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                if (takesLock) {
                    checkSingleWriteLock(rs, table);
                }
                String doc = rs.getString("doc");
                if (doc == null) {
                    return null;
                }
                checkVersion(rs, rs.findColumn("version"), table);
                return parse(doc);
            }
        } catch (SQLException e) {
            throw translate(e, table);
        }
    }

    /** Fails the request for a run with the current definition when the catalog's version is not the one used. */
    private static void checkVersion(ResultSet rs, int column, ItemTable table) throws SQLException {
        long version = rs.getLong(column);
        if (rs.wasNull() || version != table.version()) {
            throw new StaleTableException(table.name());
        }
    }

    /**
     * The size of an item collection: the items of one partition key and their entries in the table's local
     * secondary indexes (which share the table's partition key), as ReturnItemCollectionMetrics reports it.
     */
    public long collectionSize(ItemTable table, byte[] hash) {
        StringBuilder sql = new StringBuilder("SELECT (SELECT coalesce(sum(size), 0) FROM ").append(table.partition())
                .append(" WHERE table_id = ? AND hk = ?)");
        int localIndexes = 0;
        for (io.jynamo.core.table.SecondaryIndex index : table.indexes()) {
            if (!index.global()) {
                sql.append(" + (SELECT coalesce(sum(size), 0) FROM ").append(IndexStore.partition(index))
                        .append(" WHERE ihk = ?)");
                localIndexes++;
            }
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setLong(1, table.id());
            for (int p = 2; p <= localIndexes + 2; p++) {
                ps.setBytes(p, hash);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw translate(e, table);
        }
    }

    /** Receives the rows of a Query or Scan in order; returns false to stop reading. */
    @FunctionalInterface
    public interface RowVisitor {
        boolean visit(StoredRow row);
    }

    /**
     * The items of one partition key whose sort key lies in {@code range}, in sort-key order (reversed when not
     * {@code forward}), read through the primary-key index, until {@code pageBytes} of items have been read.
     *
     * @param limit at most this many rows; null for no limit
     */
    public void query(ItemTable table, byte[] hash, KeyRange range, boolean forward, Integer limit, long pageBytes,
                      RowVisitor visitor) {
        StringBuilder where = new StringBuilder("table_id = ? AND hk = ?");
        List<byte[]> params = new ArrayList<>();
        params.add(hash);
        bound(where, params, "rk", range);
        String from = table.partition() + " WHERE " + where;
        readPage(dataSource, table, "", from, forward ? "rk" : "rk DESC", table.id(), params,
                limit, pageBytes, visitor);
    }

    /**
     * All items, in key order, after the given key (exclusive), optionally only one segment of a parallel scan:
     * the items whose partition key hashes to {@code segment} modulo {@code totalSegments}; until {@code pageBytes}
     * of items have been read.
     *
     * @param afterHash null to start at the beginning
     * @param totalSegments 0 for the whole table
     */
    public void scan(ItemTable table, byte[] afterHash, byte[] afterRange, int segment, int totalSegments,
                     Integer limit, long pageBytes, RowVisitor visitor) {
        StringBuilder where = new StringBuilder("table_id = ?");
        List<byte[]> params = new ArrayList<>();
        if (afterHash != null) {
            where.append(" AND (hk, rk) > (?, ?)");
            params.add(afterHash);
            params.add(afterRange);
        }
        if (totalSegments > 0) {
            where.append(" AND ").append(segmentOf("hk", totalSegments)).append(" = ").append(segment);
        }
        readPage(dataSource, table, "", table.partition() + " WHERE " + where, "hk, rk",
                table.id(), params, limit, pageBytes, visitor);
    }

    /** The SQL giving the parallel-scan segment of a partition key column: its hash modulo the segments. */
    static String segmentOf(String column, int totalSegments) {
        return "(hashtextextended(encode(" + column + ", 'hex'), 0) & 9223372036854775807) % " + totalSegments;
    }

    /** The parallel-scan segment a partition key (as encoded) falls in, by the hash the segments' scans use. */
    public int segmentOf(byte[] hash, int totalSegments) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + segmentOf("?", totalSegments))) {
            ps.setBytes(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw translate(e, null);
        }
    }

    private static void bound(StringBuilder sql, List<byte[]> params, String column, KeyRange range) {
        if (range.lower() != null) {
            sql.append(" AND ").append(column).append(range.lowerInclusive() ? " >= ?" : " > ?");
            params.add(range.lower());
        }
        if (range.upper() != null) {
            sql.append(" AND ").append(column).append(range.upperInclusive() ? " <= ?" : " < ?");
            params.add(range.upper());
        }
    }

    /**
     * Reads a page of rows in {@code orderBy} order, handing each to the visitor, and stops at the first row read
     * once {@code pageBytes} of item sizes were read before it (DynamoDB's 1 MB page: the row that crosses the limit
     * is still part of the page).
     *
     * <p>The byte limit is applied in SQL, so that no more than the page plus one row is ever held: a running sum of
     * the rows' sizes is computed as PostgreSQL reads them in index order, and a row's document is sent only while
     * the sum before it is under the limit (rows past it are a few bytes each, and reading stops at the first).
     * Documents are turned into text only for the rows sent, and large ones, stored out of line, are not even
     * fetched for the others. Rows come through a cursor in batches of {@link #FETCH_SIZE}.
     *
     * @param alias      the prefix naming the relation that holds the rows' {@code item, item_exact, size}: "" or "t."
     * @param fromWhere  what follows FROM: the relations and the WHERE clause, whose first parameter is {@code id}
     *                   and the others {@code params}
     */
    static void readPage(DataSource dataSource, ItemTable table, String alias, String fromWhere, String orderBy,
                         long id, List<byte[]> params, Integer limit, long pageBytes, RowVisitor visitor) {
        String size = alias + "size";
        // the outer query orders by the inner one's keys again: SQL promises no order otherwise, and PostgreSQL,
        // knowing its input sorted so, adds no sort for it
        StringBuilder keys = new StringBuilder();
        StringBuilder outerOrder = new StringBuilder();
        String[] terms = orderBy.split(", ");
        for (int i = 0; i < terms.length; i++) {
            boolean descending = terms[i].endsWith(" DESC");
            keys.append(", ").append(descending ? terms[i].substring(0, terms[i].length() - 5) : terms[i])
                    .append(" AS k").append(i);
            outerOrder.append(i > 0 ? ", " : "").append("p.k").append(i).append(descending ? " DESC" : "");
        }
        String sql = "SELECT CASE WHEN p.before < ? THEN coalesce(p.item_exact, p.item::text) END, p.size FROM"
                + " (SELECT " + alias + "item, " + alias + "item_exact, " + size + keys + ", sum(" + size
                + ") OVER (ORDER BY " + orderBy + " ROWS UNBOUNDED PRECEDING) - " + size + " AS before FROM "
                + fromWhere + " ORDER BY " + orderBy + (limit == null ? "" : " LIMIT " + limit) + ") p ORDER BY "
                + outerOrder;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(limit == null ? FETCH_SIZE : Math.min(limit, FETCH_SIZE));
            ps.setLong(1, pageBytes);
            ps.setLong(2, id);
            for (int i = 0; i < params.size(); i++) {
                ps.setBytes(i + 3, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String doc = rs.getString(1);
                    if (doc == null || !visitor.visit(new StoredRow(parse(doc), rs.getInt(2)))) {
                        return;
                    }
                }
            }
        } catch (SQLException e) {
            throw translate(e, table);
        }
    }

    /** Binds the key's three parameters from {@code first} on; returns the next parameter's index. */
    private static int bindKey(PreparedStatement ps, int first, ItemTable table, PrimaryKey key) throws SQLException {
        ps.setLong(first, table.id());
        ps.setBytes(first + 1, key.hash());
        ps.setBytes(first + 2, key.range());
        return first + 3;
    }

    private void execute(String ddl) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(ddl);
        } catch (SQLException e) {
            throw translate(e, null);
        }
    }

    static Map<String, AttributeValue> parse(String json) {
        return AttributeValueJson.parseItem(json);
    }

    /**
     * A table (or index) deleted since the request read its definition surfaces as a missing relation: the request
     * runs again with the catalog's current answer. A deadlock or serialization failure aborted the transaction for
     * another's sake: it runs again too. Anything else is ours.
     */
    static RuntimeException translate(SQLException e, ItemTable table) {
        if (UNDEFINED_TABLE.equals(e.getSQLState())) {
            return new StaleTableException(table == null ? null : table.name());
        }
        if (RETRYABLE.contains(e.getSQLState())) {
            return new WriteConflictException(e);
        }
        return new StorageException(e);
    }

    /**
     * An item's JSON for the {@code item} (jsonb) and {@code item_exact} (text) columns. jsonb cannot hold U+0000,
     * which DynamoDB strings may contain; such items keep their exact JSON in item_exact and a readable copy with
     * U+FFFD in item.
     */
    record StoredJson(String jsonb, String exact) {
        static StoredJson of(Map<String, AttributeValue> item) {
            String json = new String(Json.write(g -> AttributeValueJson.writeItem(g, item)),
                    java.nio.charset.StandardCharsets.UTF_8);
            if (json.contains("\\u0000")) {
                return new StoredJson(json.replace("\\u0000", "\\uFFFD"), json);
            }
            return new StoredJson(json, null);
        }
    }
}
