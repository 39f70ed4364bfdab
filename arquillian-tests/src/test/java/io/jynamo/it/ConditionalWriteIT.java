package io.jynamo.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;

import java.util.List;
import java.util.Map;

import static io.jynamo.it.DynamoAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Conditional PutItem and DeleteItem: condition expressions, the legacy Expected, and the errors. */
class ConditionalWriteIT extends JynamoIT {
    private String table;

    @BeforeEach
    void table() {
        if (table == null) {
            table = Tables.createHashOnly(ddb, "conditional");
        }
    }

    private Map<String, AttributeValue> item(String pk, String status) {
        return Map.of("pk", AttributeValue.fromS(pk), "status", AttributeValue.fromS(status));
    }

    private String status(String pk) {
        var got = ddb.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS(pk)))
                .consistentRead(true));
        return got.hasItem() ? got.item().get("status").s() : null;
    }

    @Test
    void putIfAbsentWritesOnceOnly() {
        ddb.putItem(b -> b.tableName(table).item(item("once", "first"))
                .conditionExpression("attribute_not_exists(pk)"));
        ConditionalCheckFailedException e = (ConditionalCheckFailedException) assertError(() -> ddb.putItem(b -> b
                        .tableName(table).item(item("once", "second")).conditionExpression("attribute_not_exists(pk)")
                        .returnValuesOnConditionCheckFailure("ALL_OLD")),
                "ConditionalCheckFailedException", "The conditional request failed");
        assertThat(e.item()).containsEntry("status", AttributeValue.fromS("first"));
        assertThat(status("once")).isEqualTo("first");

        ConditionalCheckFailedException withoutItem = (ConditionalCheckFailedException) assertError(() -> ddb
                        .putItem(b -> b.tableName(table).item(item("once", "third"))
                                .conditionExpression("attribute_not_exists(pk)")),
                "ConditionalCheckFailedException", "The conditional request failed");
        assertThat(withoutItem.hasItem()).isFalse();
    }

    @Test
    void conditionsCompareWithTheStoredItem() {
        ddb.putItem(b -> b.tableName(table).item(item("order", "OPEN")));
        ddb.putItem(b -> b.tableName(table).item(item("order", "PAID"))
                .conditionExpression("#s = :open AND NOT contains(#s, :x)")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":open", AttributeValue.fromS("OPEN"), ":x",
                        AttributeValue.fromS("X"))));
        assertThat(status("order")).isEqualTo("PAID");
        assertError(() -> ddb.deleteItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("order")))
                        .conditionExpression("#s IN (:a, :b)").expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":a", AttributeValue.fromS("OPEN"), ":b",
                                AttributeValue.fromS("SHIPPED")))),
                "ConditionalCheckFailedException", "The conditional request failed");
        assertThat(status("order")).isEqualTo("PAID");
        ddb.deleteItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("order")))
                .conditionExpression("begins_with(#s, :p)").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("PA"))));
        assertThat(status("order")).isNull();
    }

    @Test
    void legacyExpectedConditionsWork() {
        ddb.putItem(b -> b.tableName(table).item(item("legacy", "A")));
        ddb.putItem(b -> b.tableName(table).item(item("legacy", "B")).expected(Map.of(
                "status", ExpectedAttributeValue.builder().value(AttributeValue.fromS("A")).build())));
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(item("legacy", "C")).expected(Map.of(
                        "status", ExpectedAttributeValue.builder().exists(false).build()))),
                "ConditionalCheckFailedException", "The conditional request failed");
        ddb.putItem(b -> b.tableName(table).item(item("legacy", "C")).conditionalOperator(ConditionalOperator.OR)
                .expected(Map.of(
                        "status", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.EQ)
                                .attributeValueList(AttributeValue.fromS("Z")).build(),
                        "pk", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.NOT_NULL)
                                .build())));
        assertThat(status("legacy")).isEqualTo("C");
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(item("legacy", "D")).expected(Map.of(
                        "status", ExpectedAttributeValue.builder().exists(true).build()))),
                "ValidationException", "One or more parameter values were invalid: Value must be provided when Exists "
                        + "is true for Attribute: status");
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(item("legacy", "D")).expected(Map.of(
                        "status", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.BETWEEN)
                                .attributeValueList(AttributeValue.fromS("a")).build()))),
                "ValidationException", "One or more parameter values were invalid: Invalid number of argument(s) for "
                        + "the BETWEEN ComparisonOperator");
    }

    @Test
    void invalidConditionsAreValidationErrors() {
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(item("x", "y"))
                        .conditionExpression("attribute_not_exists(pk) AND")), "ValidationException",
                "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(item("x", "y"))
                        .conditionExpression("status = :s").expressionAttributeValues(Map.of(":s",
                                AttributeValue.fromS("a")))), "ValidationException",
                "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status");
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(item("x", "y"))
                        .conditionExpression("a < :l").expressionAttributeValues(Map.of(":l",
                                AttributeValue.fromL(List.of())))), "ValidationException",
                "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: "
                        + "<, operand type: L");
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(item("x", "y"))
                        .conditionExpression("a = :v").expressionAttributeValues(Map.of(":v",
                                AttributeValue.fromN("abc")))), "ValidationException",
                "ExpressionAttributeValues contains invalid value: The parameter cannot be converted to a numeric "
                        + "value: abc for key :v");
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(item("x", "y"))
                        .conditionExpression("attribute_exists(#a)").expressionAttributeNames(Map.of("a", "b"))),
                "ValidationException", "ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"");
        assertThat(status("x")).isNull();
    }

    /** Expected with ComparisonOperator and ConditionalOperator, checked as DynamoDB checks them (dynalite, Alternator). */
    @Test
    void legacyExpectedConditionsAreCheckedAsDynamoDbChecksThem() {
        ddb.putItem(b -> b.tableName(table).item(item("legacy", "OPEN")).expected(Map.of()));
        assertThat(status("legacy")).as("Expected: {} is no condition").isEqualTo("OPEN");
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(item("legacy", "x")).expected(Map.of("status",
                        ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.CONTAINS)
                                .attributeValueList(AttributeValue.fromL(List.of())).build()))), "ValidationException",
                "One or more parameter values were invalid: ComparisonOperator CONTAINS is not valid for L "
                        + "AttributeValue type");
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(item("legacy", "x")).expected(Map.of("status",
                        ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.LE).build()))),
                "ValidationException", "One or more parameter values were invalid: Value or AttributeValueList must be "
                        + "used with ComparisonOperator: LE for Attribute: status");
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(item("legacy", "x"))
                        .conditionalOperator(ConditionalOperator.AND).expected(Map.of("status",
                                ExpectedAttributeValue.builder().exists(false).build()))), "ValidationException",
                "ConditionalOperator can only be used when Filter or Expected has two or more elements");
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(item("legacy", "x"))
                        .conditionalOperator(ConditionalOperator.OR)), "ValidationException",
                "ConditionalOperator cannot be used without Filter or Expected");
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(item("legacy", "x"))
                        .conditionalOperator(ConditionalOperator.OR).conditionExpression("attribute_exists(pk)")),
                "ValidationException", "Can not use both expression and non-expression parameters in the same "
                        + "request: Non-expression parameters: {ConditionalOperator} Expression parameters: "
                        + "{ConditionExpression}");
        ddb.putItem(b -> b.tableName(table).item(item("legacy", "x")).expected(Map.of("status",
                ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.CONTAINS)
                        .attributeValueList(AttributeValue.fromS("PE")).build())));
        assertThat(status("legacy")).isEqualTo("x");
    }

    /** Only size() stands where a value does; expressions are limited to 4 KB (DynamoDB's messages). */
    @Test
    void functionsAndExpressionSizeAreCheckedAsDynamoDbChecksThem() {
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(item("f", "x"))
                        .conditionExpression("attribute_type(#s, :t) = :v").expressionAttributeNames(Map.of("#s",
                                "status")).expressionAttributeValues(Map.of(":t", AttributeValue.fromS("S"), ":v",
                                AttributeValue.fromBool(true)))), "ValidationException",
                "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; "
                        + "function: attribute_type");
        ddb.putItem(b -> b.tableName(table).item(item("f", "abc")));
        ddb.putItem(b -> b.tableName(table).item(item("f", "abcd")).conditionExpression("size(#s) = :n")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("3"))));
        assertThat(status("f")).isEqualTo("abcd");
        String big = "attribute_exists(pk)" + " ".repeat(4100);
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(item("f", "x")).conditionExpression(big)),
                "ValidationException", "Invalid ConditionExpression: Expression size has exceeded the maximum "
                        + "allowed size; expression size: 4120");
        String nested = "(".repeat(1000) + "attribute_exists(pk)" + ")".repeat(1000);
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(item("f", "x")).conditionExpression(nested)),
                "ValidationException", "Invalid ConditionExpression: The expression has redundant parentheses;");
    }
}
