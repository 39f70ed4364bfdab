package io.jynamo.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.OnDemandThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.jynamo.it.Tables.def;
import static io.jynamo.it.Tables.key;
import static io.jynamo.it.DynamoAssertions.assertError;
import static io.jynamo.it.DynamoAssertions.assertErrorCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Capacity through the SDK: ReturnConsumedCapacity figures of every operation against DynamoDB's arithmetic (item and
 * index entry sizes chosen to tell the rules apart), and provisioned capacity enforced: a table or global index that
 * has spent its units and its burst (300 seconds' worth, as in DynamoDB) refuses with
 * ProvisionedThroughputExceededException, a batch leaves such a table's requests unprocessed, a transaction is
 * cancelled, and the SDK's retries get through once units have accrued again; on-demand maxima (OnDemandThroughput)
 * kept, shown and checked as DynamoDB does, and enforced with ThrottlingException.
 */
class CapacityIT extends JynamoIT {
    private static final String TABLE_MESSAGE = "The level of configured provisioned throughput for the table was "
            + "exceeded. Consider increasing your provisioning level with the UpdateTable API.";
    private static final String INDEX_MESSAGE = "The level of configured provisioned throughput for one or more "
            + "global secondary indexes of the table was exceeded. Consider increasing your provisioning level for the "
            + "under-provisioned global secondary indexes with the UpdateTable API";

    /**
     * A table keyed pk/sk with a global index byG on g (keys only: its entries are pk, sk and g, a few bytes) and a
     * local index byL on l projecting everything (its entries are the items).
     */
    private String indexedTable(long readUnits, long writeUnits, long indexWriteUnits) {
        String name = Tables.uniqueName("capacity");
        ddb.createTable(b -> b.tableName(name)
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("sk", ScalarAttributeType.S),
                        def("g", ScalarAttributeType.S), def("l", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .provisionedThroughput(p -> p.readCapacityUnits(readUnits).writeCapacityUnits(writeUnits))
                .globalSecondaryIndexes(g -> g.indexName("byG").keySchema(key("g", KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                        .provisionedThroughput(p -> p.readCapacityUnits(100L).writeCapacityUnits(indexWriteUnits)))
                .localSecondaryIndexes(l -> l.indexName("byL")
                        .keySchema(key("pk", KeyType.HASH), key("l", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL))));
        Tables.awaitActive(ddb, name);
        return name;
    }

    /** An item of exactly {@code size} bytes: pk (3), sk (2 + its length), g (2), l (2), data (4 + the rest). */
    private static Map<String, AttributeValue> item(String pk, String sk, int size) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(pk));
        item.put("sk", AttributeValue.fromS(sk));
        item.put("g", AttributeValue.fromS("x"));
        item.put("l", AttributeValue.fromS("y"));
        item.put("data", AttributeValue.fromS("d".repeat(size - 3 - 2 - sk.length() - 2 - 2 - 4)));
        return item;
    }

    private static Map<String, AttributeValue> keyOf(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

    private static void assertUnits(ConsumedCapacity c, double total, double table, Double globalIndex,
                                    Double localIndex) {
        assertThat(c.capacityUnits()).as("total").isEqualTo(total);
        assertThat(c.table().capacityUnits()).as("table").isEqualTo(table);
        if (globalIndex == null) {
            assertThat(c.hasGlobalSecondaryIndexes()).as("global index arm").isFalse();
        } else {
            assertThat(c.globalSecondaryIndexes().get("byG").capacityUnits()).as("global index").isEqualTo(globalIndex);
        }
        if (localIndex == null) {
            assertThat(c.hasLocalSecondaryIndexes()).as("local index arm").isFalse();
        } else {
            assertThat(c.localSecondaryIndexes().get("byL").capacityUnits()).as("local index").isEqualTo(localIndex);
        }
    }

    @Test
    void writesCountTheLargerItemPerKbAndEachIndexEntryChanged() {
        String table = indexedTable(1000, 1000, 1000);
        ReturnConsumedCapacity indexes = ReturnConsumedCapacity.INDEXES;

        // 3,000 bytes: 3 units on the table, the local entry (the item) 3, the global entry (a few bytes) 1
        assertUnits(ddb.putItem(b -> b.tableName(table).item(item("p", "s1", 3000)).returnConsumedCapacity(indexes))
                .consumedCapacity(), 7, 3, 1.0, 3.0);
        // the same item again: the row is written, no index entry changes
        assertUnits(ddb.putItem(b -> b.tableName(table).item(item("p", "s1", 3000)).returnConsumedCapacity(indexes))
                .consumedCapacity(), 3, 3, null, null);
        // shrunk to 500 bytes: the larger (old) size counts, on the table and on the local entry changed in place
        assertUnits(ddb.updateItem(b -> b.tableName(table).key(keyOf("p", "s1"))
                .updateExpression("SET #d = :d").expressionAttributeNames(Map.of("#d", "data"))
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS("d".repeat(489))))
                .returnConsumedCapacity(indexes)).consumedCapacity(), 6, 3, null, 3.0);
        // the global index key changes: its entry is deleted and put again, two writes
        assertUnits(ddb.updateItem(b -> b.tableName(table).key(keyOf("p", "s1")).updateExpression("SET g = :g")
                .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("z")))
                .returnConsumedCapacity(indexes)).consumedCapacity(), 4, 1, 2.0, 1.0);
        assertUnits(ddb.deleteItem(b -> b.tableName(table).key(keyOf("p", "s1")).returnConsumedCapacity(indexes))
                .consumedCapacity(), 3, 1, 1.0, 1.0);
        // deleting nothing still costs one unit
        ConsumedCapacity nothing = ddb.deleteItem(b -> b.tableName(table).key(keyOf("p", "s1"))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
        assertThat(nothing.capacityUnits()).isEqualTo(1.0);
        assertThat(nothing.table()).isNull();
        assertThat(nothing.writeCapacityUnits()).isNull();
    }

    @Test
    void readsCountTheSizesReadNotReturned() {
        String table = indexedTable(1000, 1000, 1000);
        for (String sk : List.of("a", "b", "c")) {
            ddb.putItem(b -> b.tableName(table).item(item("q", sk, 1500)));
        }
        // three items of 1,500 bytes: 4,500 bytes summed, two 4 KB units (three if each were rounded)
        assertThat(query(table, null, true, null).capacityUnits()).isEqualTo(2.0);
        assertThat(query(table, null, false, null).capacityUnits()).isEqualTo(1.0);
        // what a filter drops and what COUNT does not return were read all the same
        assertThat(ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                .filterExpression("#d = :none").expressionAttributeNames(Map.of("#d", "data"))
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("q"), ":none", AttributeValue.fromS("-")))
                .consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity().capacityUnits()).isEqualTo(2.0);
        assertThat(query(table, null, true, Select.COUNT).capacityUnits()).isEqualTo(2.0);
        // the local index holds the whole items; the global one entries of 8 bytes, read eventually: half a unit
        assertUnits(query(table, "byL", true, null), 2, 0, null, 2.0);
        ConsumedCapacity global = ddb.query(b -> b.tableName(table).indexName("byG").keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("x")))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
        assertUnits(global, 0.5, 0, 0.5, null);
        assertThat(ddb.scan(b -> b.tableName(table).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits())
                .isEqualTo(2.0);
        // a query that finds nothing still costs the minimum
        assertThat(ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("none")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits())
                .isEqualTo(0.5);

        // GetItem: a missing item costs the minimum; a batch rounds each item, found or not
        assertThat(ddb.getItem(b -> b.tableName(table).key(keyOf("q", "none")).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits())
                .isEqualTo(1.0);
        BatchGetItemResponse batch = ddb.batchGetItem(b -> b.requestItems(Map.of(table, KeysAndAttributes.builder()
                .keys(keyOf("q", "a"), keyOf("q", "b"), keyOf("q", "none")).consistentRead(true).build()))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
        assertThat(batch.consumedCapacity()).singleElement().satisfies(c -> {
            assertThat(c.tableName()).isEqualTo(table);
            assertUnits(c, 3, 3, null, null);
        });
    }

    private ConsumedCapacity query(String table, String index, boolean consistent, Select select) {
        return ddb.query(b -> b.tableName(table).indexName(index).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("q"))).consistentRead(consistent)
                .select(select).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
    }

    @Test
    void batchesCountEachItemAndTransactionsTwice() {
        String table = Tables.createComposite(ddb, "capacity-plain");
        BatchWriteItemResponse batch = ddb.batchWriteItem(b -> b.requestItems(Map.of(table, List.of(
                        put(Map.of("pk", AttributeValue.fromS("b"), "sk", AttributeValue.fromS("1"),
                                "data", AttributeValue.fromS("d".repeat(1500)))),
                        put(Map.of("pk", AttributeValue.fromS("b"), "sk", AttributeValue.fromS("2"),
                                "data", AttributeValue.fromS("d".repeat(1500)))),
                        WriteRequest.builder().deleteRequest(d -> d.key(keyOf("b", "none"))).build())))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(batch.consumedCapacity()).singleElement()
                .satisfies(c -> assertThat(c.capacityUnits()).isEqualTo(5.0));

        // two puts of about 500 bytes (2 × 1 unit, twice) and a check of a 1.5 KB item (2 units, twice)
        ConsumedCapacity written = ddb.transactWriteItems(b -> b.transactItems(
                t -> t.put(p -> p.tableName(table).item(Map.of("pk", AttributeValue.fromS("t"),
                        "sk", AttributeValue.fromS("1"), "data", AttributeValue.fromS("d".repeat(480))))),
                t -> t.put(p -> p.tableName(table).item(Map.of("pk", AttributeValue.fromS("t"),
                        "sk", AttributeValue.fromS("2"), "data", AttributeValue.fromS("d".repeat(480))))),
                t -> t.conditionCheck(c -> c.tableName(table).key(keyOf("b", "1"))
                        .conditionExpression("attribute_exists(pk)")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().get(0);
        assertThat(written.capacityUnits()).isEqualTo(8.0);
        assertThat(written.writeCapacityUnits()).isEqualTo(8.0);
        assertThat(written.readCapacityUnits()).isNull();

        ConsumedCapacity read = ddb.transactGetItems(b -> b.transactItems(
                t -> t.get(g -> g.tableName(table).key(keyOf("b", "1"))),
                t -> t.get(g -> g.tableName(table).key(keyOf("t", "1"))),
                t -> t.get(g -> g.tableName(table).key(keyOf("t", "none"))))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().get(0);
        assertThat(read.capacityUnits()).isEqualTo(6.0);
        assertThat(read.readCapacityUnits()).isEqualTo(6.0);
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(p -> p.item(item)).build();
    }

    @Test
    void aProvisionedTableIsThrottledOnceItsUnitsAndBurstAreSpentAndRetriesGetThrough() throws Exception {
        // 10 read units a second, 3,000 kept for bursts: strongly consistent reads of a 40 KB item cost 10 each
        String table = indexedTable(10, 1000, 1000);
        ddb.putItem(b -> b.tableName(table).item(item("r", "1", 100)));
        ddb.putItem(b -> b.tableName(table).item(item("r", "big", 40_000)));
        long start = System.nanoTime();
        int admitted = 0;
        ProvisionedThroughputExceededException refused = null;
        while (refused == null && admitted < 10_000) {
            try {
                ddb.getItem(b -> b.tableName(table).key(keyOf("r", "big")).consistentRead(true));
                admitted++;
            } catch (ProvisionedThroughputExceededException e) {
                refused = e;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(refused).isNotNull();
        assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo(TABLE_MESSAGE);
        // the burst and what accrued meanwhile, no more
        assertThat(admitted).isBetween(300, 300 + (int) Math.ceil(seconds) + 1);

        // 100 reads a second for two seconds: about 10 a second get in
        int in = 0;
        int out = 0;
        long paced = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            try {
                ddb.getItem(b -> b.tableName(table).key(keyOf("r", "1")).consistentRead(true));
                in++;
            } catch (ProvisionedThroughputExceededException e) {
                out++;
            }
            long due = paced + (i + 1) * 10_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        double pacedSeconds = (System.nanoTime() - paced) / 1e9;
        assertThat(in).isBetween(1, (int) Math.ceil(10 * pacedSeconds) + 2);
        assertThat(out).isGreaterThan(100);

        // the SDK's own retries (back-off on ProvisionedThroughputExceededException) get a read through
        try (DynamoDbClient retrying = Clients.pointedAt(DynamoDbClient.builder(), endpoint, Clients.administrator())
                .overrideConfiguration(ClientOverrideConfiguration.builder().build()).build()) {
            for (int i = 0; i < 5; i++) {
                assertThat(retrying.getItem(b -> b.tableName(table).key(keyOf("r", "1")).consistentRead(true))
                        .item()).containsKey("data");
            }
        }

        // more capacity takes effect within the two seconds a node may keep a table's definition (at once on the node
        // that made the change; the suite's node was seen once failing that, which is recorded in issue 16's notes)
        ddb.updateTable(b -> b.tableName(table).provisionedThroughput(p -> p.readCapacityUnits(10_000L)
                .writeCapacityUnits(1000L)));
        Tables.awaitActive(ddb, table);
        Thread.sleep(2_000);
        for (int i = 0; i < 200; i++) {
            ddb.getItem(b -> b.tableName(table).key(keyOf("r", "1")).consistentRead(true));
        }
    }

    @Test
    void aGlobalIndexShortOfWriteCapacityHoldsBackItsTablesWrites() {
        // the index accrues 1 write unit a second and keeps 300; batches of 24 entries of 2 KB (their index key is
        // 2,000 bytes) spend 48 units each: the seventh, let in with 12 units left, leaves the index owing 36
        String table = indexedTable(1000, 1000, 1);
        String other = Tables.createComposite(ddb, "capacity-other");
        int batches = 0;
        ProvisionedThroughputExceededException refused = null;
        while (refused == null && batches < 20) {
            List<WriteRequest> large = new java.util.ArrayList<>();
            for (int i = 0; i < 24; i++) {
                Map<String, AttributeValue> item = new HashMap<>(item("w", "large" + batches + "-" + i, 100));
                item.put("g", AttributeValue.fromS("g".repeat(2000)));
                large.add(put(item));
            }
            try {
                ConsumedCapacity spent = ddb.batchWriteItem(b -> b.requestItems(Map.of(table, large))
                        .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity().get(0);
                assertThat(spent.globalSecondaryIndexes().get("byG").capacityUnits()).isEqualTo(48.0);
                batches++;
            } catch (ProvisionedThroughputExceededException e) {
                refused = e;
            }
        }
        assertThat(batches).isEqualTo(7);
        assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo(INDEX_MESSAGE);
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(item("w", "next", 100))),
                "ProvisionedThroughputExceededException", INDEX_MESSAGE);

        // a batch over the throttled table alone is refused; with another table, the throttled part comes back
        assertError(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of(table, List.of(put(item("w", "b", 100)))))),
                "ProvisionedThroughputExceededException", INDEX_MESSAGE);
        BatchWriteItemResponse partial = ddb.batchWriteItem(b -> b.requestItems(Map.of(
                table, List.of(put(item("w", "b", 100))), other, List.of(put(keyOf("o", "2"))))));
        assertThat(partial.unprocessedItems()).containsOnlyKeys(table);
        assertThat(ddb.getItem(b -> b.tableName(other).key(keyOf("o", "2")).consistentRead(true)).hasItem()).isTrue();
        assertThat(ddb.getItem(b -> b.tableName(table).key(keyOf("w", "b")).consistentRead(true)).hasItem())
                .isFalse();

        // a transaction is cancelled on the items of the table out of capacity
        TransactionCanceledException cancelled = (TransactionCanceledException) catchThrowable(() ->
                ddb.transactWriteItems(b -> b.transactItems(
                        t -> t.put(p -> p.tableName(other).item(keyOf("o", "3"))),
                        t -> t.put(p -> p.tableName(table).item(item("w", "t", 100))))));
        assertThat(cancelled.cancellationReasons()).extracting(r -> r.code())
                .containsExactly("None", "ProvisionedThroughputExceeded");
        assertThat(cancelled.cancellationReasons().get(1).message()).isEqualTo(INDEX_MESSAGE);
        assertThat(ddb.getItem(b -> b.tableName(other).key(keyOf("o", "3")).consistentRead(true)).hasItem())
                .isFalse();

        // reads of the table are not held back by the index's writes
        assertThat(ddb.getItem(b -> b.tableName(table).key(keyOf("w", "large0-0")).consistentRead(true)).hasItem())
                .isTrue();
    }

    @Test
    void throughputChangesKeepToDynamoDbsQuotas() {
        String table = indexedTable(10, 10, 10);
        assertError(() -> ddb.updateTable(b -> b.tableName(table).provisionedThroughput(p -> p.readCapacityUnits(10L)
                        .writeCapacityUnits(40_001L))), "LimitExceededException",
                "The requested WriteCapacityUnits, 40001, is above the per table maximum for the account in "
                        + "us-east-1. Per table maximum: 40000.");
        // four decreases a UTC day at any time (lowering both counts once), then one an hour
        for (long units = 9; units >= 6; units--) {
            long read = units;
            ddb.updateTable(b -> b.tableName(table).provisionedThroughput(p -> p.readCapacityUnits(read)
                    .writeCapacityUnits(read)));
            Tables.awaitActive(ddb, table);
        }
        String message = assertErrorCode(() -> ddb.updateTable(b -> b.tableName(table).provisionedThroughput(
                p -> p.readCapacityUnits(5L).writeCapacityUnits(6L))), "LimitExceededException")
                .awsErrorDetails().errorMessage();
        assertThat(message).matches("Subscriber limit exceeded: Provisioned throughput decreases are limited within a "
                + "given UTC day\\. After the first 4 decreases, each subsequent decrease in the same UTC day can be "
                + "performed at most once every 3600 seconds\\. Number of decreases today: 4\\. Last decrease at "
                + "\\w+day, \\w+ \\d{1,2}, \\d{4} at \\d{1,2}:\\d{2}:\\d{2} [AP]M Coordinated Universal Time\\. "
                + "Next decrease can be made at \\w+day, \\w+ \\d{1,2}, \\d{4} at \\d{1,2}:\\d{2}:\\d{2} [AP]M "
                + "Coordinated Universal Time");
        var throughput = ddb.describeTable(b -> b.tableName(table)).table().provisionedThroughput();
        assertThat(throughput.numberOfDecreasesToday()).isEqualTo(4L);
        assertThat(throughput.readCapacityUnits()).isEqualTo(6L);
        // increases are not limited
        ddb.updateTable(b -> b.tableName(table).provisionedThroughput(p -> p.readCapacityUnits(20L)
                .writeCapacityUnits(20L)));
    }

    /** An on-demand table keyed pk/sk, with a global index byG on g (keys only), each with the maxima given. */
    private String onDemandTable(OnDemandThroughput table, OnDemandThroughput index) {
        String name = Tables.uniqueName("maxima");
        ddb.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("sk", ScalarAttributeType.S),
                        def("g", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .onDemandThroughput(table)
                .globalSecondaryIndexes(g -> g.indexName("byG").keySchema(key("g", KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).onDemandThroughput(index)));
        Tables.awaitActive(ddb, name);
        return name;
    }

    private static OnDemandThroughput maxima(Long read, Long write) {
        return OnDemandThroughput.builder().maxReadRequestUnits(read).maxWriteRequestUnits(write).build();
    }

    private OnDemandThroughput maximaOf(String table) {
        return ddb.describeTable(b -> b.tableName(table)).table().onDemandThroughput();
    }

    @Test
    void onDemandMaximaAreSetChangedAndRemovedAsInDynamoDb() {
        String table = onDemandTable(maxima(100L, null), maxima(null, 5L));
        var described = ddb.describeTable(b -> b.tableName(table)).table();
        // only the members set are shown
        assertThat(described.onDemandThroughput()).isEqualTo(maxima(100L, null));
        assertThat(described.globalSecondaryIndexes().get(0).onDemandThroughput()).isEqualTo(maxima(null, 5L));

        // a member given replaces its own; the table stays ACTIVE
        var changed = ddb.updateTable(b -> b.tableName(table).onDemandThroughput(maxima(null, 50L)))
                .tableDescription();
        assertThat(changed.tableStatusAsString()).isEqualTo("ACTIVE");
        assertThat(changed.onDemandThroughput()).isEqualTo(maxima(100L, 50L));
        // -1 removes one: the answer echoes it, DescribeTable leaves it out, and out altogether once none is left
        assertThat(ddb.updateTable(b -> b.tableName(table).onDemandThroughput(maxima(-1L, null))).tableDescription()
                .onDemandThroughput()).isEqualTo(maxima(-1L, 50L));
        assertThat(maximaOf(table)).isEqualTo(maxima(null, 50L));
        ddb.updateTable(b -> b.tableName(table).onDemandThroughput(maxima(null, -1L)));
        assertThat(maximaOf(table)).isNull();

        // a global index's, through GlobalSecondaryIndexUpdates
        ddb.updateTable(b -> b.tableName(table).globalSecondaryIndexUpdates(u -> u.update(i -> i.indexName("byG")
                .onDemandThroughput(maxima(7L, null)))));
        assertThat(ddb.describeTable(b -> b.tableName(table)).table().globalSecondaryIndexes().get(0)
                .onDemandThroughput()).isEqualTo(maxima(7L, 5L));
        assertError(() -> ddb.updateTable(b -> b.tableName(table).globalSecondaryIndexUpdates(u -> u.update(
                i -> i.indexName("byG").onDemandThroughput(maxima(null, null))))), "ValidationException",
                "The only Updates for index: byG when TableThroughputMode is PAY_PER_REQUEST can be to "
                        + "OnDemandThroughput, WarmThroughput");
        assertError(() -> ddb.updateTable(b -> b.tableName(table).globalSecondaryIndexUpdates(u -> u.update(
                i -> i.indexName("byG").onDemandThroughput(maxima(0L, null))))), "ValidationException",
                "One or more parameter values were invalid: Requested MaxReadRequestUnits for OnDemandThroughput for "
                        + "index : byG is outside of valid range");

        // DynamoDB's checks: at least 1 (-1 only to remove), within the table maximum, on demand only
        String invalid = "One or more parameter values were invalid: Requested MaxWriteRequestUnits for "
                + "OnDemandThroughput for table is outside of valid range";
        assertError(() -> ddb.updateTable(b -> b.tableName(table).onDemandThroughput(maxima(null, 0L))),
                "ValidationException", invalid);
        assertError(() -> ddb.updateTable(b -> b.tableName(table).onDemandThroughput(maxima(null, -2L))),
                "ValidationException", invalid);
        assertError(() -> onDemandTable(maxima(null, -1L), null), "ValidationException", invalid);
        assertError(() -> ddb.updateTable(b -> b.tableName(table).onDemandThroughput(maxima(null, 40_001L))),
                "LimitExceededException", "Subscriber limit exceeded: Requested MaxWriteRequestUnits for "
                        + "OnDemandThroughput for table exceeds TableMaxWriteCapacityUnits of the account in region "
                        + "us-east-1");
        assertError(() -> ddb.createTable(b -> b.tableName(Tables.uniqueName("maxima"))
                        .attributeDefinitions(def("pk", ScalarAttributeType.S)).keySchema(key("pk", KeyType.HASH))
                        .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))
                        .onDemandThroughput(maxima(10L, 10L))), "ValidationException",
                "One or more parameter values were invalid: MaxReadRequestUnits for OnDemandThroughput cannot be "
                        + "specified when table BillingMode is PROVISIONED.");

        // a switch to provisioned capacity drops the maxima, the table's and its index's
        ddb.updateTable(b -> b.tableName(table).onDemandThroughput(maxima(30L, 30L)));
        ddb.updateTable(b -> b.tableName(table).billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L))
                .globalSecondaryIndexUpdates(u -> u.update(i -> i.indexName("byG")
                        .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L)))));
        Tables.awaitActive(ddb, table);
        described = ddb.describeTable(b -> b.tableName(table)).table();
        assertThat(described.onDemandThroughput()).isNull();
        assertThat(described.globalSecondaryIndexes().get(0).onDemandThroughput()).isNull();
        assertError(() -> ddb.updateTable(b -> b.tableName(table).onDemandThroughput(maxima(10L, null))),
                "ValidationException", "One or more parameter values were invalid: MaxReadRequestUnits for "
                        + "OnDemandThroughput cannot be specified when the table BillingMode is PROVISIONED");
    }

    @Test
    void anOnDemandTableIsThrottledAtItsMaximumAndRetriesGetThrough() {
        // 5 read units a second and no burst beyond a second's worth: a strongly consistent read of a 40 KB item
        // costs 10, so the second such read in a row is refused
        String table = onDemandTable(maxima(5L, null), maxima(null, 1L));
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("r"), "sk",
                AttributeValue.fromS("big"), "data", AttributeValue.fromS("d".repeat(40_000)))));
        ddb.getItem(b -> b.tableName(table).key(keyOf("r", "big")).consistentRead(true));
        ThrottlingException refused = (ThrottlingException) catchThrowable(() -> ddb.getItem(b -> b.tableName(table)
                .key(keyOf("r", "big")).consistentRead(true)));
        assertThat(refused.awsErrorDetails().errorMessage())
                .isEqualTo("Throughput exceeds the maximum OnDemandThroughput configured on table or index");
        assertThat(refused.throttlingReasons()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("TableReadMaxOnDemandThroughputExceeded");
            assertThat(r.resource()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/" + table);
        });

        // the index's maximum of 1 write unit a second: an entry of 2 KB is let in, the next write waits 2 seconds
        Map<String, AttributeValue> indexed = new HashMap<>(item("w", "1", 100));
        indexed.put("g", AttributeValue.fromS("g".repeat(2000)));
        indexed.remove("l");
        ddb.putItem(b -> b.tableName(table).item(indexed));
        refused = (ThrottlingException) catchThrowable(() -> ddb.putItem(b -> b.tableName(table)
                .item(keyOf("w", "2"))));
        assertThat(refused.throttlingReasons()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("IndexWriteMaxOnDemandThroughputExceeded");
            assertThat(r.resource()).endsWith("table/" + table + "/index/byG");
        });
        TransactionCanceledException cancelled = (TransactionCanceledException) catchThrowable(() ->
                ddb.transactWriteItems(b -> b.transactItems(t -> t.put(p -> p.tableName(table)
                        .item(keyOf("w", "3"))))));
        assertThat(cancelled.cancellationReasons()).extracting(r -> r.code()).containsExactly("ThrottlingError");

        // the SDK retries ThrottlingException with back-off, and gets through once units have accrued
        try (DynamoDbClient retrying = Clients.pointedAt(DynamoDbClient.builder(), endpoint, Clients.administrator())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(r -> r.maxAttempts(10)).build()).build()) {
            retrying.putItem(b -> b.tableName(table).item(keyOf("w", "2")));
            assertThat(retrying.getItem(b -> b.tableName(table).key(keyOf("r", "big")).consistentRead(true))
                    .item()).containsKey("data");
        }

        // with the maxima removed, nothing holds the table back
        ddb.updateTable(b -> b.tableName(table).onDemandThroughput(maxima(-1L, null)));
        for (int i = 0; i < 5; i++) {
            ddb.getItem(b -> b.tableName(table).key(keyOf("r", "big")).consistentRead(true));
        }
    }
}
