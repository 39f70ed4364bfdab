package io.jynamo.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.jynamo.it.DynamoAssertions.assertError;
import static io.jynamo.it.DynamoAssertions.assertErrorCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * TransactWriteItems through the AWS SDK: all actions applied together or none, cancellation reasons in request
 * order, DynamoDB's validation errors and their channel (top-level ValidationException or a cancellation reason),
 * capacity, index maintenance and ClientRequestToken idempotency.
 */
class TransactWriteItemsIT extends JynamoIT {
    /** Keyed by the string "pk". */
    private String accounts;
    /** Keyed by the strings "pk" and "sk". */
    private String orders;

    @BeforeEach
    void tables() {
        if (accounts == null) {
            accounts = Tables.createHashOnly(ddb, "txaccounts");
            orders = Tables.createComposite(ddb, "txorders");
        }
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", s(pk));
    }

    private Map<String, AttributeValue> get(String table, Map<String, AttributeValue> key) {
        var got = ddb.getItem(b -> b.tableName(table).key(key).consistentRead(true));
        return got.hasItem() ? got.item() : null;
    }

    private TransactWriteItem put(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
    }

    private TransactWriteItem putIfAbsent(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)")).build();
    }

    private TransactionCanceledException cancelled(List<TransactWriteItem> items, String... codes) {
        var e = (TransactionCanceledException) assertErrorCode(() -> ddb.transactWriteItems(b ->
                b.transactItems(items)), "TransactionCanceledException");
        assertThat(e.cancellationReasons()).extracting(CancellationReason::code).containsExactly(codes);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Transaction cancelled, please refer cancellation "
                + "reasons for specific reasons [" + String.join(", ", codes) + "]");
        return e;
    }

    @Test
    void putUpdateDeleteAndConditionCheckAcrossTablesApplyTogether() {
        ddb.putItem(b -> b.tableName(accounts).item(Map.of("pk", s("alice"), "balance", n(100))));
        ddb.putItem(b -> b.tableName(accounts).item(Map.of("pk", s("bob"), "balance", n(5))));
        ddb.putItem(b -> b.tableName(orders).item(Map.of("pk", s("alice"), "sk", s("old"), "total", n(1))));

        TransactWriteItemsResponse response = ddb.transactWriteItems(b -> b
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .transactItems(
                        TransactWriteItem.builder().update(u -> u.tableName(accounts).key(key("alice"))
                                .updateExpression("SET balance = balance - :amount")
                                .conditionExpression("balance >= :amount")
                                .expressionAttributeValues(Map.of(":amount", n(30)))).build(),
                        put(orders, Map.of("pk", s("alice"), "sk", s("new"), "total", n(30))),
                        TransactWriteItem.builder().delete(d -> d.tableName(orders)
                                .key(Map.of("pk", s("alice"), "sk", s("old")))).build(),
                        TransactWriteItem.builder().conditionCheck(c -> c.tableName(accounts).key(key("bob"))
                                .conditionExpression("attribute_exists(balance)")).build()));

        assertThat(get(accounts, key("alice"))).containsEntry("balance", n(70));
        assertThat(get(orders, Map.of("pk", s("alice"), "sk", s("new")))).containsEntry("total", n(30));
        assertThat(get(orders, Map.of("pk", s("alice"), "sk", s("old")))).isNull();
        assertThat(get(accounts, key("bob"))).containsEntry("balance", n(5));
        // every item costs two write units (prepare and commit), listed per table in the order of the request
        assertThat(response.consumedCapacity()).extracting(ConsumedCapacity::tableName)
                .containsExactly(accounts, orders);
        assertThat(response.consumedCapacity()).extracting(ConsumedCapacity::capacityUnits)
                .containsExactly(4.0, 4.0);
        assertThat(response.consumedCapacity()).extracting(ConsumedCapacity::writeCapacityUnits)
                .containsExactly(4.0, 4.0);
    }

    @Test
    void aFailedConditionCancelsEveryActionAndNamesEachFailure() {
        ddb.putItem(b -> b.tableName(accounts).item(Map.of("pk", s("taken-1"), "owner", s("first"))));
        ddb.putItem(b -> b.tableName(accounts).item(Map.of("pk", s("taken-2"), "owner", s("first"))));

        var e = cancelled(List.of(
                        put(accounts, Map.of("pk", s("fresh"))),
                        TransactWriteItem.builder().put(p -> p.tableName(accounts)
                                .item(Map.of("pk", s("taken-1"), "owner", s("second")))
                                .conditionExpression("attribute_not_exists(pk)")
                                .returnValuesOnConditionCheckFailure("ALL_OLD")).build(),
                        putIfAbsent(accounts, Map.of("pk", s("taken-2"), "owner", s("second")))),
                "None", "ConditionalCheckFailed", "ConditionalCheckFailed");

        assertThat(e.cancellationReasons().get(0).message()).isNull();
        assertThat(e.cancellationReasons().get(1).message()).isEqualTo("The conditional request failed");
        assertThat(e.cancellationReasons().get(1).item()).containsEntry("owner", s("first"));
        assertThat(e.cancellationReasons().get(2).hasItem()).isFalse();
        assertThat(get(accounts, key("fresh"))).isNull();
        assertThat(get(accounts, key("taken-1"))).containsEntry("owner", s("first"));
    }

    @Test
    void aConditionCheckOnAMissingItemSeesNoAttributes() {
        cancelled(List.of(
                        TransactWriteItem.builder().conditionCheck(c -> c.tableName(accounts).key(key("nobody"))
                                .conditionExpression("attribute_exists(pk)")
                                .returnValuesOnConditionCheckFailure("ALL_OLD")).build(),
                        put(accounts, Map.of("pk", s("witness")))),
                "ConditionalCheckFailed", "None");
        assertThat(get(accounts, key("witness"))).isNull();
    }

    @Test
    void anUpdateCreatesTheItemUnlessItsConditionNeedsOne() {
        TransactWriteItem upsert = TransactWriteItem.builder().update(u -> u.tableName(accounts).key(key("upsert"))
                .updateExpression("SET visits = if_not_exists(visits, :zero) + :one")
                .conditionExpression("attribute_not_exists(pk)")
                .expressionAttributeValues(Map.of(":zero", n(0), ":one", n(1)))).build();
        ddb.transactWriteItems(b -> b.transactItems(upsert));
        assertThat(get(accounts, key("upsert"))).isEqualTo(Map.of("pk", s("upsert"), "visits", n(1)));

        cancelled(List.of(TransactWriteItem.builder().update(u -> u.tableName(accounts).key(key("ghost"))
                .updateExpression("ADD hits :one").conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":one", n(1)))).build()), "ConditionalCheckFailed");
        assertThat(get(accounts, key("ghost"))).isNull();

        // an update that only removes creates nothing
        ddb.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().update(u -> u.tableName(accounts)
                .key(key("ghost")).updateExpression("REMOVE hits")).build()));
        assertThat(get(accounts, key("ghost"))).isNull();
    }

    @Test
    void anUpdateThatCannotBeComputedIsTheValidationErrorOfItsAction() {
        ddb.putItem(b -> b.tableName(accounts).item(Map.of("pk", s("text"), "name", s("x"))));
        var e = cancelled(List.of(put(accounts, Map.of("pk", s("unrelated"))),
                        TransactWriteItem.builder().update(u -> u.tableName(accounts).key(key("text"))
                                .updateExpression("SET amount = notThere + :one")
                                .expressionAttributeValues(Map.of(":one", n(1)))).build()),
                "None", "ValidationError");
        assertThat(e.cancellationReasons().get(1).message())
                .isEqualTo("The provided expression refers to an attribute that does not exist in the item");

        var wrongType = cancelled(List.of(TransactWriteItem.builder().update(u -> u.tableName(accounts)
                .key(key("text")).updateExpression("ADD #n :one").expressionAttributeNames(Map.of("#n", "name"))
                .expressionAttributeValues(Map.of(":one", n(1)))).build()), "ValidationError");
        assertThat(wrongType.cancellationReasons().get(0).message())
                .isEqualTo("An operand in the update expression has an incorrect data type");
        assertThat(get(accounts, key("unrelated"))).isNull();
        assertThat(get(accounts, key("text"))).containsEntry("name", s("x"));
    }

    @Test
    void keysOfTheWrongTypeAreTheValidationErrorOfTheFirstSuchAction() {
        var e = cancelled(List.of(
                        put(accounts, Map.of("pk", n(7))),
                        put(accounts, Map.of("pk", n(8))),
                        putIfAbsent(accounts, Map.of("pk", s("would-pass")))),
                "ValidationError", "None", "None");
        assertThat(e.cancellationReasons().get(0).message())
                .isEqualTo("One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N");

        var keyMismatch = cancelled(List.of(put(accounts, Map.of("pk", s("fine"))),
                        TransactWriteItem.builder().delete(d -> d.tableName(accounts).key(Map.of("id", s("x")))).build()),
                "None", "ValidationError");
        assertThat(keyMismatch.cancellationReasons().get(1).message())
                .isEqualTo("The provided key element does not match the schema");

        var missingKey = cancelled(List.of(put(orders, Map.of("pk", s("only-hash")))), "ValidationError");
        assertThat(missingKey.cancellationReasons().get(0).message())
                .isEqualTo("One or more parameter values were invalid: Missing the key sk in the item");
        assertThat(get(accounts, key("fine"))).isNull();
    }

    @Test
    void requestsThatAreInvalidAsAWholeAreRefusedBeforeAnyTableIsRead() {
        assertError(() -> ddb.transactWriteItems(b -> b.transactItems(List.of())), "ValidationException",
                "1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: Member "
                        + "must have length greater than or equal to 1");

        List<TransactWriteItem> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(put(accounts, Map.of("pk", s("many-" + i))));
        }
        var e = assertErrorCode(() -> ddb.transactWriteItems(b -> b.transactItems(tooMany)), "ValidationException");
        assertThat(e.awsErrorDetails().errorMessage()).matches("(?s)1 validation error detected: Value '\\[.+\\]' at "
                + "'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100");

        assertError(() -> ddb.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().build())),
                "ValidationException", "1 validation error detected: Value '' at 'transactItems' failed to satisfy "
                        + "constraint: TransactWriteRequest should contain Delete or Put or Update or ConditionCheck");
        assertError(() -> ddb.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder()
                        .put(p -> p.tableName(accounts).item(key("a"))).delete(d -> d.tableName(accounts).key(key("a")))
                        .build())),
                "ValidationException", "TransactItems can only contain one of Check, Put, Update or Delete");
        assertError(() -> ddb.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder()
                        .conditionCheck(c -> c.tableName(accounts).key(key("a"))).build())),
                "ValidationException", "1 validation error detected: Value null at "
                        + "'transactItems.1.member.conditionCheck.conditionExpression' failed to satisfy constraint: "
                        + "Member must not be null");
        assertError(() -> ddb.transactWriteItems(b -> b.transactItems(put("bad!name", key("a")))),
                "ValidationException", "1 validation error detected: Value 'bad!name' at "
                        + "'transactItems.1.member.put.tableName' failed to satisfy constraint: Member must satisfy "
                        + "regular expression pattern: [a-zA-Z0-9_.-]+");
        assertError(() -> ddb.transactWriteItems(b -> b.clientRequestToken("x".repeat(37))
                        .transactItems(put(accounts, key("a")))),
                "ValidationException", "1 validation error detected: Value '" + "x".repeat(37) + "' at "
                        + "'clientRequestToken' failed to satisfy constraint: Member must have length less than or "
                        + "equal to 36");
        // expression errors are the request's, even for a table that does not exist
        assertError(() -> ddb.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName("no-such-table").item(key("a"))
                                .conditionExpression("attribute_exists(pk)")
                                .expressionAttributeValues(Map.of(":unused", n(1)))).build())),
                "ValidationException", "Value provided in ExpressionAttributeValues unused in expressions: "
                        + "keys: {:unused}");
        assertError(() -> ddb.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().update(u -> u.tableName(accounts).key(key("a"))
                                .updateExpression("SET")).build())),
                "ValidationException", "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"SET\"");
        assertError(() -> ddb.transactWriteItems(b -> b.transactItems(put(accounts, Map.of("pk", s(""))))),
                "ValidationException", "One or more parameter values are not valid. The AttributeValue for a key "
                        + "attribute cannot contain an empty string value. Key: pk");
        assertError(() -> ddb.transactWriteItems(b -> b.transactItems(
                        put(accounts, Map.of("pk", s("big"), "data", s("x".repeat(400 * 1024)))))),
                "ValidationException", "Item size has exceeded the maximum allowed size");
    }

    @Test
    void theTablesAndItemsNamedMustExistAndBeDistinct() {
        assertError(() -> ddb.transactWriteItems(b -> b.transactItems(put(accounts, key("a")),
                        put("no-such-table", key("a")))),
                "ResourceNotFoundException", "Requested resource not found");
        assertError(() -> ddb.transactWriteItems(b -> b.transactItems(put(accounts, key("twice")),
                        TransactWriteItem.builder().conditionCheck(c -> c.tableName(accounts).key(key("twice"))
                                .conditionExpression("attribute_not_exists(pk)")).build())),
                "ValidationException", "Transaction request cannot include multiple operations on one item");
        // the same key in two tables is two items
        ddb.transactWriteItems(b -> b.transactItems(put(accounts, key("same")),
                put(orders, Map.of("pk", s("same"), "sk", s("same")))));
        assertThat(get(accounts, key("same"))).isNotNull();
        assertThat(get(accounts, key("twice"))).isNull();
    }

    @Test
    void aTransactionCarriesAtMostOneHundredActionsAndFourMegabytes() {
        List<TransactWriteItem> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add(put(accounts, Map.of("pk", s("hundred-" + i), "i", n(i))));
        }
        ddb.transactWriteItems(b -> b.transactItems(hundred));
        assertThat(get(accounts, key("hundred-99"))).containsEntry("i", n(99));

        List<TransactWriteItem> large = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            large.add(put(accounts, Map.of("pk", s("large-" + i), "payload", s("x".repeat(350_000)))));
        }
        assertError(() -> ddb.transactWriteItems(b -> b.transactItems(large)), "ValidationException",
                "Transaction payload size cannot exceed 4 MB");
        assertThat(get(accounts, key("large-0"))).isNull();
        ddb.transactWriteItems(b -> b.transactItems(large.subList(0, 10)));
        assertThat(get(accounts, key("large-9"))).isNotNull();
    }

    @Test
    void secondaryIndexesFollowTheTransaction() {
        String table = Tables.uniqueName("txindexed");
        ddb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("status").attributeType(ScalarAttributeType.S)
                                .build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(g -> g.indexName("byStatus")
                        .keySchema(KeySchemaElement.builder().attributeName("status").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType(ProjectionType.ALL))));
        Tables.awaitActive(ddb, table);
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s("o1"), "status", s("OPEN"))));

        ddb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().update(u -> u.tableName(table).key(key("o1"))
                        .updateExpression("SET #s = :paid").expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":paid", s("PAID")))).build(),
                put(table, Map.of("pk", s("o2"), "status", s("OPEN")))));

        var open = ddb.query(b -> b.tableName(table).indexName("byStatus").keyConditionExpression("#s = :v")
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":v", s("OPEN"))));
        assertThat(open.items()).extracting(i -> i.get("pk").s()).containsExactly("o2");
        var paid = ddb.query(b -> b.tableName(table).indexName("byStatus").keyConditionExpression("#s = :v")
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":v", s("PAID"))));
        assertThat(paid.items()).extracting(i -> i.get("pk").s()).containsExactly("o1");

        var e = cancelled(List.of(put(table, Map.of("pk", s("o3"), "status", n(1)))), "ValidationError");
        assertThat(e.cancellationReasons().get(0).message()).isEqualTo("One or more parameter values were invalid: "
                + "Type mismatch for Index Key status Expected: S Actual: N IndexName: byStatus");
        assertError(() -> ddb.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().update(u -> u
                        .tableName(table).key(key("o1")).updateExpression("SET #s = :empty")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":empty", s("")))).build())),
                "ValidationException", "One or more parameter values are not valid. The update expression attempted "
                        + "to update a secondary index key to a value that is not supported. The AttributeValue for a "
                        + "key attribute cannot contain an empty string value.");
        assertError(() -> ddb.transactWriteItems(b -> b.transactItems(put(table, Map.of("pk", s("o4"),
                        "status", s(""))))),
                "ValidationException", "One or more parameter values are not valid. A value specified for a "
                        + "secondary index key is not supported. The AttributeValue for a key attribute cannot contain "
                        + "an empty string value. IndexName: byStatus, IndexKey: status");
    }

    @Test
    void aRepeatedTokenAppliesTheTransactionOnce() {
        String token = UUID.randomUUID().toString();
        TransactWriteItem increment = TransactWriteItem.builder().update(u -> u.tableName(accounts)
                .key(key("idempotent")).updateExpression("ADD visits :one")
                .expressionAttributeValues(Map.of(":one", n(1)))).build();

        var first = ddb.transactWriteItems(b -> b.clientRequestToken(token).transactItems(increment)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        var again = ddb.transactWriteItems(b -> b.clientRequestToken(token).transactItems(increment)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));

        assertThat(get(accounts, key("idempotent"))).containsEntry("visits", n(1));
        assertThat(first.consumedCapacity().get(0).writeCapacityUnits()).isEqualTo(2.0);
        // "Subsequent TransactWriteItems calls with the same client token return the number of read capacity units
        // consumed in reading the item."
        assertThat(again.consumedCapacity().get(0).readCapacityUnits()).isEqualTo(2.0);
        assertThat(again.consumedCapacity().get(0).writeCapacityUnits()).isNull();

        assertError(() -> ddb.transactWriteItems(b -> b.clientRequestToken(token)
                        .transactItems(put(accounts, key("idempotent")))),
                "IdempotentParameterMismatchException", "DynamoDB rejected the request because you retried a request "
                        + "with a different payload but with an idempotent token that was already used.");
        // a new token is a new request; a token is any string of up to 36 characters
        String unusual = "tok\u0000en-\u00e9-" + UUID.randomUUID().toString().substring(0, 8);
        ddb.transactWriteItems(b -> b.clientRequestToken(unusual).transactItems(increment));
        ddb.transactWriteItems(b -> b.clientRequestToken(unusual).transactItems(increment));
        assertThat(get(accounts, key("idempotent"))).containsEntry("visits", n(2));
    }

    @Test
    void aCancelledRequestLeavesItsTokenUnused() {
        String token = UUID.randomUUID().toString();
        TransactWriteItem claim = TransactWriteItem.builder().update(u -> u.tableName(accounts).key(key("gate"))
                .updateExpression("SET claimed = :yes").conditionExpression("isOpen = :yes")
                .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true)))).build();
        assertErrorCode(() -> ddb.transactWriteItems(b -> b.clientRequestToken(token).transactItems(claim)),
                "TransactionCanceledException");

        ddb.putItem(b -> b.tableName(accounts).item(Map.of("pk", s("gate"), "isOpen", AttributeValue.fromBool(true))));
        ddb.transactWriteItems(b -> b.clientRequestToken(token).transactItems(claim));
        assertThat(get(accounts, key("gate"))).containsEntry("claimed", AttributeValue.fromBool(true));
    }

    @Test
    void aTokenIsForgottenTenMinutesAfterItsTransaction() throws Exception {
        String token = UUID.randomUUID().toString();
        TransactWriteItem increment = TransactWriteItem.builder().update(u -> u.tableName(accounts)
                .key(key("window")).updateExpression("ADD visits :one")
                .expressionAttributeValues(Map.of(":one", n(1)))).build();
        ddb.transactWriteItems(b -> b.clientRequestToken(token).transactItems(increment));
        try (Connection c = TestDatabase.connect()) {
            age(c, token);
            // past the window the token is new: the same request applies again, a different one is accepted
            ddb.transactWriteItems(b -> b.clientRequestToken(token).transactItems(increment));
            assertThat(get(accounts, key("window"))).containsEntry("visits", n(2));
            age(c, token);
            ddb.transactWriteItems(b -> b.clientRequestToken(token).transactItems(put(accounts, key("window-2"))));
            assertThat(get(accounts, key("window-2"))).isNotNull();

            // and the expired token is deleted by the periodic purge (every 2 s in these tests)
            age(c, token);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (tokenRows(c, token) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertThat(tokenRows(c, token)).isZero();
        }
    }

    /** Moves the token's use eleven minutes into the past. */
    private static void age(Connection c, String token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE transaction_token"
                + " SET committed_at = committed_at - interval '11 minutes' WHERE token = ?")) {
            ps.setBytes(1, token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private static int tokenRows(Connection c, String token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM transaction_token WHERE token = ?")) {
            ps.setBytes(1, token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
