package io.jynamo.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jynamo.it.DynamoAssertions.assertError;
import static io.jynamo.it.DynamoAssertions.assertErrorCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * BatchWriteItem and BatchGetItem across tables: puts, deletes and reads with per-table projections, the response
 * shapes (every requested table in Responses, UnprocessedKeys/UnprocessedItems present and empty), the limits of
 * 100 keys and 25 writes, duplicate keys, and whole batches rejected when any part is invalid.
 */
class BatchIT extends JynamoIT {
    /** Keyed by the string "pk". */
    private String users;
    /** Keyed by the strings "pk" and "sk". */
    private String orders;

    @BeforeEach
    void tables() {
        if (users == null) {
            users = Tables.createHashOnly(ddb, "batchusers");
            orders = Tables.createComposite(ddb, "batchorders");
        }
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static Map<String, AttributeValue> user(String id) {
        return Map.of("pk", s(id));
    }

    private static Map<String, AttributeValue> order(String customer, String id) {
        return Map.of("pk", s(customer), "sk", s(id));
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(p -> p.item(item)).build();
    }

    private static WriteRequest delete(Map<String, AttributeValue> key) {
        return WriteRequest.builder().deleteRequest(d -> d.key(key)).build();
    }

    private boolean exists(String table, Map<String, AttributeValue> key) {
        return ddb.getItem(b -> b.tableName(table).key(key).consistentRead(true)).hasItem();
    }

    /** How many items of the table have a partition key starting with the prefix. */
    private int itemCount(String table, String prefix) {
        return ddb.scan(b -> b.tableName(table).select(Select.COUNT).filterExpression("begins_with(pk, :p)")
                .expressionAttributeValues(Map.of(":p", s(prefix)))).count();
    }

    @Test
    void writesAcrossTwoTablesAreReadBackByBatchGetItem() {
        BatchWriteItemResponse written = ddb.batchWriteItem(b -> b.requestItems(Map.of(
                users, List.of(
                        put(Map.of("pk", s("u1"), "name", s("Ann"), "email", s("ann@example.com"))),
                        put(Map.of("pk", s("u2"), "name", s("Ben"))),
                        put(Map.of("pk", s("u3"), "name", s("Cid")))),
                orders, List.of(
                        put(Map.of("pk", s("u1"), "sk", s("o1"), "total", AttributeValue.fromN("10"),
                                "note", s("first"))),
                        put(Map.of("pk", s("u1"), "sk", s("o2"), "total", AttributeValue.fromN("20"),
                                "note", s("second")))))));
        assertThat(written.hasUnprocessedItems()).as("UnprocessedItems is always present").isTrue();
        assertThat(written.unprocessedItems()).isEmpty();

        BatchWriteItemResponse mixed = ddb.batchWriteItem(b -> b.requestItems(Map.of(
                users, List.of(delete(user("u3")), delete(user("never-existed"))),
                orders, List.of(put(Map.of("pk", s("u2"), "sk", s("o3"), "total", AttributeValue.fromN("30"),
                        "note", s("third")))))));
        assertThat(mixed.unprocessedItems()).isEmpty();
        assertThat(exists(users, user("u3"))).isFalse();

        BatchGetItemResponse got = ddb.batchGetItem(b -> b.requestItems(Map.of(
                users, KeysAndAttributes.builder()
                        .keys(List.of(user("u1"), user("u2"), user("u3"), user("nobody"))).consistentRead(true).build(),
                orders, KeysAndAttributes.builder()
                        .keys(List.of(order("u1", "o1"), order("u1", "o2"), order("u2", "o3"), order("u9", "o9")))
                        .projectionExpression("#t, sk").expressionAttributeNames(Map.of("#t", "total")).build())));

        assertThat(got.responses()).containsOnlyKeys(users, orders);
        assertThat(got.responses().get(users)).as("missing keys are left out")
                .extracting(i -> i.get("pk").s()).containsExactlyInAnyOrder("u1", "u2");
        assertThat(got.responses().get(users)).filteredOn(i -> i.get("pk").s().equals("u1")).singleElement()
                .isEqualTo(Map.of("pk", s("u1"), "name", s("Ann"), "email", s("ann@example.com")));
        assertThat(got.responses().get(orders)).hasSize(3)
                .allSatisfy(i -> assertThat(i).as("only the projection; keys are not added")
                        .containsOnlyKeys("total", "sk"));
        assertThat(got.responses().get(orders)).extracting(i -> i.get("total").n())
                .containsExactlyInAnyOrder("10", "20", "30");
        assertThat(got.hasUnprocessedKeys()).as("UnprocessedKeys is always present").isTrue();
        assertThat(got.unprocessedKeys()).isEmpty();
    }

    @Test
    void everyRequestedTableIsInTheResponsesEvenWithoutItems() {
        ddb.putItem(b -> b.tableName(users).item(Map.of("pk", s("here"))));
        BatchGetItemResponse got = ddb.batchGetItem(b -> b.requestItems(Map.of(
                users, KeysAndAttributes.builder().keys(List.of(user("here"))).build(),
                orders, KeysAndAttributes.builder().keys(List.of(order("no", "such"))).build())));
        assertThat(got.responses()).containsOnlyKeys(users, orders);
        assertThat(got.responses().get(users)).containsExactly(Map.of("pk", s("here")));
        assertThat(got.responses().get(orders)).isEmpty();
        assertThat(got.unprocessedKeys()).isEmpty();
    }

    @Test
    void aPutRequestReplacesTheWholeItem() {
        ddb.putItem(b -> b.tableName(users).item(Map.of("pk", s("replaced"), "old", s("x"), "kept", s("y"))));
        ddb.batchWriteItem(b -> b.requestItems(Map.of(users,
                List.of(put(Map.of("pk", s("replaced"), "new", s("z")))))));
        assertThat(ddb.getItem(b -> b.tableName(users).key(user("replaced")).consistentRead(true)).item())
                .isEqualTo(Map.of("pk", s("replaced"), "new", s("z")));
    }

    @Test
    void duplicateKeysInOneBatchAreRejected() {
        assertError(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of(users, List.of(
                        put(Map.of("pk", s("dup-a"))), put(Map.of("pk", s("dup"), "v", s("1"))),
                        put(Map.of("pk", s("dup"), "v", s("2"))))))),
                "ValidationException", "Provided list of item keys contains duplicates");
        assertThat(exists(users, user("dup-a"))).as("nothing of the batch is written").isFalse();
        assertThat(exists(users, user("dup"))).isFalse();

