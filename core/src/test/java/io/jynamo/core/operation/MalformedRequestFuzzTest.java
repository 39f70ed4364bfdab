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
            "{\"Limit\":5,\"ExclusiveStartTableName\":\"abc\"}",
            "{\"TransactItems\":[{\"Put\":{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"}},"
                    + "\"ConditionExpression\":\"attribute_not_exists(#p)\",\"ExpressionAttributeNames\":{\"#p\":\"pk\"}}},"
                    + "{\"Update\":{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"b\"}},\"UpdateExpression\":"
                    + "\"SET n = :v\",\"ExpressionAttributeValues\":{\":v\":{\"N\":\"1\"}}}},{\"Delete\":{\"TableName\":"
                    + "\"tbl\",\"Key\":{\"pk\":{\"S\":\"c\"}}}},{\"ConditionCheck\":{\"TableName\":\"tbl\",\"Key\":"
                    + "{\"pk\":{\"S\":\"d\"}},\"ConditionExpression\":\"attribute_exists(pk)\"}}],"
                    + "\"ClientRequestToken\":\"tok\",\"ReturnConsumedCapacity\":\"TOTAL\"}",
            "{\"TableName\":\"tbl\",\"IndexName\":\"idx\",\"KeyConditionExpression\":\"pk = :p AND begins_with(sk, :s)\","
                    + "\"FilterExpression\":\"size(#l) > :n\",\"ExpressionAttributeNames\":{\"#l\":\"l\"},"
                    + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"},\":s\":{\"S\":\"b\"},\":n\":{\"N\":\"1\"}},"
                    + "\"Limit\":10,\"ScanIndexForward\":false,\"ExclusiveStartKey\":{\"pk\":{\"S\":\"a\"}},"
                    + "\"QueryFilter\":{\"x\":{\"ComparisonOperator\":\"EQ\",\"AttributeValueList\":[{\"S\":\"v\"}]}}}",
            "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"}},\"UpdateExpression\":\"SET a = :v ADD n :one\","
                    + "\"ConditionExpression\":\"attribute_exists(pk)\",\"ExpressionAttributeValues\":{\":v\":{\"S\":\"x\"},"
                    + "\":one\":{\"N\":\"1\"}},\"ReturnValues\":\"UPDATED_NEW\",\"AttributeUpdates\":{\"b\":"
                    + "{\"Action\":\"PUT\",\"Value\":{\"S\":\"y\"}}}}",
            "{\"RequestItems\":{\"tbl\":[{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"a\"}}}},{\"DeleteRequest\":"
                    + "{\"Key\":{\"pk\":{\"S\":\"b\"}}}}]},\"ReturnConsumedCapacity\":\"TOTAL\"}",
            "{\"RequestItems\":{\"tbl\":{\"Keys\":[{\"pk\":{\"S\":\"a\"}}],\"AttributesToGet\":[\"a\"],"
                    + "\"ConsistentRead\":true}}}",
            "{\"TableName\":\"tbl\",\"TimeToLiveSpecification\":{\"Enabled\":true,\"AttributeName\":\"exp\"}}",
            "{\"StreamArn\":\"arn:aws:dynamodb:us-east-1:000000000000:table/tbl/stream/2015-05-11T21:21:33.291\","
                    + "\"ShardId\":\"shardId-00000001414562045508-2bac9cd2\",\"ShardIteratorType\":\"AT_SEQUENCE_NUMBER\","
                    + "\"SequenceNumber\":\"100000000000000000001\",\"Limit\":5,\"ExclusiveStartShardId\":"
                    + "\"shardId-00000001414562045508-2bac9cd2\"}",
            "{\"ShardIterator\":\"arn:aws:dynamodb:us-east-1:000000000000:table/tbl/stream/2015-05-11T21:21:33.291|1|"
                    + "NDI6NzoxNzAwMDAwMDAwMTIzOmFiYw\",\"Limit\":10,\"TableName\":\"tbl\"}",
            "{\"TransactItems\":[{\"Get\":{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"a\"}},"
                    + "\"ProjectionExpression\":\"#n\",\"ExpressionAttributeNames\":{\"#n\":\"n\"}}},{\"Get\":"
                    + "{\"TableName\":\"tbl\",\"Key\":{\"pk\":{\"S\":\"b\"}}}}]}");

    private static final List<Function<byte[], ?>> OPERATIONS = List.of(
            PutItem::parse, CreateTable::parse, GetItem::parse, ListTables::parse, DeleteItem::parse,
            UpdateTable::parse, TableName::parse, UpdateItem::parse, BatchGetItem::parse, BatchWriteItem::parse,
            Query::parse, Scan::parse, TransactWriteItems::parse, TransactGetItems::parse, TimeToLive::parseUpdate,
            io.jynamo.core.streams.ListStreams::parse, io.jynamo.core.streams.DescribeStream::parse,
            io.jynamo.core.streams.GetShardIterator::parse, io.jynamo.core.streams.GetRecords::parse);

    @Property(tries = 3000)
    void mutatedRequestsGiveDynamoDbErrorsOnly(@ForAll("mutatedBodies") String body) {
        for (Function<byte[], ?> operation : OPERATIONS) {
            assertOnlyDynamoErrors(body, operation);
        }
    }

    /** Every value of every valid body replaced by null, and by values of the other JSON types, one at a time. */
    @org.junit.jupiter.api.Test
    void anyValueOfTheWrongKindGivesDynamoDbErrorsOnly() throws java.io.IOException {
        var replacements = List.of(com.fasterxml.jackson.databind.node.NullNode.instance,
                com.fasterxml.jackson.databind.node.IntNode.valueOf(1),
                com.fasterxml.jackson.databind.node.TextNode.valueOf("x"), Json.MAPPER.createArrayNode(),
                Json.MAPPER.createObjectNode());
        for (String body : VALID) {
            com.fasterxml.jackson.databind.JsonNode tree = Json.MAPPER.readTree(body);
            for (String path : paths(tree, "")) {
                for (com.fasterxml.jackson.databind.JsonNode replacement : replacements) {
                    com.fasterxml.jackson.databind.JsonNode copy = tree.deepCopy();
                    replace(copy, path, replacement);
                    for (Function<byte[], ?> operation : OPERATIONS) {
                        try {
                            operation.apply(Json.MAPPER.writeValueAsBytes(copy));
                        } catch (DynamoException expected) {
                            assertThat(expected.type()).isNotNull();
                        } catch (RuntimeException e) {
                            throw new AssertionError(copy + " broke " + operation, e);
                        }
                    }
                }
            }
        }
    }

    /** JSON pointers of every value under the node. */
    private static List<String> paths(com.fasterxml.jackson.databind.JsonNode node, String at) {
        List<String> paths = new java.util.ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(f -> {
                paths.add(at + "/" + f);
                paths.addAll(paths(node.get(f), at + "/" + f));
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                paths.add(at + "/" + i);
                paths.addAll(paths(node.get(i), at + "/" + i));
            }
        }
        return paths;
    }

    private static void replace(com.fasterxml.jackson.databind.JsonNode root, String pointer,
                                com.fasterxml.jackson.databind.JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        com.fasterxml.jackson.databind.JsonNode parent = slash == 0 ? root : root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent.isObject()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) parent).set(last, value);
        } else {
            ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(last), value);
        }
    }

    @Property(tries = 1000)
    void randomBytesGiveDynamoDbErrorsOnly(@ForAll byte[] body) {
        try {
            PutItem.parse(body);
        } catch (DynamoException expected) {
            // fine
        }
    }

    private static void assertOnlyDynamoErrors(String body, Function<byte[], ?> op) {
        try {
            op.apply(body.getBytes(StandardCharsets.UTF_8));
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
