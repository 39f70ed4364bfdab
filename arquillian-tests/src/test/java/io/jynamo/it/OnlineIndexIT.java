package io.jynamo.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A global secondary index added to a table of 100,000 items while writes of every kind go on: UpdateTable returns
 * at once, the index is CREATING and backfilling (queries on it refused as DynamoDB refuses them) and then ACTIVE, no
 * write waits for the backfill, items the index cannot hold are written (and left out of it) until it is ACTIVE,
 * and the index ends equal to the table. And one deleted while it is being filled.
 */
class OnlineIndexIT extends JynamoIT {
    private static final int WRITERS = 3;
    /** The items the test loads. */
    private int items;

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    /**
     * Writes of every kind, on random keys, until stopped: PutItem (now and then with a numeric "g", which the
     * index being filled must leave out rather than refuse), UpdateItem, DeleteItem, BatchWriteItem and
     * TransactWriteItems. A transaction cancelled by a conflict with another writer is no failure.
     */
    private final class Writers implements AutoCloseable {
        final AtomicBoolean writing = new AtomicBoolean(true);
        final AtomicLong slowestNanos = new AtomicLong();
        final AtomicInteger writes = new AtomicInteger();
        /** Numeric "g" accepted while the index was being filled. */
        final AtomicInteger numericAccepted = new AtomicInteger();
        final AtomicBoolean backfilling = new AtomicBoolean();
        private final ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        private final List<Future<?>> running = new ArrayList<>();

        Writers(String table) {
            for (int w = 0; w < WRITERS; w++) {
                running.add(pool.submit(() -> {
                    while (writing.get()) {
                        long start = System.nanoTime();
                        writeOnce(table);
                        slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                        writes.incrementAndGet();
                    }
                    return null;
                }));
            }
        }

        private String randomKey() {
            return "item" + ThreadLocalRandom.current().nextInt(items + 1000);
        }

        private Map<String, AttributeValue> itemWithG(String pk) {
            return Map.of("pk", s(pk), "g", s("g" + ThreadLocalRandom.current().nextInt(50)));
        }

