package io.jynamo.ejb.write;

import io.jynamo.core.error.ConditionalCheckFailedException;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import io.jynamo.core.expression.ConditionExpression;
import io.jynamo.core.expression.ExpressionNames;
import io.jynamo.core.expression.ExpressionValues;
import io.jynamo.core.expression.ast.Condition;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.DynamoNumber;
import io.jynamo.core.item.ItemSize;
import io.jynamo.core.item.PrimaryKey;
import io.jynamo.core.table.StreamViewType;
import io.jynamo.ejb.storage.IndexStore;
import io.jynamo.ejb.storage.ItemRef;
import io.jynamo.ejb.storage.ItemStore;
import io.jynamo.ejb.storage.ItemTable;
import io.jynamo.ejb.storage.StaleTableException;
import io.jynamo.ejb.storage.StreamRecordStore;
import io.jynamo.ejb.storage.WriteLock;
import io.jynamo.ejb.stream.ChangeRecorder;
import io.jynamo.ejb.testing.OneConnection;
import io.jynamo.ejb.testing.TestPostgres;
import io.jynamo.ejb.testing.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The one write path against a real PostgreSQL with Jynamo's schema, without the server: each test runs in one
 * transaction over one connection, as a request does, and looks at the rows, index entries and stream records left.
 */
class ItemWriterTest {
    private static TestPostgres.Database db;
    private static int tables;

    private OneConnection tx;
    private ItemStore rows;
    private ItemWriter writer;

    @BeforeAll
    static void schema() {
        db = TestSchema.migrated("jynamo_unit_writer");
    }

    @BeforeEach
    void begin() throws SQLException {
        tx = new OneConnection(db.connect());
        rows = new ItemStore(tx);
        writer = new ItemWriter(rows, new IndexStore(tx), new ChangeRecorder(new StreamRecordStore(tx)));
    }

    @AfterEach
    void end() throws SQLException {
        tx.close();
    }

    private static ItemTable table(TestSchema.Builder builder) throws SQLException {
        try (Connection c = db.connect()) {
            return builder.create(c);
        }
    }

    private static TestSchema.Builder newTable() {
        return TestSchema.table("t" + (++tables));
    }

