package io.jynamo.core.operation;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Request validation in DynamoDB's order and words, without a server. */
class RequestValidationTest {

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"Item\":{}}|1 validation error detected: Value null at 'tableName' failed to satisfy constraint: "
                    + "Member must not be null",
            "{\"TableName\":\"\",\"Item\":{}}|1 validation error detected: Value '' at 'tableName' failed to "
                    + "satisfy constraint: Member must have length greater than or equal to 1",
            "{\"TableName\":\"bad table!@#\",\"Item\":{}}|1 validation error detected: Value 'bad table!@#' at "
                    + "'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "[a-zA-Z0-9_.-]+",
            "{\"TableName\":\"t\"}|1 validation error detected: Value null at 'item' failed to satisfy constraint: "
                    + "Member must not be null",
            "{\"TableName\":\"tbl\",\"Item\":{},\"ReturnValues\":\"ALL_NEW\"}|ReturnValues can only be ALL_OLD or NONE",
            "{\"TableName\":\"tbl\",\"Item\":{},\"ExpressionAttributeValues\":{\":v\":{\"S\":\"x\"}}}|"
                    + "ExpressionAttributeValues can only be specified when using expressions: ConditionExpression "
                    + "is null",
            "{\"TableName\":\"tbl\",\"Item\":{},\"ExpressionAttributeNames\":{\"#n\":\"x\"}}|"
                    + "ExpressionAttributeNames can only be specified when using expressions",
    })
    void putItemRequestsAreValidated(String body, String message) {
        assertThatThrownBy(() -> PutItem.parse(json(body))).hasMessage(message);
    }

    @Test
    void severalConstraintViolationsAreReportedTogether() {
        assertThatThrownBy(() -> PutItem.parse(json("{\"TableName\":\"tbl\",\"Item\":{},"
                + "\"ReturnConsumedCapacity\":\"X\",\"ReturnItemCollectionMetrics\":\"Y\",\"ReturnValues\":\"Z\"}")))
                .hasMessage("3 validation errors detected: Value 'X' at 'returnConsumedCapacity' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]; Value 'Z' at "
                        + "'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, "
                        + "UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]; Value 'Y' at 'returnItemCollectionMetrics' failed "
                        + "to satisfy constraint: Member must satisfy enum value set: [SIZE, NONE]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{}|The parameter 'TableName' is required but was not present in the request",
            "{\"TableName\":\"ab\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                    + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],\"BillingMode\":"
                    + "\"PAY_PER_REQUEST\"}|1 validation error detected: Value 'ab' at 'tableName' failed to satisfy "
                    + "constraint: Member must have length greater than or equal to 3",
            "{\"TableName\":\"tbl\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":"
                    + "\"INVALID\"}],\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]}|1 validation "
                    + "error detected: Value 'INVALID' at 'attributeDefinitions.1.member.attributeType' failed to "
                    + "satisfy constraint: Member must satisfy enum value set: [B, N, S]",
            "{\"TableName\":\"tbl\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                    + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"INVALID\"}]}|1 validation error "
                    + "detected: Value 'INVALID' at 'keySchema.1.member.keyType' failed to satisfy constraint: Member "
                    + "must satisfy enum value set: [HASH, RANGE]",
            "{\"TableName\":\"tbl\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                    + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"pk\","
                    + "\"KeyType\":\"RANGE\"}],\"BillingMode\":\"PAY_PER_REQUEST\"}|Invalid KeySchema: Some index key "
                    + "attribute have no definition",
            "{\"TableName\":\"tbl\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                    + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]}|One or more parameter values "
                    + "were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode "
                    + "is PROVISIONED",
            "{\"TableName\":\"tbl\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                    + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],\"BillingMode\":"
                    + "\"PAY_PER_REQUEST\",\"ProvisionedThroughput\":{\"ReadCapacityUnits\":1,\"WriteCapacityUnits\":1}}"
                    + "|One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits "
                    + "can be specified when BillingMode is PAY_PER_REQUEST",
            "{\"TableName\":\"tbl\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                    + "{\"AttributeName\":\"x\",\"AttributeType\":\"S\"}],\"KeySchema\":[{\"AttributeName\":\"pk\","
                    + "\"KeyType\":\"HASH\"}],\"BillingMode\":\"PAY_PER_REQUEST\"}|One or more parameter values were "
                    + "invalid: Number of attributes in KeySchema does not exactly match number of attributes defined "
                    + "in AttributeDefinitions",
            "{\"TableName\":\"tbl\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                    + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"RANGE\"}],\"BillingMode\":"
                    + "\"PAY_PER_REQUEST\"}|Invalid KeySchema: The first KeySchemaElement is not a HASH key type",
            "{\"TableName\":\"tbl\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                    + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],\"BillingMode\":"
                    + "\"PAY_PER_REQUEST\",\"TableClass\":\"standard\"}|Invalid table-class parameter provided. Please "
                    + "try again with a valid table-class value: [STANDARD, STANDARD_INFREQUENT_ACCESS].",
            "{\"TableName\":\"tbl\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                    + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],\"ProvisionedThroughput\":"
                    + "{\"ReadCapacityUnits\":0,\"WriteCapacityUnits\":1}}|1 validation error detected: Value '0' at "
                    + "'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value "
                    + "greater than or equal to 1",
    })
    void createTableRequestsAreValidated(String body, String message) {
        assertThatThrownBy(() -> CreateTable.parse(json(body))).hasMessage(message);
    }

    @Test
    void keySchemaElementsAreShownAsDynamoDbsModelObjects() {
        assertThatThrownBy(() -> CreateTable.parse(json("{\"TableName\":\"tbl\",\"AttributeDefinitions\":[],"
                + "\"KeySchema\":[{\"AttributeName\":\"a\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"b\",\"KeyType\":"
                + "\"RANGE\"},{\"AttributeName\":\"c\",\"KeyType\":\"RANGE\"}]}")))
                .hasMessage("1 validation error detected: Value '[KeySchemaElement(attributeName=a, keyType=HASH), "
                        + "KeySchemaElement(attributeName=b, keyType=RANGE), KeySchemaElement(attributeName=c, "
                        + "keyType=RANGE)]' at 'keySchema' failed to satisfy constraint: Member must have length less "
                        + "than or equal to 2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"Limit\":0}|1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member "
                    + "must have value greater than or equal to 1",
            "{\"Limit\":101}|1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: "
                    + "Member must have value less than or equal to 100",
            "{\"Limit\":\"5\"}|STRING_VALUE cannot be converted to Integer",
            "{\"ExclusiveStartTableName\":\"a!\"}|2 validation errors detected: Value 'a!' at 'exclusiveStartTableName'"
                    + " failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                    + "Value 'a!' at 'exclusiveStartTableName' failed to satisfy constraint: Member must have length "
                    + "greater than or equal to 3",
    })
    void listTablesRequestsAreValidated(String body, String message) {
        assertThatThrownBy(() -> ListTables.parse(json(body))).hasMessage(message);
    }

    /** A name too short for a table is refused after the model's checks, which admit it (as they admit ARNs). */
    @Test
    void itemOperationsRefuseTableNamesTooShortWithDynamoDbsMessages() {
        assertThatThrownBy(() -> PutItem.parse(json("{\"TableName\":\"ab\",\"Item\":{\"a\":{\"S\":\"b\"}}}")))
                .hasMessage("1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 3");
        assertThatThrownBy(() -> GetItem.parse(json("{\"TableName\":\"\",\"Key\":{\"a\":{\"S\":\"b\"}}}")))
                .hasMessage("1 validation error detected: Value '' at 'tableName' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
        assertThatThrownBy(() -> Query.parse(json("{\"TableName\":\"a!\",\"KeyConditionExpression\":\"a = :a\"}")))
                .hasMessage("1 validation error detected: Value 'a!' at 'tableName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }

    /** dynalite's recorded order: the legacy filter's values, then the start key's, then the key conditions'. */
    @Test
    void legacyFilterValuesAreCheckedBeforeTheStartKey() {
        String filter = "\"QueryFilter\":{\"a\":{\"ComparisonOperator\":\"EQ\",\"AttributeValueList\":[{}]}}";
        String startKey = "\"ExclusiveStartKey\":{\"pk\":{}}";
        String keys = "\"KeyConditions\":{\"pk\":{\"ComparisonOperator\":\"EQ\",\"AttributeValueList\":[{}]}}";
        assertThatThrownBy(() -> Query.parse(json("{\"TableName\":\"tbl\"," + filter + "," + startKey + "," + keys
                + "}"))).hasMessage("Supplied AttributeValue is empty, must contain exactly one of the supported "
                + "datatypes");
        assertThatThrownBy(() -> Query.parse(json("{\"TableName\":\"tbl\"," + startKey + "," + keys + "}")))
                .hasMessage("The provided starting key is invalid: Supplied AttributeValue is empty, must contain "
                        + "exactly one of the supported datatypes");
    }

    @Test
    void nonObjectBodiesAreSerializationErrors() {
        for (String body : new String[] {"[]", "7", "\"x\"", "null", "{broken", "{}{"}) {
            assertThatThrownBy(() -> ListTables.parse(json(body)))
                    .isInstanceOfSatisfying(DynamoException.class,
                            e -> assertThat(e.type()).isEqualTo(ErrorType.SERIALIZATION));
        }
    }

    @Test
    void nullListMembersAndMembersOfBatchWritesAreChecked() {
        // as dynalite recorded from DynamoDB: the members of each table's write list are checked too
        assertThatThrownBy(() -> BatchWriteItem.parse(json("{\"RequestItems\":{\"abc\":[{\"PutRequest\":{}}]}}")))
                .isInstanceOfSatisfying(DynamoException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.VALIDATION))
                .hasMessage("1 validation error detected: Value null at 'requestItems.abc.member.1.member.putRequest"
                        + ".item' failed to satisfy constraint: Member must not be null");
        assertThatThrownBy(() -> CreateTable.parse(json("{\"TableName\":\"tbl\",\"AttributeDefinitions\":[null],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],\"BillingMode\":"
                + "\"PAY_PER_REQUEST\"}")))
                .hasMessage("1 validation error detected: Value null at 'attributeDefinitions.1.member' failed to "
                        + "satisfy constraint: Member must not be null");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"StreamSpecification\":{\"StreamEnabled\":true}}|One or more parameter values were invalid: Table is "
                    + "being created with a stream enabled, UpdateViewType is required",
            "{\"StreamSpecification\":{\"StreamEnabled\":false,\"StreamViewType\":\"KEYS_ONLY\"}}|One or more "
                    + "parameter values were invalid: Table is being created with a stream disabled, UpdateViewType "
                    + "should not be specified",
            "{\"StreamSpecification\":{\"StreamViewType\":\"KEYS_ONLY\"}}|1 validation error detected: Value null "
                    + "at 'streamSpecification.streamEnabled' failed to satisfy constraint: Member must not be null",
            "{\"StreamSpecification\":{\"StreamEnabled\":true,\"StreamViewType\":\"new_image\"}}|1 validation "
                    + "error detected: Value 'new_image' at 'streamSpecification.streamViewType' failed to satisfy "
                    + "constraint: Member must satisfy enum value set: [OLD_IMAGE, KEYS_ONLY, NEW_AND_OLD_IMAGES, "
                    + "NEW_IMAGE]",
    })
    void createTableStreamSpecificationsAreValidated(String spec, String message) {
        String body = "{\"TableName\":\"tbl\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","
                + "\"AttributeType\":\"S\"}],\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"
                + "\"BillingMode\":\"PAY_PER_REQUEST\"," + spec.substring(1);
        assertThatThrownBy(() -> CreateTable.parse(json(body))).hasMessage(message);
    }

    @Test
    void updateTableStreamSpecificationsAreValidated() {
        assertThatThrownBy(() -> UpdateTable.parse(json("{\"TableName\":\"tbl\",\"StreamSpecification\":"
                + "{\"StreamEnabled\":true},\"BillingMode\":\"PAY_PER_REQUEST\"}")))
                .hasMessage("One or more parameter values were invalid: If stream is being enabled then "
                        + "UpdateViewType is required");
        assertThatThrownBy(() -> UpdateTable.parse(json("{\"TableName\":\"tbl\",\"StreamSpecification\":"
                + "{\"StreamEnabled\":false},\"ProvisionedThroughput\":{\"ReadCapacityUnits\":1,"
                + "\"WriteCapacityUnits\":1}}")))
                .hasMessage("One or more parameter values were invalid: You cannot modify stream status while "
                        + "updating table IOPS");
    }
}