        private void writeOnce(String table) {
            String pk = randomKey();
            switch (ThreadLocalRandom.current().nextInt(6)) {
                case 0 -> ddb.putItem(b -> b.tableName(table).item(itemWithG(pk)));
                case 1 -> ddb.updateItem(b -> b.tableName(table).key(Map.of("pk", s(pk)))
                        .updateExpression("REMOVE g"));
                case 2 -> ddb.deleteItem(b -> b.tableName(table).key(Map.of("pk", s(pk))));
                case 3 -> {
                    Map<String, List<WriteRequest>> left = Map.of(table, java.util.stream.Stream
                            .generate(this::randomKey).distinct().limit(5)
                            .map(k -> WriteRequest.builder().putRequest(r -> r.item(itemWithG(k))).build()).toList());
                    while (!left.isEmpty()) {
                        Map<String, List<WriteRequest>> request = left;
                        left = ddb.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                    }
                }
                case 4 -> {
                    String other = randomKey();
                    try {
                        ddb.transactWriteItems(b -> b.transactItems(
                                t -> t.put(p -> p.tableName(table).item(itemWithG(pk))),
                                t -> t.delete(d -> d.tableName(table).key(Map.of("pk", s(other))))));
                    } catch (TransactionCanceledException conflict) {
                        // another writer had one of the items: DynamoDB cancels such transactions too
                    } catch (DynamoDbException sameKey) {
                        // "Transaction request cannot include multiple operations on one item"
                        if (!other.equals(pk)) {
                            throw sameKey;
                        }
                    }
                }
                default -> {
                    if (!backfilling.get()) {
                        ddb.putItem(b -> b.tableName(table).item(itemWithG(pk)));
                        return;
                    }
                    try {
                        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s(pk), "g", AttributeValue.fromN("7"))));
                        if (backfilling.get()) {
                            numericAccepted.incrementAndGet();
                        }
                    } catch (DynamoDbException refused) {
                        // the index became ACTIVE before the test noticed: refused, as it then must be
                        assertThat(refused.awsErrorDetails().errorMessage()).contains("Type mismatch for Index Key g");
                    }
                }
            }
        }

        /** Stops the writers; any failure of theirs fails the test. */
        @Override
        public void close() throws java.util.concurrent.ExecutionException {
            writing.set(false);
            try {
                for (Future<?> w : running) {
                    w.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            } finally {
                pool.shutdown();
            }
        }
    }

    private GlobalSecondaryIndexDescription createIndex(String table) {
        return ddb.updateTable(b -> b.tableName(table)
                        .attributeDefinitions(AttributeDefinition.builder().attributeName("g")
                                .attributeType(ScalarAttributeType.S).build())
                        .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byG")
                                .keySchema(KeySchemaElement.builder().attributeName("g").keyType(KeyType.HASH).build())
                                .projection(p -> p.projectionType(ProjectionType.ALL)))))
                .tableDescription().globalSecondaryIndexes().get(0);
    }

    private GlobalSecondaryIndexDescription index(String table) {
        List<GlobalSecondaryIndexDescription> indexes = ddb.describeTable(b -> b.tableName(table)).table()
                .globalSecondaryIndexes();
        return indexes.isEmpty() ? null : indexes.get(0);
    }

    @Test
    void anIndexAddedUnderWritesIsFilledWithoutBlockingThemAndEndsEqualToTheTable() throws Exception {
        items = 100_000;
        String table = Tables.createHashOnly(ddb, "online");
        load(table);

        long baselineSlowestMillis;
        int writesDuring;
        long backfillMillis;
        long slowestMillis;
        long answeredMillis;
        boolean sawBackfilling = false;
        boolean sawRefusedQuery = false;
        int numericAccepted;
        try (Writers writers = new Writers(table)) {
            // the slowest write without a backfill, under the same load
            Thread.sleep(500);
            writers.slowestNanos.set(0);
            Thread.sleep(2_000);
            baselineSlowestMillis = TimeUnit.NANOSECONDS.toMillis(writers.slowestNanos.getAndSet(0));
            int writesBefore = writers.writes.get();

            long started = System.nanoTime();
            GlobalSecondaryIndexDescription created = createIndex(table);
            answeredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(created.indexStatus()).isEqualTo(IndexStatus.CREATING);
            assertThat(created.backfilling()).isFalse();
            writers.backfilling.set(true);

            while (true) {
                GlobalSecondaryIndexDescription index = index(table);
                if (index.indexStatus() == IndexStatus.ACTIVE) {
                    writers.backfilling.set(false);
                    assertThat(index.backfilling()).isNull();
                    break;
                }
                sawBackfilling |= Boolean.TRUE.equals(index.backfilling());
                try {
                    ddb.query(b -> b.tableName(table).indexName("byG").keyConditionExpression("g = :g")
                            .expressionAttributeValues(Map.of(":g", s("g1"))));
                } catch (DynamoDbException e) {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Cannot read from backfilling global secondary index: byG");
                    sawRefusedQuery = true;
                }
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(3));
                Thread.sleep(100);
            }
            backfillMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            slowestMillis = TimeUnit.NANOSECONDS.toMillis(writers.slowestNanos.get());
            writesDuring = writers.writes.get() - writesBefore;
            numericAccepted = writers.numericAccepted.get();
        }

        System.out.printf("OnlineIndexIT: backfill of %d items took %d ms; %d writes meanwhile, the slowest %d ms"
                + " (%d ms before the backfill)%n", items, backfillMillis, writesDuring, slowestMillis,
                baselineSlowestMillis);
        assertThat(sawBackfilling).as("CREATING with Backfilling: true while filled").isTrue();
        assertThat(sawRefusedQuery).as("queries refused while backfilling").isTrue();
        assertThat(answeredMillis).as("UpdateTable answers without filling the index").isLessThan(2_000);
        assertThat(writesDuring).as("writes went on during the backfill").isGreaterThan(100);
        // a write waits at most for one batch of the backfill (500 items, well under a second); holding the table
        // for the whole fill would not pass
        assertThat(slowestMillis).as("slowest write during a backfill of " + backfillMillis + " ms")
                .isLessThan(baselineSlowestMillis + 1_000);
        assertThat(numericAccepted).as("items the index cannot hold are written while it is filled").isPositive();

        assertThat(indexEntries(table)).isEqualTo(itemsWithStringG(table));
        // once the index is ACTIVE, such items are refused
        assertThatThrownBy(() -> ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s("late"),
                "g", AttributeValue.fromN("7")))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("One or more parameter values were invalid: Type mismatch for Index Key g "
                                + "Expected: S Actual: N IndexName: byG"));
    }

    @Test
    void anIndexDeletedWhileBeingFilledIsGoneWithItsBackfillAndWritesGoOn() throws Exception {
        items = 30_000;
        String table = Tables.createHashOnly(ddb, "unfilled");
        load(table);
        try (Writers writers = new Writers(table)) {
            Thread.sleep(300);
            createIndex(table);
            Tables.eventually(Duration.ofMinutes(1), () -> Boolean.TRUE.equals(index(table).backfilling()));
            ddb.updateTable(b -> b.tableName(table).globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("byG"))));
            Tables.eventually(Duration.ofMinutes(1), () -> index(table) == null);
            int writesAfter = writers.writes.get();
            Thread.sleep(500);
            assertThat(writers.writes.get()).as("writes go on after the index is deleted").isGreaterThan(writesAfter);
        }
        try (java.sql.Connection c = TestDatabase.connect(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM index_backfill b JOIN catalog_table t"
                     + " ON t.id = b.table_id WHERE t.name = '" + table + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the backfill is forgotten").isZero();
        }
        assertThatThrownBy(() -> ddb.query(b -> b.tableName(table).indexName("byG").keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", s("g1")))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("The table does not have the specified index: byG"));
    }

    /** The items, four in five with the future index key "g". */
    private void load(String table) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> batches = new ArrayList<>();
        for (int from = 0; from < items; from += 25) {
            int first = from;
            batches.add(pool.submit(() -> {
                List<WriteRequest> writes = new ArrayList<>();
                for (int i = first; i < first + 25; i++) {
                    Map<String, AttributeValue> item = new HashMap<>(Map.of("pk", s("item" + i), "n",
                            AttributeValue.fromN(Integer.toString(i))));
                    if (i % 5 != 0) {
                        item.put("g", s("g" + (i % 50)));
                    }
                    writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
                }
                Map<String, List<WriteRequest>> left = Map.of(table, writes);
                while (!left.isEmpty()) {
                    Map<String, List<WriteRequest>> request = left;
                    left = ddb.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                }
                return null;
            }));
        }
        for (Future<?> b : batches) {
            b.get();
        }
        pool.shutdown();
    }

    /** The items the index can hold: those whose "g" is a string. */
    private Map<String, Map<String, AttributeValue>> itemsWithStringG(String table) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = ddb.scan(b -> b.tableName(table).exclusiveStartKey(from));
            page.items().stream().filter(i -> i.containsKey("g") && i.get("g").s() != null).forEach(i -> items.put(i.get("pk").s(), i));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private Map<String, Map<String, AttributeValue>> indexEntries(String table) {
        Map<String, Map<String, AttributeValue>> entries = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = ddb.scan(b -> b.tableName(table).indexName("byG").exclusiveStartKey(from));
            page.items().forEach(i -> assertThat(entries.put(i.get("pk").s(), i)).as("one entry per item").isNull());
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return entries;
    }
}
