package io.jynamo.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import static io.jynamo.it.DynamoAssertions.assertError;
import static io.jynamo.it.DynamoAssertions.assertErrorCode;
import static io.jynamo.it.TransactWriteItemsIT.s;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a request meets when another one is working on its item, as DynamoDB answers it: a single write to an item a
 * transaction is writing gets TransactionConflictException, a transaction meeting another transaction or a single
 * write in progress is cancelled with TransactionConflict, a BatchWriteItem leaves such items unprocessed, and a
 * request repeating the token of a transaction still running gets TransactionInProgressException. Reads go on.
 *
 * <p>A request "in progress" is played by a database session of the test holding the item's (or token's) lock, as a
 * request on another Jynamo node would; the lock names are those of {@code io.jynamo.ejb.storage.ItemLocks}.
 * Concurrency between real requests is exercised by TransactionConcurrencyIT.
 */
class TransactionConflictIT extends JynamoIT {
    private static final String CONFLICT = "Transaction is ongoing for the item";

    private String table;

    @BeforeEach
    void table() {
        if (table == null) {
            table = Tables.createHashOnly(ddb, "conflicts");
        }
    }

    private static Map<String, AttributeValue> item(String pk, String value) {
        return Map.of("pk", s(pk), "v", s(value));
    }

    private String value(String pk) {
        var got = ddb.getItem(b -> b.tableName(table).key(Map.of("pk", s(pk))).consistentRead(true));
        return got.hasItem() ? got.item().get("v").s() : null;
    }

