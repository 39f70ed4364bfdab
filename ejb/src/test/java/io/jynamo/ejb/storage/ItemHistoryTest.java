package io.jynamo.ejb.storage;

import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.ItemSize;
import io.jynamo.core.item.KeyEncoding;
import io.jynamo.core.item.PrimaryKey;
import io.jynamo.ejb.testing.OneConnection;
import io.jynamo.ejb.testing.TestPostgres;
import io.jynamo.ejb.testing.TestSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Point-in-time recovery's storage against a real PostgreSQL, with items written by the write path's statements
 * ({@link ItemStore}), which record their history: a state at a recorded snapshot holds exactly the
 * transactions committed by then, in commit order, not start order; moving the base forward keeps every later state;
 * pruning drops exactly the days of history that end before the window (less the margin).
 */
class ItemHistoryTest {
    private static TestPostgres.Database db;
    private static final AtomicLong BACKUPS = new AtomicLong(900_000);

    @BeforeAll
    static void schema() {
        db = TestSchema.migrated("jynamo_unit_history");
    }

    /** A table with PITR on and its base copied (empty), with today's history partitions. */
    private static ItemTable pitrTable(String name) throws SQLException {
        ItemTable table;
        try (Connection c = db.connect()) {
            table = TestSchema.table(name).create(c);
            try (Statement st = c.createStatement()) {
                st.execute("UPDATE catalog_table SET pitr_enabled = true, pitr_recovery_days = 35,"
                        + " pitr_enabled_at = now() WHERE id = " + table.id());
            }
        }
        committed(h -> {
            h.createBase(table.id());
            long today = ItemHistory.dayOf(Instant.now());
            h.createPartitions(today - 3, today + 1);
        });
        committed(h -> assertThat(h.copyBase(table.id(), table.partition())).isTrue());
        return new ItemTable(table.id(), table.name(), table.keySchema(), table.partition(), table.indexes(),
                table.version(), table.stream(), true, null, null);
    }

    /** Writes an item (null: deletes it) as the write path does, in the transaction of {@code tx}. */
    private static void write(OneConnection tx, ItemTable table, String pk, Integer v) {
        ItemStore rows = new ItemStore(tx);
        if (v == null) {
            rows.delete(table, key(pk), WriteLock.HELD);
        } else {
            Map<String, AttributeValue> item = item(pk, v);
            rows.upsert(table, key(pk), item, ItemSize.of(item), WriteLock.HELD);
        }
    }

    /** Writes items in a transaction of its own, committed: pairs of key and version (null: delete). */
    private static void committedWrites(ItemTable table, Object... keysAndVersions) throws SQLException {
        try (OneConnection tx = new OneConnection(db.connect())) {
            for (int i = 0; i < keysAndVersions.length; i += 2) {
                write(tx, table, (String) keysAndVersions[i], (Integer) keysAndVersions[i + 1]);
            }
            tx.connection().commit();
        }
    }

    private interface Work {
        void run(ItemHistory history) throws SQLException;
    }

    /** Runs {@code work} in a transaction of its own, committed. */
    private static void committed(Work work) throws SQLException {
        try (OneConnection tx = new OneConnection(db.connect())) {
            work.run(new ItemHistory(tx));
            tx.connection().commit();
        }
    }

    private static PrimaryKey key(String pk) {
        return new PrimaryKey(KeyEncoding.encode(new AttributeValue.S(pk)), new byte[0]);
    }

    private static Map<String, AttributeValue> item(String pk, int v) {
        // the version as a string: what the state shows of it is its text
        return Map.of("pk", new AttributeValue.S(pk), "v", new AttributeValue.S(Integer.toString(v)));
    }

    /** Records a snapshot now, and gives its time. */
    private static Instant snapshot() throws SQLException {
        Thread.onSpinWait();
        committed(ItemHistory::recordSnapshot);
        Instant[] latest = new Instant[1];
        committed(h -> latest[0] = h.latestSnapshot());
        return latest[0];
    }