    private static Map<String, AttributeValue> item(String pk, Object... attributes) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", new AttributeValue.S(pk));
        for (int i = 0; i < attributes.length; i += 2) {
            Object v = attributes[i + 1];
            item.put((String) attributes[i], v instanceof Integer n ? new AttributeValue.N(DynamoNumber.parse(
                    n.toString())) : new AttributeValue.S((String) v));
        }
        return item;
    }

    private static PrimaryKey key(ItemTable table, String pk) {
        return PrimaryKey.ofItem(item(pk), table.keySchema());
    }

    private static Condition condition(String expression, Map<String, AttributeValue> values) {
        return ConditionExpression.parse(expression, "ConditionExpression", ExpressionNames.none(),
                values.isEmpty() ? ExpressionValues.none() : ExpressionValues.of(values));
    }

    private ItemWriter.Written put(ItemTable table, Map<String, AttributeValue> item) {
        return writer.write(table, PrimaryKey.ofItem(item, table.keySchema()), ItemChange.put(item, ItemSize.of(item)),
                WriteLock.TAKE);
    }

    /** The index entries of the index, as (index key value, table key value) pairs. */
    private List<String> indexEntries(ItemTable table) throws SQLException {
        List<String> entries = new ArrayList<>();
        try (PreparedStatement ps = tx.connection().prepareStatement("SELECT item->'g'->>'S', item->'pk'->>'S' FROM"
                + " index_entry_" + table.indexes().get(0).id() + " ORDER BY 2")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(rs.getString(1) + "/" + rs.getString(2));
                }
            }
        }
        return entries;
    }

    /** The stream records of the table, as event name and images, in the order written. */
    private List<String> streamRecords(ItemTable table) throws SQLException {
        List<String> records = new ArrayList<>();
        try (PreparedStatement ps = tx.connection().prepareStatement("SELECT event_name, images, by_ttl FROM"
                + " stream_record WHERE stream_id = ? ORDER BY id")) {
            ps.setLong(1, table.stream().id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    records.add(rs.getString(1) + (rs.getBoolean(3) ? " by TTL " : " ") + rs.getString(2));
                }
            }
        }
        return records;
    }

    @Test
    void aPutStoresTheItemWithItsIndexEntryAndStreamRecord() throws SQLException {
        ItemTable table = table(newTable().globalIndex("byG", "g").stream(StreamViewType.NEW_AND_OLD_IMAGES));
        put(table, item("a", "g", "x"));
        ItemWriter.Written second = put(table, item("a", "g", "y"));

        assertThat(second.old()).isEqualTo(item("a", "g", "x"));
        assertThat(rows.get(table, key(table, "a"))).isEqualTo(item("a", "g", "y"));
        assertThat(indexEntries(table)).containsExactly("y/a");
        assertThat(streamRecords(table)).hasSize(2);
        assertThat(streamRecords(table).get(0)).startsWith("INSERT ");
        assertThat(streamRecords(table).get(1)).startsWith("MODIFY ").contains("\"OldImage\"").contains("\"NewImage\"");
    }

    @Test
    void aPutThatNeedsNothingOfTheOldItemStillReplacesItsIndexEntry() throws SQLException {
        ItemTable table = table(newTable().globalIndex("byG", "g"));
        put(table, item("a", "g", "x"));
        ItemWriter.Written blind = put(table, item("a", "g", "y"));

        assertThat(blind.old()).as("not read").isNull();
        assertThat(indexEntries(table)).containsExactly("y/a");
    }

    @Test
    void aFailedConditionChangesNothingAndReturnsTheItemWhenAsked() throws SQLException {
        ItemTable table = table(newTable().globalIndex("byG", "g").stream(StreamViewType.NEW_IMAGE));
        put(table, item("a", "g", "x", "n", 1));
        Condition missing = condition("attribute_not_exists(pk)", Map.of());
        ItemChange.Put again = new ItemChange.Put(item("a", "g", "z"), 10, missing, true, false);

        ConditionalCheckFailedException e = catchThrowableOfType(() -> writer.write(table, key(table, "a"), again,
                WriteLock.TAKE), ConditionalCheckFailedException.class);

        assertThat(e.item()).isEqualTo(item("a", "g", "x", "n", 1));
        assertThat(rows.get(table, key(table, "a"))).isEqualTo(item("a", "g", "x", "n", 1));
        assertThat(indexEntries(table)).containsExactly("x/a");
        assertThat(streamRecords(table)).hasSize(1);
    }

    @Test
    void anUpdateOfAMissingItemThatCreatesNothingWritesNothing() throws SQLException {
        ItemTable table = table(newTable().stream(StreamViewType.NEW_IMAGE));
        ItemWriter.Written w = writer.write(table, key(table, "a"), new ItemChange.Update(current -> null,
                new Condition.True(), false), WriteLock.TAKE);

        assertThat(w.old()).isNull();
        assertThat(w.item()).isNull();
        assertThat(rows.get(table, key(table, "a"))).isNull();
        assertThat(streamRecords(table)).isEmpty();
    }

    @Test
    void anUpdateSeesTheCurrentItem() throws SQLException {
        ItemTable table = table(newTable());
        put(table, item("a", "n", 1));
        writer.write(table, key(table, "a"), new ItemChange.Update(current -> item("a", "n",
                ((AttributeValue.N) current.get("n")).value().bigDecimal().intValue() + 1), new Condition.True(), false),
                WriteLock.TAKE);

        assertThat(rows.get(table, key(table, "a"))).isEqualTo(item("a", "n", 2));
    }

    @Test
    void aDeleteRemovesTheIndexEntryAndRecordsTheOldImage() throws SQLException {
        ItemTable table = table(newTable().globalIndex("byG", "g").stream(StreamViewType.OLD_IMAGE));
        put(table, item("a", "g", "x"));
        ItemWriter.Written deleted = writer.write(table, key(table, "a"), ItemChange.delete(), WriteLock.TAKE);
        ItemWriter.Written none = writer.write(table, key(table, "a"), ItemChange.delete(), WriteLock.TAKE);

        assertThat(deleted.old()).isEqualTo(item("a", "g", "x"));
        assertThat(none.old()).isNull();
        assertThat(rows.get(table, key(table, "a"))).isNull();
        assertThat(indexEntries(table)).isEmpty();
        assertThat(streamRecords(table)).hasSize(2);
        assertThat(streamRecords(table).get(1)).startsWith("REMOVE ").contains("\"OldImage\"");
    }

    @Test
    void aChangeThatChangesNothingLeavesNoStreamRecord() throws SQLException {
        ItemTable table = table(newTable().stream(StreamViewType.KEYS_ONLY));
        Condition always = condition("attribute_not_exists(nothing)", Map.of());
        writer.write(table, key(table, "a"), new ItemChange.Put(item("a", "n", 1), 10, always, false, false),
                WriteLock.TAKE);
        writer.write(table, key(table, "a"), new ItemChange.Put(item("a", "n", 1), 10, always, false, false),
                WriteLock.TAKE);

        assertThat(streamRecords(table)).hasSize(1);
    }

    @Test
    void anItemInsertedByAnotherWriteMeanwhileIsReadAgainAndWrittenOver() throws SQLException {
        ItemTable table = table(newTable().stream(StreamViewType.NEW_AND_OLD_IMAGES));
        AtomicInteger calls = new AtomicInteger();
        // the change runs after the write read "no item": another client inserts the item just then, and commits
        ItemChange racing = new ItemChange.Update(current -> {
            if (calls.incrementAndGet() == 1) {
                assertThat(current).isNull();
                insertElsewhere(table, item("a", "n", 7));
            }
            return item("a", "n", current == null ? 1 : 8);
        }, new Condition.True(), false);

        ItemWriter.Written w = writer.write(table, key(table, "a"), racing, WriteLock.TAKE);

        assertThat(calls).hasValue(2);
        assertThat(w.old()).isEqualTo(item("a", "n", 7));
        assertThat(rows.get(table, key(table, "a"))).isEqualTo(item("a", "n", 8));
        // the other client's insert, then this write over it
        assertThat(streamRecords(table)).hasSize(2);
        assertThat(streamRecords(table).get(1)).startsWith("MODIFY ").contains("\"OldImage\":{\"n\":{\"N\":\"7\"}");
    }

    private static void insertElsewhere(ItemTable table, Map<String, AttributeValue> item) {
        try (OneConnection other = new OneConnection(db.connect())) {
            new ItemWriter(new ItemStore(other), new IndexStore(other), new ChangeRecorder(new StreamRecordStore(other))).write(table,
                    PrimaryKey.ofItem(item, table.keySchema()), ItemChange.put(item, ItemSize.of(item)),
                    WriteLock.TAKE);
            other.connection().commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSingleWriteMeetingATransactionOnItsItemIsATransactionConflict() throws SQLException {
        ItemTable table = table(newTable());
        try (Connection transaction = db.connect()) {
            transaction.setAutoCommit(false);
            try (PreparedStatement ps = transaction.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, new ItemRef(table, key(table, "a")).lockKey());
                ps.execute();
            }
            for (ItemChange change : List.of(ItemChange.put(item("a"), 5), ItemChange.delete(),
                    new ItemChange.Update(c -> item("a"), new Condition.True(), false))) {
                DynamoException e = catchThrowableOfType(() -> writer.write(table, key(table, "a"), change,
                        WriteLock.TAKE), DynamoException.class);
                assertThat(e.type()).isEqualTo(ErrorType.TRANSACTION_CONFLICT);
            }
            transaction.rollback();
        }
        assertThat(rows.get(table, key(table, "a"))).isNull();
    }

    @Test
    void aWriteMadeWithAnOutOfDateDefinitionIsRefusedAsStale() throws SQLException {
        ItemTable table = table(newTable());
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "UPDATE catalog_table SET version = version + 1 WHERE id = ?")) {
            ps.setLong(1, table.id());
            ps.executeUpdate();
        }
        assertThatThrownBy(() -> put(table, item("a"))).isInstanceOf(StaleTableException.class);
    }

    @Test
    void storingWhatATransactionDecidedWritesRowIndexAndRecord() throws SQLException {
        ItemTable table = table(newTable().globalIndex("byG", "g").stream(StreamViewType.NEW_IMAGE));
        // stored (not null), its one index entry put: one write unit on the index
        assertThat(writer.store(table, key(table, "a"), null, item("a", "g", "x"), ChangeRecorder.Origin.REQUEST)
                .on(table.name()).globalIndexes().get("byG").write()).isEqualTo(1.0);
        Map<String, AttributeValue> current = writer.read(table, key(table, "a"));
        writer.store(table, key(table, "a"), current, null, ChangeRecorder.Origin.TTL);

        assertThat(rows.get(table, key(table, "a"))).isNull();
        assertThat(indexEntries(table)).isEmpty();
        assertThat(streamRecords(table)).hasSize(2);
        assertThat(streamRecords(table).get(1)).startsWith("REMOVE by TTL ");
    }

    @Test
    void anItemWhoseIndexKeyHasTheWrongTypeIsRefusedBeforeAnythingIsWritten() throws SQLException {
        ItemTable table = table(newTable().globalIndex("byG", "g"));
        Map<String, AttributeValue> wrong = item("a", "g", 5);
        assertThatThrownBy(() -> put(table, wrong)).isInstanceOf(DynamoException.class)
                .hasMessageContaining("Type mismatch for Index Key");
        assertThat(rows.get(table, key(table, "a"))).isNull();
    }
}
