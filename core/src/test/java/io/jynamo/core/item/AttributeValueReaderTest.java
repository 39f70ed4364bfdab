package io.jynamo.core.item;

import com.fasterxml.jackson.databind.JsonNode;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Attribute values from request JSON: DynamoDB's type errors (serialization) and value rules (validation). */
class AttributeValueReaderTest {
    private static final Shape ITEM = Shape.struct("T", Shape.member("Item", Shape.attributeMap()));

    private static Map<String, AttributeValue> read(String itemJson) {
        JsonNode checked = RequestChecker.check(("{\"Item\":" + itemJson + "}").getBytes(StandardCharsets.UTF_8),
                ITEM);
        return AttributeValueReader.readMap(checked.get("Item"));
    }

    @Test
    void everyTypeIsRead() {
        Map<String, AttributeValue> item = read("{\"s\":{\"S\":\"x\"},\"n\":{\"N\":\"1.50\"},\"b\":{\"B\":\"AAE=\"},"
                + "\"t\":{\"BOOL\":true},\"z\":{\"NULL\":true},\"l\":{\"L\":[{\"S\":\"a\"}]},"
                + "\"m\":{\"M\":{\"k\":{\"N\":\"2\"}}},\"ss\":{\"SS\":[\"a\",\"b\"]},\"ns\":{\"NS\":[\"1\",\"2\"]},"
                + "\"bs\":{\"BS\":[\"AA==\",\"AQ==\"]}}");
        assertThat(item.get("s")).isEqualTo(new AttributeValue.S("x"));
        assertThat(item.get("n")).isEqualTo(new AttributeValue.N(DynamoNumber.parse("1.5")));
        assertThat(((AttributeValue.B) item.get("b")).value()).containsExactly(0, 1);
        assertThat(item.get("t")).isEqualTo(AttributeValue.Bool.TRUE);
        assertThat(item.get("z")).isEqualTo(AttributeValue.Null.INSTANCE);
        assertThat(item.get("l")).isInstanceOf(AttributeValue.L.class);
        assertThat(item.get("m")).isInstanceOf(AttributeValue.M.class);
        assertThat(item.get("ss").type()).isEqualTo(AttributeType.SS);
        assertThat(item.get("ns").type()).isEqualTo(AttributeType.NS);
        assertThat(item.get("bs").type()).isEqualTo(AttributeType.BS);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"a\":{}}|Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
            "{\"a\":{\"S\":\"x\",\"N\":\"1\"}}|Supplied AttributeValue has more than one datatypes set, must contain "
                    + "exactly one of the supported datatypes",
            "{\"a\":{\"NULL\":false}}|One or more parameter values were invalid: Null attribute value types must "
                    + "have the value of true",
            "{\"a\":{\"SS\":[]}}|One or more parameter values were invalid: An string set  may not be empty",
            "{\"a\":{\"NS\":[]}}|One or more parameter values were invalid: An number set  may not be empty",
            "{\"a\":{\"BS\":[]}}|One or more parameter values were invalid: Binary sets should not be empty",
            "{\"a\":{\"SS\":[\"a\",\"a\"]}}|One or more parameter values were invalid: Input collection [a, a] "
                    + "contains duplicates.",
            "{\"a\":{\"NS\":[\"1\",\"1.0\"]}}|Input collection contains duplicates",
            "{\"a\":{\"BS\":[\"AA==\",\"AA==\"]}}|One or more parameter values were invalid: Input collection "
                    + "[AA==, AA==]of type BS contains duplicates.",
            "{\"a\":{\"N\":\"abc\"}}|The parameter cannot be converted to a numeric value: abc",
            "{\"a\":{\"M\":{\"b\":{\"SS\":[]}}}}|One or more parameter values were invalid: An string set  may not "
                    + "be empty",
            "{\"a\":{\"L\":[{\"NULL\":false}]}}|One or more parameter values were invalid: Null attribute value "
                    + "types must have the value of true",
    })
    void invalidValuesAreValidationErrors(String item, String message) {
        assertThatThrownBy(() -> read(item))
                .isInstanceOfSatisfying(DynamoException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.VALIDATION))
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"a\":{\"N\":3}}|NUMBER_VALUE cannot be converted to String",
            "{\"a\":{\"S\":true}}|TRUE_VALUE cannot be converted to String",
            "{\"a\":{\"S\":[\"x\"]}}|Unrecognized collection type class java.lang.String",
            "{\"a\":{\"B\":\"YWJjZGVmZ2g\"}}|Base64 encoded length is expected a multiple of 4 bytes but found: 11",
            "{\"a\":{\"B\":\"YWJj??!!\"}}|Invalid last non-pad Base64 character dectected",
            "{\"a\":{\"BOOL\":\"maybe\"}}|Unexpected token received from parser",
            "{\"a\":\"x\"}|Unexpected value type in payload",
            "{\"a\":[]}|Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue",
            "{\"a\":{\"L\":{}}}|Start of structure or map found where not expected",
            "{\"a\":{\"M\":[]}}|Unrecognized collection type java.util.Map<java.lang.String, "
                    + "com.amazonaws.dynamodb.v20120810.AttributeValue>",
    })
    void wrongJsonTypesAreSerializationErrors(String item, String message) {
        assertThatThrownBy(() -> read(item))
                .isInstanceOfSatisfying(DynamoException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.SERIALIZATION))
                .hasMessage(message);
    }

    @Test
    void thirtyOneNestedDocumentsAreAllowedAndThirtyTwoAreNot() {
        assertThat(read("{\"a\":" + nested(31) + "}")).containsKey("a");
        assertThatThrownBy(() -> read("{\"a\":" + nested(32) + "}")).hasMessage(
                "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond "
                        + "supported limit");
    }

    @Test
    void booleansGivenAsStringsAreAccepted() {
        assertThat(read("{\"a\":{\"BOOL\":\"yes\"}}").get("a")).isEqualTo(AttributeValue.Bool.TRUE);
        assertThat(read("{\"a\":{\"NULL\":\"1\"}}").get("a")).isEqualTo(AttributeValue.Null.INSTANCE);
    }

    /** A value enclosed in {@code depth} maps. */
    static String nested(int depth) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            sb.append("{\"M\":{\"x\":");
        }
        sb.append("{\"S\":\"leaf\"}");
        sb.append("}}".repeat(depth));
        return sb.toString();
    }
}