        assertError(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of(orders, List.of(
                        put(Map.of("pk", s("c"), "sk", s("1"))), delete(order("c", "1")))))),
                "ValidationException", "Provided list of item keys contains duplicates");

        assertError(() -> ddb.batchGetItem(b -> b.requestItems(Map.of(users,
                        KeysAndAttributes.builder().keys(List.of(user("x"), user("y"), user("x"))).build()))),
                "ValidationException", "Provided list of item keys contains duplicates");

        String numbered = Tables.create(ddb, "batchnumbers", "id", ScalarAttributeType.N, null, null);
        assertError(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of(numbered, List.of(
                        put(Map.of("id", AttributeValue.fromN("1000"))),
                        put(Map.of("id", AttributeValue.fromN("1e3"))))))),
                "ValidationException", "Provided list of item keys contains duplicates");

        String others = Tables.createHashOnly(ddb, "batchothers");
        ddb.batchWriteItem(b -> b.requestItems(Map.of(users, List.of(put(user("same"))),
                others, List.of(put(user("same"))))));
        assertThat(exists(users, user("same"))).as("the same key in two tables is no duplicate").isTrue();
        assertThat(exists(others, user("same"))).isTrue();
    }

    @Test
    void emptyRequestItemsAreRejected() {
        assertError(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of())), "ValidationException",
                "The requestItems parameter is required for BatchWriteItem");
        assertError(() -> ddb.batchGetItem(b -> b.requestItems(Map.of())), "ValidationException",
                "The requestItems parameter is required for BatchGetItem");
    }

    @Test
    void batchGetItemReadsAtMostOneHundredKeys() {
        List<Map<String, AttributeValue>> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add(user("k" + i));
        }
        ddb.putItem(b -> b.tableName(users).item(user("k42")));
        BatchGetItemResponse got = ddb.batchGetItem(b -> b.requestItems(Map.of(users,
                KeysAndAttributes.builder().keys(hundred).build())));
        assertThat(got.responses().get(users)).containsExactly(user("k42"));
        assertThat(got.unprocessedKeys()).isEmpty();

        List<Map<String, AttributeValue>> tooMany = new ArrayList<>(hundred);
        tooMany.add(user("k100"));
        assertError(() -> ddb.batchGetItem(b -> b.requestItems(Map.of(users,
                        KeysAndAttributes.builder().keys(tooMany).build()))), "ValidationException",
                "1 validation error detected: Value at 'RequestItems." + users + ".member.Keys' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 100");
    }

    @Test
    void batchWriteItemTakesAtMostTwentyFiveWrites() {
        List<WriteRequest> twentyFive = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            twentyFive.add(put(Map.of("pk", s("w" + i), "v", AttributeValue.fromN(Integer.toString(i)))));
        }
        BatchWriteItemResponse written = ddb.batchWriteItem(b -> b.requestItems(Map.of(users, twentyFive)));
        assertThat(written.unprocessedItems()).isEmpty();
        assertThat(itemCount(users, "w")).isEqualTo(25);

        List<WriteRequest> twentySix = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            twentySix.add(put(Map.of("pk", s("x" + i))));
        }
        String message = assertErrorCode(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of(users, twentySix))),
                "ValidationException").awsErrorDetails().errorMessage();
        assertThat(message).contains("Map value must satisfy constraint: [Member must have length less than or "
                + "equal to 25, Member must have length greater than or equal to 1]");
        assertThat(itemCount(users, "x")).as("none of the 26 is written").isZero();
        assertThat(exists(users, user("x0"))).isFalse();
    }

    @Test
    void aBatchWithOneInvalidRequestWritesNothing() {
        assertError(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of(
                        users, List.of(put(user("valid-1"))),
                        orders, List.of(put(Map.of("pk", s("valid"), "sk", s("2"))),
                                put(Map.of("pk", s("invalid"))))))),
                "ValidationException", "The provided key element does not match the schema");
        assertError(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of(orders, List.of(
                        put(Map.of("pk", s("valid"), "sk", s("3"))),
                        delete(Map.of("pk", s("valid"), "sk", AttributeValue.fromN("4"))))))),
                "ValidationException", "The provided key element does not match the schema");
        assertError(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of(orders, List.of(
                        put(Map.of("pk", s("valid"), "sk", s("5"))),
                        put(Map.of("pk", s("valid"), "sk", s("6"), "set", AttributeValue.fromSs(List.of()))))))),
                "ValidationException", "One or more parameter values were invalid: An string set  may not be empty");
        assertThat(exists(users, user("valid-1"))).isFalse();
        assertThat(itemCount(orders, "valid")).as("nothing was written").isZero();
    }

    @Test
    void aMissingTableFailsTheWholeBatch() {
        String missing = Tables.uniqueName("missing");
        assertError(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of(
                        users, List.of(put(user("before-missing"))),
                        missing, List.of(put(user("anything")))))),
                "ResourceNotFoundException", "Requested resource not found");
        assertThat(exists(users, user("before-missing"))).isFalse();

        assertError(() -> ddb.batchGetItem(b -> b.requestItems(Map.of(
                        users, KeysAndAttributes.builder().keys(List.of(user("a"))).build(),
                        missing, KeysAndAttributes.builder().keys(List.of(user("a"))).build()))),
                "ResourceNotFoundException", "Requested resource not found");

        assertError(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of(missing, List.of(
                        put(user("dup")), put(user("dup")))))),
                "ResourceNotFoundException", "Requested resource not found");
    }

    @Test
    void projectionStylesAreCheckedPerTable() {
        ddb.putItem(b -> b.tableName(users).item(Map.of("pk", s("p1"), "a", s("1"), "b", s("2"))));
        BatchGetItemResponse legacy = ddb.batchGetItem(b -> b.requestItems(Map.of(users,
                KeysAndAttributes.builder().keys(List.of(user("p1"))).attributesToGet("a").build())));
        assertThat(legacy.responses().get(users)).containsExactly(Map.of("a", s("1")));

        assertError(() -> ddb.batchGetItem(b -> b.requestItems(Map.of(users, KeysAndAttributes.builder()
                        .keys(List.of(user("p1"))).attributesToGet("a").projectionExpression("b").build()))),
                "ValidationException", "Can not use both expression and non-expression parameters in the same "
                        + "request: Non-expression parameters: {AttributesToGet} Expression parameters: "
                        + "{ProjectionExpression}");
        assertErrorCode(() -> ddb.batchGetItem(b -> b.requestItems(Map.of(users, KeysAndAttributes.builder()
                        .keys(List.of(user("p1"))).projectionExpression("a")
                        .expressionAttributeNames(Map.of("#unused", "b")).build()))),
                "ValidationException");
    }
}