    /** The table's state at the snapshot taken at {@code at}, as a restore sees it: pk to "v". */
    private static Map<String, String> stateAt(ItemTable table, Instant at) throws SQLException {
        long backup = BACKUPS.incrementAndGet();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE backup_item_" + backup + " PARTITION OF backup_item FOR VALUES IN (" + backup
                    + ")");
        }
        committed(h -> h.materialize(table.id(), at, backup));
        Map<String, String> state = new TreeMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT item->'pk'->>'S', item->'v'->>'S' FROM backup_item_" + backup)) {
            while (rs.next()) {
                state.put(rs.getString(1), rs.getString(2));
            }
        }
        return state;
    }

    @Test
    void aStateHoldsTheTransactionsCommittedByItsSnapshotInCommitOrder() throws Exception {
        ItemTable table = pitrTable("history-order");
        committedWrites(table, "a", 1);
        Instant afterA = snapshot();

        // B writes first and commits last; C writes later and commits first
        try (OneConnection b = new OneConnection(db.connect()); OneConnection c = new OneConnection(db.connect())) {
            write(b, table, "b", 1);
            write(b, table, "a", 2);
            write(c, table, "c", 1);
            Instant bothOpen = snapshot();
            c.connection().commit();
            Instant cCommitted = snapshot();
            b.connection().commit();
            Instant bCommitted = snapshot();

            assertThat(stateAt(table, afterA)).isEqualTo(Map.of("a", "1"));
            assertThat(stateAt(table, bothOpen)).isEqualTo(Map.of("a", "1"));
            assertThat(stateAt(table, cCommitted)).isEqualTo(Map.of("a", "1", "c", "1"));
            // all of B, never half of it
            assertThat(stateAt(table, bCommitted)).isEqualTo(Map.of("a", "2", "b", "1", "c", "1"));
        }
        committedWrites(table, "c", null);
        Instant cDeleted = snapshot();
        assertThat(stateAt(table, cDeleted)).isEqualTo(Map.of("a", "2", "b", "1"));
    }

    @Test
    void movingTheBaseForwardKeepsEveryLaterState() throws Exception {
        ItemTable table = pitrTable("history-roll");
        committedWrites(table, "x", 1, "y", 1);
        Instant first = snapshot();
        committedWrites(table, "x", 2, "y", null, "z", 1);
        Instant second = snapshot();
        committedWrites(table, "x", 3);
        Instant third = snapshot();
        Map<String, String> atSecond = stateAt(table, second);
        Map<String, String> atThird = stateAt(table, third);

        committed(h -> h.rollBase(table.id(), first));
        assertThat(stateAt(table, second)).isEqualTo(atSecond);
        committed(h -> h.rollBase(table.id(), second));
        assertThat(baseOf(table)).isEqualTo(Map.of("x", "2", "z", "1"));
        assertThat(stateAt(table, second)).isEqualTo(atSecond).isEqualTo(Map.of("x", "2", "z", "1"));
        assertThat(stateAt(table, third)).isEqualTo(atThird).isEqualTo(Map.of("x", "3", "z", "1"));
    }

    private static Map<String, String> baseOf(ItemTable table) throws SQLException {
        Map<String, String> base = new TreeMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT item->'pk'->>'S', item->'v'->>'S' FROM pitr_base_" + table.id())) {
            while (rs.next()) {
                base.put(rs.getString(1), rs.getString(2));
            }
        }
        return base;
    }

    @Test
    void pruningDropsExactlyTheDaysThatEndBeforeTheWindowLessTheMargin() throws Exception {
        ItemTable table = pitrTable("history-prune");
        long today = ItemHistory.dayOf(Instant.now());
        // a change in each of the last three days, and today
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO item_history"
                + " (table_id, hk, rk, changed_at, item, size) VALUES (?, ?, ?, ?, '{}', 2)")) {
            for (long day = today - 3; day <= today; day++) {
                ps.setLong(1, table.id());
                ps.setBytes(2, key("d" + day).hash());
                ps.setBytes(3, new byte[0]);
                ps.setTimestamp(4, Timestamp.from(Instant.ofEpochMilli(day * ItemHistory.DAY.toMillis() + 1000)));
                ps.executeUpdate();
            }
        }
        Instant windowStart = Instant.ofEpochMilli((today - 1) * ItemHistory.DAY.toMillis())
                .plus(ItemHistory.MARGIN).plusSeconds(1);
        int[] dropped = new int[1];
        committed(h -> dropped[0] = h.dropBefore(windowStart));
        // the day before yesterday ends a margin before the window: dropped with older ones; yesterday is kept
        assertThat(partitions()).contains("item_history_" + (today - 1), "item_history_" + today,
                "item_history_" + (today + 1)).doesNotContain("item_history_" + (today - 2),
                "item_history_" + (today - 3));
        assertThat(dropped[0]).isGreaterThanOrEqualTo(2);
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM item_history WHERE table_id = " + table.id())) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(2);
        }
    }

    private static List<String> partitions() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                     + " JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'item_history'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