    /** Takes, in the session's transaction, the lock a request writing this (stored) item holds. */
    private void holdItemLock(Connection c, String pk, boolean asTransaction) throws SQLException {
        long id = TestDatabase.tableId(c, table);
        String lockKey = "('x' || encode(substring(sha256('\\x69'::bytea || int8send(table_id) || int4send(length(hk))"
                + " || hk || int4send(length(rk)) || rk) from 1 for 8), 'hex'))::bit(64)::bigint";
        String function = asTransaction ? "pg_advisory_xact_lock" : "pg_advisory_xact_lock_shared";
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(" + lockKey + ") FROM item_" + id
                + " WHERE item->'pk'->>'S' = ?")) {
            ps.setString(1, pk);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("item %s is stored", pk).isTrue();
            }
        }
    }

    @Test
    void writesMeetingATransactionInProgressAreRefusedAndReadsGoOn() throws SQLException {
        ddb.putItem(b -> b.tableName(table).item(item("held", "before")));
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            holdItemLock(c, "held", true);

            assertError(() -> ddb.putItem(b -> b.tableName(table).item(item("held", "put"))),
                    "TransactionConflictException", CONFLICT);
            assertError(() -> ddb.updateItem(b -> b.tableName(table).key(Map.of("pk", s("held")))
                    .updateExpression("SET v = :v").expressionAttributeValues(Map.of(":v", s("updated")))),
                    "TransactionConflictException", CONFLICT);
            assertError(() -> ddb.deleteItem(b -> b.tableName(table).key(Map.of("pk", s("held")))),
                    "TransactionConflictException", CONFLICT);
            // the writes that read the item first meet the lock in that read
            assertError(() -> ddb.putItem(b -> b.tableName(table).item(item("held", "put"))
                            .conditionExpression("attribute_exists(pk)").returnValues("ALL_OLD")),
                    "TransactionConflictException", CONFLICT);
            assertError(() -> ddb.deleteItem(b -> b.tableName(table).key(Map.of("pk", s("held")))
                            .conditionExpression("v = :v").expressionAttributeValues(Map.of(":v", s("before")))),
                    "TransactionConflictException", CONFLICT);

            var e = (TransactionCanceledException) assertErrorCode(() -> ddb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(item("other", "tx"))).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(item("held", "tx"))).build())),
                    "TransactionCanceledException");
            assertThat(e.cancellationReasons()).extracting(CancellationReason::code)
                    .containsExactly("None", "TransactionConflict");
            assertThat(e.cancellationReasons().get(1).message()).isEqualTo(CONFLICT);

            var batch = ddb.batchWriteItem(b -> b.requestItems(Map.of(table, java.util.List.of(
                    WriteRequest.builder().putRequest(p -> p.item(item("held", "batch"))).build(),
                    WriteRequest.builder().putRequest(p -> p.item(item("batched", "batch"))).build()))));
            assertThat(batch.unprocessedItems().get(table)).extracting(w -> w.putRequest().item())
                    .containsExactly(item("held", "batch"));

            assertThat(value("held")).isEqualTo("before");
            assertThat(value("batched")).isEqualTo("batch");
            assertThat(value("other")).isNull();
            var read = ddb.transactGetItems(b -> b.transactItems(TransactGetItem.builder().get(g -> g
                    .tableName(table).key(Map.of("pk", s("held")))).build()));
            assertThat(read.responses().get(0).item()).isEqualTo(item("held", "before"));
            c.rollback();
        }
        ddb.putItem(b -> b.tableName(table).item(item("held", "after")));
        assertThat(value("held")).isEqualTo("after");
    }

    @Test
    void aTransactionMeetingASingleWriteInProgressIsCancelled() throws SQLException {
        ddb.putItem(b -> b.tableName(table).item(item("busy", "before")));
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            holdItemLock(c, "busy", false);

            var e = (TransactionCanceledException) assertErrorCode(() -> ddb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().conditionCheck(k -> k.tableName(table).key(Map.of("pk", s("busy")))
                            .conditionExpression("attribute_exists(pk)")).build())),
                    "TransactionCanceledException");
            assertThat(e.cancellationReasons()).extracting(CancellationReason::code)
                    .containsExactly("TransactionConflict");
            // single writes do not conflict with each other
            ddb.putItem(b -> b.tableName(table).item(item("busy", "single")));
            c.rollback();
        }
        assertThat(value("busy")).isEqualTo("single");
    }

    @Test
    void aTokenOfATransactionStillRunningGetsTransactionInProgress() throws SQLException {
        String token = UUID.randomUUID().toString();
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(('x' || encode(substring("
                    + "sha256('\\x74'::bytea || convert_to(?, 'UTF8')) from 1 for 8), 'hex'))::bit(64)::bigint)")) {
                ps.setString(1, token);
                ps.executeQuery().close();
            }
            assertError(() -> ddb.transactWriteItems(b -> b.clientRequestToken(token).transactItems(
                            TransactWriteItem.builder().put(p -> p.tableName(table).item(item("token", "x"))).build())),
                    "TransactionInProgressException", "Transaction from previous request is still in progress");
            c.rollback();
        }
        assertThat(value("token")).isNull();
    }

    @Test
    void aRequestPostgreSqlAbortsForADeadlockIsRunAgain() throws Exception {
        ddb.putItem(b -> b.tableName(table).item(item("dl-a", "before")));
        ddb.putItem(b -> b.tableName(table).item(item("dl-b", "before")));
        try (Connection c = TestDatabase.connect()) {
            long id = TestDatabase.tableId(c, table);
            c.setAutoCommit(false);
            try (var st = c.createStatement()) {
                // this session waits long before looking for deadlocks, so the server's transaction is the victim
                st.execute("SET deadlock_timeout = '20s'");
                st.executeQuery("SELECT 1 FROM item_" + id + " WHERE item->'pk'->>'S' = 'dl-b' FOR UPDATE").close();
            }
            // the batch writes dl-a, then waits for dl-b, which this session holds
            var batch = java.util.concurrent.CompletableFuture.supplyAsync(() -> ddb.batchWriteItem(b -> b
                    .requestItems(Map.of(table, java.util.List.of(
                            WriteRequest.builder().putRequest(p -> p.item(item("dl-a", "batch"))).build(),
                            WriteRequest.builder().putRequest(p -> p.item(item("dl-b", "batch"))).build())))));
            Thread.sleep(500);
            long started = System.nanoTime();
            try (var st = c.createStatement()) {
                // and now this session waits for dl-a: a deadlock, which PostgreSQL breaks by aborting the server's
                // transaction (its deadlock_timeout is 1 s); this statement then gets dl-a
                assertThat(st.executeUpdate("UPDATE item_" + id + " SET size = size WHERE item->'pk'->>'S' = 'dl-a'"))
                        .isEqualTo(1);
            }
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(
                    java.time.Duration.ofSeconds(10));
            c.rollback();
            // the aborted batch ran again once the rows were free, and succeeded
            assertThat(batch.get(30, java.util.concurrent.TimeUnit.SECONDS).unprocessedItems()).isEmpty();
        }
        assertThat(value("dl-a")).isEqualTo("batch");
        assertThat(value("dl-b")).isEqualTo("batch");
    }
}
