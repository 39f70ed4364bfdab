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

/**
 * A global secondary index added to a table of 100,000 items while writes go on: UpdateTable returns at once, the
 * index is CREATING and backfilling (queries on it refused as DynamoDB refuses them) and then ACTIVE, no write waits
 * for the backfill, and the index ends equal to the table.
 */
class OnlineIndexIT extends JynamoIT {
    private static final int ITEMS = 100_000;
    private static final int WRITERS = 3;

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    @Test
    void anIndexAddedUnderWritesIsFilledWithoutBlockingThemAndEndsEqualToTheTable() throws Exception {
        String table = Tables.createHashOnly(ddb, "online");
        load(table);

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong slowestWriteNanos = new AtomicLong();
        AtomicInteger writes = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(pool.submit(() -> {
                while (writing.get()) {
                    String pk = "item" + ThreadLocalRandom.current().nextInt(ITEMS + 1000);
                    long start = System.nanoTime();
                    switch (ThreadLocalRandom.current().nextInt(3)) {
                        case 0 -> ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s(pk),
                                "g", s("g" + ThreadLocalRandom.current().nextInt(50)))));
                        case 1 -> ddb.updateItem(b -> b.tableName(table).key(Map.of("pk", s(pk)))
                                .updateExpression("REMOVE g"));
                        default -> ddb.deleteItem(b -> b.tableName(table).key(Map.of("pk", s(pk))));
                    }
                    slowestWriteNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                    writes.incrementAndGet();
                }
                return null;
            }));
        }
        Thread.sleep(500);
        slowestWriteNanos.set(0);
        int writesBefore = writes.get();

        long started = System.nanoTime();
        GlobalSecondaryIndexDescription created = ddb.updateTable(b -> b.tableName(table)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("g")
                        .attributeType(ScalarAttributeType.S).build())
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byG")
                        .keySchema(KeySchemaElement.builder().attributeName("g").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType(ProjectionType.ALL)))))
                .tableDescription().globalSecondaryIndexes().get(0);
        long answeredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(created.indexStatus()).isEqualTo(IndexStatus.CREATING);
        assertThat(created.backfilling()).isFalse();

        boolean sawBackfilling = false;
        boolean sawRefusedQuery = false;
        while (true) {
            GlobalSecondaryIndexDescription index = ddb.describeTable(b -> b.tableName(table)).table()
                    .globalSecondaryIndexes().get(0);
            if (index.indexStatus() == IndexStatus.ACTIVE) {
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
        long backfillMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        long slowestMillis = TimeUnit.NANOSECONDS.toMillis(slowestWriteNanos.get());
        int writesDuring = writes.get() - writesBefore;
        writing.set(false);
        for (Future<?> w : writers) {
            w.get();
        }
        pool.shutdown();

        System.out.printf("OnlineIndexIT: backfill of %d items took %d ms; %d writes meanwhile, the slowest %d ms%n",
                ITEMS, backfillMillis, writesDuring, slowestMillis);
        assertThat(sawBackfilling).as("CREATING with Backfilling: true while filled").isTrue();
        assertThat(sawRefusedQuery).as("queries refused while backfilling").isTrue();
        assertThat(answeredMillis).as("UpdateTable answers without filling the index").isLessThan(2_000);
        assertThat(writesDuring).as("writes went on during the backfill").isGreaterThan(100);
        // each batch of the backfill holds its rows briefly; holding the table for the whole fill would not pass
        assertThat(slowestMillis).as("slowest write, during a backfill of " + backfillMillis + " ms")
                .isLessThan(Math.max(1_500, backfillMillis / 3));

        assertThat(indexEntries(table)).isEqualTo(itemsWithG(table));
    }

    /** 100,000 items, four in five with the future index key "g". */
    private void load(String table) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> batches = new ArrayList<>();
        for (int from = 0; from < ITEMS; from += 25) {
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

    private Map<String, Map<String, AttributeValue>> itemsWithG(String table) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = ddb.scan(b -> b.tableName(table).exclusiveStartKey(from));
            page.items().stream().filter(i -> i.containsKey("g")).forEach(i -> items.put(i.get("pk").s(), i));
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
