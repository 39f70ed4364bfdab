package io.jynamo.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jynamo.it.DynamoAssertions.assertError;
import static io.jynamo.it.DynamoAssertions.assertErrorCode;
import static io.jynamo.it.TransactWriteItemsIT.n;
import static io.jynamo.it.TransactWriteItemsIT.s;
import static org.assertj.core.api.Assertions.assertThat;

/** TransactGetItems through the AWS SDK: items from several tables in request order, projections, capacity, errors. */
class TransactGetItemsIT extends JynamoIT {
    private String users;
    private String orders;

    @BeforeEach
    void tables() {
        if (users == null) {
            users = Tables.createHashOnly(ddb, "tgusers");
            orders = Tables.createComposite(ddb, "tgorders");
            ddb.putItem(b -> b.tableName(users).item(Map.of("pk", s("ann"), "name", s("Ann"), "age", n(41))));
            ddb.putItem(b -> b.tableName(orders).item(Map.of("pk", s("ann"), "sk", s("o1"), "total", n(12))));
        }
    }

    private static TransactGetItem get(String table, Map<String, AttributeValue> key) {
        return TransactGetItem.builder().get(g -> g.tableName(table).key(key)).build();
    }

    @Test
    void itemsComeBackInRequestOrderWithAnEmptyResponseForEachMissingOne() {
        var response = ddb.transactGetItems(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .transactItems(
                        get(orders, Map.of("pk", s("ann"), "sk", s("o1"))),
                        get(users, Map.of("pk", s("nobody"))),
                        TransactGetItem.builder().get(g -> g.tableName(users).key(Map.of("pk", s("ann")))
                                .projectionExpression("#n").expressionAttributeNames(Map.of("#n", "name"))).build()));

        assertThat(response.responses()).extracting(ItemResponse::item).containsExactly(
                Map.of("pk", s("ann"), "sk", s("o1"), "total", n(12)), Map.of(), Map.of("name", s("Ann")));
        assertThat(response.responses().get(1).hasItem()).isFalse();
        // two read units per item, even a missing one, per table in order of first appearance
        assertThat(response.consumedCapacity()).extracting(ConsumedCapacity::tableName)
                .containsExactly(orders, users);
        assertThat(response.consumedCapacity()).extracting(ConsumedCapacity::readCapacityUnits)
                .containsExactly(2.0, 4.0);
    }

    @Test
    void invalidRequestsAreRefused() {
        assertError(() -> ddb.transactGetItems(b -> b.transactItems(List.of())), "ValidationException",
                "1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: Member "
                        + "must have length greater than or equal to 1");
        List<TransactGetItem> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(get(users, Map.of("pk", s("u" + i))));
        }
        var e = assertErrorCode(() -> ddb.transactGetItems(b -> b.transactItems(tooMany)), "ValidationException");
        assertThat(e.awsErrorDetails().errorMessage()).endsWith("at 'transactItems' failed to satisfy constraint: "
                + "Member must have length less than or equal to 100");
        assertError(() -> ddb.transactGetItems(b -> b.transactItems(get("no-such-table", Map.of("pk", s("a"))))),
                "ResourceNotFoundException", "Requested resource not found");
        assertError(() -> ddb.transactGetItems(b -> b.transactItems(get(users, Map.of("pk", s("ann"))),
                        get(users, Map.of("pk", s("ann"))))),
                "ValidationException", "Transaction request cannot include multiple operations on one item");
        assertError(() -> ddb.transactGetItems(b -> b.transactItems(TransactGetItem.builder().get(g -> g
                        .tableName(users).key(Map.of("pk", s("ann"))).projectionExpression("!!!")).build())),
                "ValidationException", "Invalid ProjectionExpression: Syntax error; token: \"!\", near: \"!!\"");
    }

    @Test
    void aKeyThatDoesNotMatchTheSchemaIsTheValidationErrorOfItsGet() {
        var e = (TransactionCanceledException) assertErrorCode(() -> ddb.transactGetItems(b -> b.transactItems(
                get(users, Map.of("pk", s("ann"))), get(users, Map.of()))), "TransactionCanceledException");
        assertThat(e.cancellationReasons()).extracting(CancellationReason::code)
                .containsExactly("None", "ValidationError");
        assertThat(e.cancellationReasons().get(1).message())
                .isEqualTo("The provided key element does not match the schema");
    }

    @Test
    void aHundredItemsAreReadTogether() {
        List<TransactGetItem> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String pk = "bulk-" + i;
            ddb.putItem(b -> b.tableName(users).item(Map.of("pk", s(pk))));
            hundred.add(get(users, Map.of("pk", s(pk))));
        }
        var response = ddb.transactGetItems(b -> b.transactItems(hundred));
        assertThat(response.responses()).hasSize(100);
        assertThat(response.responses().get(99).item()).containsEntry("pk", s("bulk-99"));
    }
}
