package io.jynamo.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.jynamo.it.Tables.def;
import static io.jynamo.it.Tables.key;
import static io.jynamo.it.DynamoAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local and global secondary indexes: maintained with every write (sparse, with their projections), read by Query
 * and Scan, described by DescribeTable, added and removed by UpdateTable.
 */
class SecondaryIndexIT extends JynamoIT {
    private String table;

    /** Customers' orders: by customer and date (table), by total (LSI), by status and date (GSI, keys only). */
    @BeforeEach
    void table() {
        if (table != null) {
            return;
        }
        table = Tables.uniqueName("orders");
        ddb.createTable(b -> b.tableName(table)
                .attributeDefinitions(def("customer", ScalarAttributeType.S), def("date", ScalarAttributeType.S),
                        def("total", ScalarAttributeType.N), def("status", ScalarAttributeType.S))
                .keySchema(key("customer", KeyType.HASH), key("date", KeyType.RANGE))
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byTotal")
                        .keySchema(key("customer", KeyType.HASH), key("total", KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.INCLUDE)
                                .nonKeyAttributes("note").build()).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byStatus")
                        .keySchema(key("status", KeyType.HASH), key("date", KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        Tables.awaitActive(ddb, table);
        put("alice", "2026-01-01", "30", "OPEN", "n1");
        put("alice", "2026-01-02", "10", "SHIPPED", "n2");
        put("alice", "2026-01-03", "20", "OPEN", "n3");
        put("bob", "2026-01-01", "5", "OPEN", "n4");
        // no status: not in the global index (sparse)
        ddb.putItem(b -> b.tableName(table).item(Map.of("customer", s("bob"), "date", s("2026-02-01"),
                "total", n("1"))));
    }

    private void put(String customer, String date, String total, String status, String note) {
        ddb.putItem(b -> b.tableName(table).item(Map.of("customer", s(customer), "date", s(date), "total", n(total),
                "status", s(status), "note", s(note), "secret", s("x"))));
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    @Test
    void aLocalIndexOrdersByItsSortKeyAndProjectsWhatItIncludes() {
        QueryResponse r = ddb.query(b -> b.tableName(table).indexName("byTotal")
                .keyConditionExpression("customer = :c AND #t >= :min").expressionAttributeNames(Map.of("#t", "total"))
                .expressionAttributeValues(Map.of(":c", s("alice"), ":min", n("15"))));
        assertThat(r.items()).extracting(i -> i.get("total").n()).containsExactly("20", "30");
        assertThat(r.items().get(0)).containsOnlyKeys("customer", "date", "total", "note");

        QueryResponse all = ddb.query(b -> b.tableName(table).indexName("byTotal").select(Select.ALL_ATTRIBUTES)
                .keyConditionExpression("customer = :c").expressionAttributeValues(Map.of(":c", s("alice")))
                .consistentRead(true));
        assertThat(all.items()).hasSize(3).allSatisfy(i -> assertThat(i).containsKey("secret"));
        assertThat(all.items()).extracting(i -> i.get("total").n()).containsExactly("10", "20", "30");
    }

    @Test
    void aGlobalIndexIsSparseAndPagesWithTheIndexKeyInTheStartKey() {
        List<Map<String, AttributeValue>> open = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = ddb.query(b -> b.tableName(table).indexName("byStatus").limit(1)
                    .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":s", s("OPEN"))).exclusiveStartKey(from));
            open.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            if (start != null) {
                assertThat(start).containsOnlyKeys("customer", "date", "status");
            }
        } while (start != null);
        assertThat(open).extracting(i -> i.get("customer").s() + "/" + i.get("date").s())
                .containsExactlyInAnyOrder("alice/2026-01-01", "alice/2026-01-03", "bob/2026-01-01");
        assertThat(open.get(0)).containsOnlyKeys("customer", "date", "status");

        List<Map<String, AttributeValue>> scanned = ddb.scan(b -> b.tableName(table).indexName("byStatus")).items();
        assertThat(scanned).hasSize(4);
    }

    @Test
    void writesMoveItemsWithinAndOutOfTheIndexes() {
        ddb.putItem(b -> b.tableName(table).item(Map.of("customer", s("carol"), "date", s("d1"), "total", n("1"),
                "status", s("NEW"))));
        assertThat(queryStatus("NEW")).hasSize(1);
        ddb.updateItem(b -> b.tableName(table).key(Map.of("customer", s("carol"), "date", s("d1")))
                .updateExpression("SET #s = :s").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s("DONE"))));
        assertThat(queryStatus("NEW")).isEmpty();
        assertThat(queryStatus("DONE")).hasSize(1);
        ddb.updateItem(b -> b.tableName(table).key(Map.of("customer", s("carol"), "date", s("d1")))
                .updateExpression("REMOVE #s").expressionAttributeNames(Map.of("#s", "status")));
        assertThat(queryStatus("DONE")).isEmpty();
        ddb.deleteItem(b -> b.tableName(table).key(Map.of("customer", s("carol"), "date", s("d1"))));
        assertThat(ddb.query(b -> b.tableName(table).indexName("byTotal").keyConditionExpression("customer = :c")
                .expressionAttributeValues(Map.of(":c", s("carol")))).items()).isEmpty();
    }

    private List<Map<String, AttributeValue>> queryStatus(String status) {
        return ddb.query(b -> b.tableName(table).indexName("byStatus").keyConditionExpression("#s = :s")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s(status)))).items();
    }

    @Test
    void indexKeysMustHaveTheirDeclaredTypes() {
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(Map.of("customer", s("dave"), "date", s("d"),
                        "status", n("1")))), "ValidationException",
                "One or more parameter values were invalid: Type mismatch for Index Key status Expected: S Actual: N "
                        + "IndexName: byStatus");
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(Map.of("customer", s("dave"), "date", s("d"),
                        "status", s("")))), "ValidationException",
                "One or more parameter values are not valid. A value specified for a secondary index key is not "
                        + "supported. The AttributeValue for a key attribute cannot contain an empty string value. "
                        + "IndexName: byStatus, IndexKey: status");
        assertError(() -> ddb.updateItem(b -> b.tableName(table).key(Map.of("customer", s("dave"), "date", s("d")))
                        .updateExpression("SET #t = :v").expressionAttributeNames(Map.of("#t", "total"))
                        .expressionAttributeValues(Map.of(":v", s("ten")))), "ValidationException",
                "One or more parameter values were invalid: Type mismatch for Index Key total Expected: N Actual: S "
                        + "IndexName: byTotal");
        assertError(() -> ddb.updateItem(b -> b.tableName(table).key(Map.of("customer", s("dave"), "date", s("d")))
                        .updateExpression("SET #s = :v").expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":v", s("")))), "ValidationException",
                "One or more parameter values are not valid. The update expression attempted to update a secondary "
                        + "index key to a value that is not supported. The AttributeValue for a key attribute cannot "
                        + "contain an empty string value.");
        assertThat(ddb.getItem(b -> b.tableName(table).key(Map.of("customer", s("dave"), "date", s("d"))))
                .hasItem()).isFalse();
    }

    @Test
    void readsOnIndexesAreCheckedAsDynamoDbChecksThem() {
        assertError(() -> ddb.query(b -> b.tableName(table).indexName("nope").keyConditionExpression("customer = :c")
                        .expressionAttributeValues(Map.of(":c", s("alice")))), "ValidationException",
                "The table does not have the specified index: nope");
        assertError(() -> ddb.query(b -> b.tableName(table).indexName("byStatus").consistentRead(true)
                        .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":s", s("OPEN")))), "ValidationException",
                "Consistent reads are not supported on global secondary indexes");
        assertError(() -> ddb.query(b -> b.tableName(table).indexName("byStatus").select(Select.ALL_ATTRIBUTES)
                        .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":s", s("OPEN")))), "ValidationException",
                "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global "
                        + "secondary index byStatus because its projection type is not ALL");
    }

    @Test
    void writesReportTheSizeOfTheItemCollectionOfATableWithLocalIndexes() {
        var put = ddb.putItem(b -> b.tableName(table).item(Map.of("customer", s("carol"), "date", s("2026-05-01"),
                "total", n("7"))).returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE));
        assertThat(put.itemCollectionMetrics().itemCollectionKey()).isEqualTo(Map.of("customer", s("carol")));
        assertThat(put.itemCollectionMetrics().sizeEstimateRangeGB()).containsExactly(0.0, 1.0);
        var delete = ddb.deleteItem(b -> b.tableName(table).key(Map.of("customer", s("carol"), "date",
                s("2026-05-01"))).returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE));
        assertThat(delete.itemCollectionMetrics().itemCollectionKey()).isEqualTo(Map.of("customer", s("carol")));
        // only tables with local secondary indexes have item collections to report
        String plain = Tables.createHashOnly(ddb, "nolsi");
        assertThat(ddb.putItem(b -> b.tableName(plain).item(Map.of("pk", s("a")))
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE)).itemCollectionMetrics()).isNull();
    }

    @Test
    void describeTableReportsTheIndexes() {
        // counts are measured by a job, as DynamoDB refreshes them
        Tables.eventually(java.time.Duration.ofSeconds(60), () -> ddb.describeTable(b -> b.tableName(table)).table()
                .localSecondaryIndexes().get(0).itemCount() == 5L);
        TableDescription t = ddb.describeTable(b -> b.tableName(table)).table();
        LocalSecondaryIndexDescription lsi = t.localSecondaryIndexes().get(0);
        assertThat(lsi.indexName()).isEqualTo("byTotal");
        assertThat(lsi.itemCount()).isEqualTo(5L);
        assertThat(lsi.indexArn()).isEqualTo(t.tableArn() + "/index/byTotal");
        assertThat(lsi.projection().nonKeyAttributes()).containsExactly("note");
        GlobalSecondaryIndexDescription gsi = t.globalSecondaryIndexes().get(0);
        assertThat(gsi.indexName()).isEqualTo("byStatus");
        assertThat(gsi.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
        assertThat(gsi.itemCount()).isGreaterThanOrEqualTo(4L);
        assertThat(gsi.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
    }

    @Test
    void updateTableAddsAGlobalIndexFilledWithExistingItemsAndRemovesIt() {
        String other = Tables.createHashOnly(ddb, "addindex");
        for (int i = 0; i < 5; i++) {
            int n = i;
            Map<String, AttributeValue> item = new HashMap<>(Map.of("pk", s("p" + n)));
            if (n % 2 == 0) {
                item.put("team", s("red"));
            }
            ddb.putItem(b -> b.tableName(other).item(item));
        }
        TableDescription updated = ddb.updateTable(b -> b.tableName(other)
                .attributeDefinitions(def("team", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byTeam")
                        .keySchema(key("team", KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.ALL))))).tableDescription();
        assertThat(updated.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexStatus)
                .containsExactly(IndexStatus.CREATING);
        assertThat(updated.globalSecondaryIndexes().get(0).backfilling()).isFalse();
        Tables.awaitActive(ddb, other);
        assertThat(ddb.describeTable(b -> b.tableName(other)).table().globalSecondaryIndexes().get(0).backfilling())
                .as("gone once ACTIVE").isNull();
        assertThat(ddb.query(b -> b.tableName(other).indexName("byTeam").keyConditionExpression("team = :t")
                .expressionAttributeValues(Map.of(":t", s("red")))).items()).hasSize(3);
        assertThat(ddb.describeTable(b -> b.tableName(other)).table().attributeDefinitions())
                .extracting(AttributeDefinition::attributeName).containsExactlyInAnyOrder("pk", "team");

        assertError(() -> ddb.updateTable(b -> b.tableName(other)
                        .attributeDefinitions(def("team", ScalarAttributeType.N))
                        .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byTeam2")
                                .keySchema(key("team", KeyType.HASH))
                                .projection(p -> p.projectionType(ProjectionType.ALL))))), "ValidationException",
                "One or more parameter values were invalid: Attributes cannot be redefined. Please check that your "
                        + "attribute has the same type as previously defined. Existing schema: Schema:[SchemaElement: "
                        + "key{team:S:HASH}] New schema: Schema:[SchemaElement: key{team:N:HASH}]");

        ddb.updateTable(b -> b.tableName(other).globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("byTeam"))));
        assertThat(ddb.describeTable(b -> b.tableName(other)).table().hasGlobalSecondaryIndexes()).isFalse();
        assertError(() -> ddb.query(b -> b.tableName(other).indexName("byTeam").keyConditionExpression("team = :t")
                        .expressionAttributeValues(Map.of(":t", s("red")))), "ValidationException",
                "The table does not have the specified index: byTeam");
    }

    @Test
    void createTableChecksIndexDefinitions() {
        assertError(() -> ddb.createTable(b -> b.tableName(Tables.uniqueName("bad"))
                        .attributeDefinitions(def("pk", ScalarAttributeType.S), def("l", ScalarAttributeType.S))
                        .keySchema(key("pk", KeyType.HASH))
                        .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("lsi")
                                .keySchema(key("pk", KeyType.HASH), key("l", KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.ALL)).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST)), "ValidationException",
                "One or more parameter values were invalid: Table KeySchema does not have a range key, which is "
                        + "required when specifying a LocalSecondaryIndex");
        assertError(() -> ddb.createTable(b -> b.tableName(Tables.uniqueName("bad"))
                        .attributeDefinitions(def("pk", ScalarAttributeType.S), def("g", ScalarAttributeType.S))
                        .keySchema(key("pk", KeyType.HASH))
                        .globalSecondaryIndexes(
                                GlobalSecondaryIndex.builder().indexName("same").keySchema(key("g", KeyType.HASH))
                                        .projection(p -> p.projectionType(ProjectionType.ALL)).build(),
                                GlobalSecondaryIndex.builder().indexName("same").keySchema(key("g", KeyType.HASH))
                                        .projection(p -> p.projectionType(ProjectionType.ALL)).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST)), "ValidationException",
                "One or more parameter values were invalid: Duplicate index name: same");
        assertError(() -> ddb.createTable(b -> b.tableName(Tables.uniqueName("bad"))
                        .attributeDefinitions(def("pk", ScalarAttributeType.S), def("g", ScalarAttributeType.S),
                                def("unused", ScalarAttributeType.S))
                        .keySchema(key("pk", KeyType.HASH))
                        .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("gsi")
                                .keySchema(key("g", KeyType.HASH))
                                .projection(p -> p.projectionType(ProjectionType.ALL)).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST)), "ValidationException",
                "One or more parameter values were invalid: Some AttributeDefinitions are not used. "
                        + "AttributeDefinitions: [pk, g, unused], keys used: [pk, g]");
        assertError(() -> ddb.createTable(b -> b.tableName(Tables.uniqueName("bad"))
                        .attributeDefinitions(def("pk", ScalarAttributeType.S), def("g", ScalarAttributeType.S))
                        .keySchema(key("pk", KeyType.HASH))
                        .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("gsi")
                                .keySchema(key("g", KeyType.HASH))
                                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY).nonKeyAttributes("x"))
                                .build())
                        .billingMode(BillingMode.PAY_PER_REQUEST)), "ValidationException",
                "One or more parameter values were invalid: ProjectionType is KEYS_ONLY, but NonKeyAttributes is "
                        + "specified");
    }
}
