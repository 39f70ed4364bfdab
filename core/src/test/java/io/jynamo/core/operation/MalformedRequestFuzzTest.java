package io.jynamo.core.operation;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.json.Json;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * However a request body is mangled, validation either accepts it or answers with a DynamoDB error: never another
 * exception, which would reach the client as an internal error.
 */
class MalformedRequestFuzzTest {
    private static final List<String> VALID = List.of(
            "{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},\"n\":{\"N\":\"1.5\"},\"l\":{\"L\":[{\"M\":{\"x\":"
                    + "{\"BS\":[\"AAE=\"]}}}]},\"s\":{\"SS\":[\"a\",\"b\"]}},\"ReturnValues\":\"ALL_OLD\"}",
            "{\"TableName\":\"tbl\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                    + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],\"ProvisionedThroughput\":"
                    + "{\"ReadCapacityUnits\":1,\"WriteCapacityUnits\":1},\"Tags\":[{\"Key\":\"k\",\"Value\":\"v\"}]}",
            "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"}},\"ProjectionExpression\":\"a.b[1], #n\","
                    + "\"ExpressionAttributeNames\":{\"#n\":\"name\"},\"ConsistentRead\":true}",
            "{\"Limit\":5,\"ExclusiveStartTableName\":\"abc\"}");

    private static final List<Function<com.fasterxml.jackson.databind.JsonNode, ?>> OPERATIONS = List.of(
            PutItem::parse, CreateTable::parse, GetItem::parse, ListTables::parse, DeleteItem::parse,
            UpdateTable::parse, TableName::parse);

    @Property(tries = 3000)
    void mutatedRequestsGiveDynamoDbErrorsOnly(@ForAll("mutatedBodies") String body) {
        for (Function<com.fasterxml.jackson.databind.JsonNode, ?> operation : OPERATIONS) {
            assertOnlyDynamoErrors(body, operation);
        }
    }

    @Property(tries = 1000)
    void randomBytesGiveDynamoDbErrorsOnly(@ForAll byte[] body) {
        try {
            PutItem.parse(Json.parseRequest(body));
        } catch (DynamoException expected) {
            // fine
        }
    }

    private static void assertOnlyDynamoErrors(String body, Function<com.fasterxml.jackson.databind.JsonNode, ?> op) {
        try {
            op.apply(Json.parseRequest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (DynamoException expected) {
            assertThat(expected.type()).isNotNull();
        }
    }

    @Provide
    Arbitrary<String> mutatedBodies() {
        Arbitrary<String> base = Arbitraries.of(VALID);
        Arbitrary<Character> junk = Arbitraries.of('{', '}', '[', ']', '"', ':', ',', '1', 'a', '-', '.', 'e', ' ',
                '\\', 'N', 'S', 'n', 't', '0');
        return base.flatMap(b -> Arbitraries.integers().between(1, 6).flatMap(count ->
                Arbitraries.integers().between(0, b.length() - 1).list().ofSize(count).flatMap(positions ->
                        junk.list().ofSize(count).flatMap(chars ->
                                Arbitraries.integers().between(0, 2).list().ofSize(count).map(kinds -> {
                                    StringBuilder sb = new StringBuilder(b);
                                    for (int i = 0; i < count; i++) {
                                        int p = Math.min(positions.get(i), sb.length() - 1);
                                        switch (kinds.get(i)) {
                                            case 0 -> sb.setCharAt(p, chars.get(i));
                                            case 1 -> sb.insert(p, chars.get(i));
                                            default -> sb.deleteCharAt(p);
                                        }
                                        if (sb.length() == 0) {
                                            sb.append('x');
                                        }
                                    }
                                    return sb.toString();
                                })))));
    }
}
