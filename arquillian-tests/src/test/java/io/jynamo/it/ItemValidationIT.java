package io.jynamo.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.jynamo.it.DynamoAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Every validation rule of the item operations, through the SDK, with DynamoDB's error type and message. */
class ItemValidationIT extends JynamoIT {
    private static final String INVALID = "One or more parameter values were invalid: ";
    private String table;

    @BeforeEach
    void table() {
        if (table == null) {
            table = Tables.createComposite(ddb, "validation");
        }
    }

    private Map<String, AttributeValue> itemWith(String name, AttributeValue value) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("p"));
        item.put("sk", AttributeValue.fromS("s"));
        item.put(name, value);
        return item;
    }

    private void assertPutRefused(Map<String, AttributeValue> item, String message) {
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(item)), "ValidationException", message);
        assertThat(ddb.getItem(b -> b.tableName(table).key(Map.of("pk", item.getOrDefault("pk",
                AttributeValue.fromS("p")), "sk", AttributeValue.fromS("s")))).hasItem())
                .as("nothing was written").isFalse();
    }

    @Test
    void setsMustBeNonEmptyAndDuplicateFree() {
        assertPutRefused(itemWith("a", AttributeValue.fromSs(List.of())), INVALID + "An string set  may not be empty");
        assertPutRefused(itemWith("a", AttributeValue.fromNs(List.of())), INVALID + "An number set  may not be empty");
        assertPutRefused(itemWith("a", AttributeValue.fromBs(List.of())), INVALID + "Binary sets should not be empty");
        assertPutRefused(itemWith("a", AttributeValue.fromSs(List.of("a", "a"))),
                INVALID + "Input collection [a, a] contains duplicates.");
        assertPutRefused(itemWith("a", AttributeValue.fromNs(List.of("1", "1.0"))),
                "Input collection contains duplicates");
        assertPutRefused(itemWith("a", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("a"),
                SdkBytes.fromUtf8String("a")))), INVALID + "Input collection [YQ==, YQ==]of type BS contains duplicates.");
        assertPutRefused(itemWith("a", AttributeValue.fromM(Map.of("x", AttributeValue.fromSs(List.of())))),
                INVALID + "An string set  may not be empty");
    }

    @Test
    void nullMustBeTrueAndValuesMustHaveExactlyOneType() {
        assertPutRefused(itemWith("a", AttributeValue.fromNul(false)),
                INVALID + "Null attribute value types must have the value of true");
        assertPutRefused(itemWith("a", AttributeValue.builder().build()),
                "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        assertPutRefused(itemWith("a", AttributeValue.builder().s("x").n("1").build()),
                "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported "
                        + "datatypes");
    }

    @Test
    void numbersMustBeValidAndInRange() {
        assertPutRefused(itemWith("a", AttributeValue.fromN("abc")),
                "The parameter cannot be converted to a numeric value: abc");
        assertPutRefused(itemWith("a", AttributeValue.fromN("")), "The parameter cannot be converted to a numeric value");
        assertPutRefused(itemWith("a", AttributeValue.fromN("1E+126")),
                "Number overflow. Attempting to store a number with magnitude larger than supported range");
        assertPutRefused(itemWith("a", AttributeValue.fromN("1E-131")),
                "Number underflow. Attempting to store a number with magnitude smaller than supported range");
        assertPutRefused(itemWith("a", AttributeValue.fromN("123456789012345678901234567890123456789")),
                "Attempting to store more than 38 significant digits in a Number");
    }

    @Test
    void keysMustMatchTheSchema() {
        assertPutRefused(Map.of("pk", AttributeValue.fromS("p")),
                INVALID + "Missing the key sk in the item");
        assertPutRefused(Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromN("1")),
                INVALID + "Type mismatch for key sk expected: S actual: N");
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(""),
                        "sk", AttributeValue.fromS("s")))), "ValidationException",
                "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an "
                        + "empty string value. Key: pk");

        assertError(() -> ddb.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("p")))),
                "ValidationException", "The provided key element does not match the schema");
        assertError(() -> ddb.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("p"),
                        "sk", AttributeValue.fromS("s"), "x", AttributeValue.fromS("y")))),
                "ValidationException", "The provided key element does not match the schema");
        assertError(() -> ddb.deleteItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("p"),
                        "sk", AttributeValue.fromN("1")))),
                "ValidationException", "The provided key element does not match the schema");
        assertError(() -> ddb.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS(""),
                        "sk", AttributeValue.fromS("s")))), "ValidationException",
                INVALID + "The AttributeValue for a key attribute cannot contain an empty string value. Key: pk");
    }

    @Test
    void keysAreLimitedInSize() {
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("p".repeat(2049)),
                        "sk", AttributeValue.fromS("s")))), "ValidationException",
                INVALID + "Size of hashkey has exceeded the maximum size limit of2048 bytes");
        assertError(() -> ddb.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("p".repeat(2049)),
                        "sk", AttributeValue.fromS("s")))), "ValidationException",
                INVALID + "Size of hashkey has exceeded the maximum size limit of2048 bytes");
        assertPutRefused(Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromS("s".repeat(1025))),
                INVALID + "Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
        String binary = Tables.create(ddb, "binkeys", "pk", ScalarAttributeType.B, "sk", ScalarAttributeType.B);
        ddb.putItem(b -> b.tableName(binary).item(Map.of(
                "pk", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[2048])),
                "sk", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[1024])))));
        assertError(() -> ddb.putItem(b -> b.tableName(binary).item(Map.of(
                        "pk", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[0])),
                        "sk", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[1]))))), "ValidationException",
                "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an "
                        + "empty binary value. Key: pk");
    }

    @Test
    void itemsAreLimitedTo400Kb() {
        assertPutRefused(itemWith("data", AttributeValue.fromS("x".repeat(409_600))),
                "Item size has exceeded the maximum allowed size");
        Map<String, AttributeValue> manyNames = new HashMap<>(Map.of("pk", AttributeValue.fromS("p"),
                "sk", AttributeValue.fromS("s")));
        for (int i = 0; i < 100; i++) {
            manyNames.put(String.format("%0200d", i), AttributeValue.fromS("v".repeat(3_900)));
        }
        assertPutRefused(manyNames, "Item size has exceeded the maximum allowed size");
    }

    @Test
    void documentsNestDeeperThan32LevelsAreRefused() {
        AttributeValue value = AttributeValue.fromS("leaf");
        for (int i = 0; i < 31; i++) {
            value = AttributeValue.fromM(Map.of("x", value));
        }
        Map<String, AttributeValue> ok = itemWith("deep", value);
        ddb.putItem(b -> b.tableName(table).item(ok));
        ddb.deleteItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("p"),
                "sk", AttributeValue.fromS("s"))));
        assertPutRefused(itemWith("deep", AttributeValue.fromL(List.of(value))),
                "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond "
                        + "supported limit");
    }

    @Test
    void returnValuesOtherThanNoneAndAllOldAreRefused() {
        for (ReturnValue rv : new ReturnValue[] {ReturnValue.ALL_NEW, ReturnValue.UPDATED_OLD,
                ReturnValue.UPDATED_NEW}) {
            assertError(() -> ddb.putItem(b -> b.tableName(table).item(itemWith("a", AttributeValue.fromS("x")))
                    .returnValues(rv)), "ValidationException", "ReturnValues can only be ALL_OLD or NONE");
            assertError(() -> ddb.deleteItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("p"),
                    "sk", AttributeValue.fromS("s"))).returnValues(rv)), "ValidationException",
                    "ReturnValues can only be ALL_OLD or NONE");
        }
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(itemWith("a", AttributeValue.fromS("x")))
                        .returnValues("DOG")), "ValidationException",
                "1 validation error detected: Value 'DOG' at 'returnValues' failed to satisfy constraint: Member must "
                        + "satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]");
    }

    @Test
    void tableNamesAreCheckedBeforeTheTableIsLookedUp() {
        assertError(() -> ddb.putItem(b -> b.tableName("bad table!@#").item(itemWith("a", AttributeValue.fromS("x")))),
                "ValidationException", "1 validation error detected: Value 'bad table!@#' at 'tableName' failed to "
                        + "satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        assertError(() -> ddb.getItem(b -> b.tableName("t".repeat(256)).key(Map.of("pk", AttributeValue.fromS("p")))),
                "ValidationException", "1 validation error detected: Value '" + "t".repeat(256) + "' at 'tableName' "
                        + "failed to satisfy constraint: Member must have length less than or equal to 255");
    }

    @Test
    void expressionParametersAreChecked() {
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(itemWith("a", AttributeValue.fromS("x")))
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("x")))), "ValidationException",
                "ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null");
        assertError(() -> ddb.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("p"),
                        "sk", AttributeValue.fromS("s"))).expressionAttributeNames(Map.of("#n", "x"))),
                "ValidationException", "ExpressionAttributeNames can only be specified when using expressions");
        assertError(() -> ddb.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("p"),
                        "sk", AttributeValue.fromS("s"))).projectionExpression("a")
                        .expressionAttributeNames(Map.of("#n", "x"))),
                "ValidationException", "Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}");
        assertError(() -> ddb.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("p"),
                        "sk", AttributeValue.fromS("s"))).projectionExpression("!!! INVALID !!!")),
                "ValidationException", "Invalid ProjectionExpression: Syntax error; token: \"!\", near: \"!!\"");
        assertError(() -> ddb.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("p"),
                        "sk", AttributeValue.fromS("s"))).projectionExpression("name")),
                "ValidationException", "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved "
                        + "keyword: name");
        assertError(() -> ddb.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("p"),
                        "sk", AttributeValue.fromS("s"))).projectionExpression("a").attributesToGet("a")),
                "ValidationException", "Can not use both expression and non-expression parameters in the same "
                        + "request: Non-expression parameters: {AttributesToGet} Expression parameters: "
                        + "{ProjectionExpression}");
        assertError(() -> ddb.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("p"),
                        "sk", AttributeValue.fromS("s"))).attributesToGet("a", "a")),
                "ValidationException", INVALID + "Duplicate value in attribute name: a");
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(itemWith("a", AttributeValue.fromS("x")))
                        .conditionExpression("attribute_not_exists(pk)")
                        .expected(Map.of("pk", ExpectedAttributeValue.builder().exists(false).build()))),
                "ValidationException", "Can not use both expression and non-expression parameters in the same "
                        + "request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}");
    }

    /** A name that breaks the naming rules is a validation error, not a missing table (Alternator, dynalite). */
    @Test
    void itemOperationsOnImproperTableNamesAreValidationErrors() {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("a"));
        assertError(() -> ddb.putItem(b -> b.tableName("xx").item(key)), "ValidationException",
                "1 validation error detected: Value 'xx' at 'tableName' failed to satisfy constraint: Member must have "
                        + "length greater than or equal to 3");
        assertError(() -> ddb.getItem(b -> b.tableName("non!existent!table").key(key)), "ValidationException",
                "1 validation error detected: Value 'non!existent!table' at 'tableName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        assertError(() -> ddb.deleteItem(b -> b.tableName("t".repeat(256)).key(key)), "ValidationException",
                "1 validation error detected: Value '" + "t".repeat(256) + "' at 'tableName' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 255");
    }
}
