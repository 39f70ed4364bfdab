package io.jynamo.core.access;

import io.jynamo.core.auth.Caller;
import io.jynamo.core.iam.AccessRequest;
import io.jynamo.core.item.AttributeType;
import io.jynamo.core.operation.BatchWriteItem;
import io.jynamo.core.operation.GetItem;
import io.jynamo.core.operation.PutItem;
import io.jynamo.core.operation.Query;
import io.jynamo.core.operation.Scan;
import io.jynamo.core.operation.TransactWriteItems;
import io.jynamo.core.operation.UpdateItem;
import io.jynamo.core.table.KeyAttribute;
import io.jynamo.core.table.KeySchema;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What each operation asks of the caller's policies, as DynamoDB's authorization reference lists it. */
class DynamoDbAccessTest {
    private static final String TABLE = "arn:aws:dynamodb:us-east-1:000000000000:table/";
    private final DynamoDbAccess access = new DynamoDbAccess(
            new Principal(Caller.user("000000000000", "AIDAALICE", "alice", "/", "AKIAALICE", false), "10.0.0.1",
                    Instant.parse("2026-12-01T12:00:00Z"), false, "us-east-1"),
            new DynamoDbAccess.Arns("us-east-1", "000000000000"), new DynamoDbAccess.KeySchemas() {
                @Override
                public KeySchema table(String table) {
                    return table.equals("missing") ? null
                            : new KeySchema(new KeyAttribute("pk", AttributeType.S), new KeyAttribute("sk", AttributeType.S));
                }

                @Override
                public KeySchema index(String table, String index) {
                    return new KeySchema(new KeyAttribute("g", AttributeType.S), null);
                }
            });

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aGetItemAsksForItsKeyItsAttributesAndAllAttributesWithoutAProjection() {
        AccessRequest r = access.getItem(GetItem.parse(json("{\"TableName\":\"games\",\"Key\":{\"pk\":{\"S\":\"u1\"},"
                + "\"sk\":{\"S\":\"g\"}}}"))).get(0);
        assertThat(r.action()).isEqualTo("dynamodb:GetItem");
        assertThat(r.resource()).isEqualTo(TABLE + "games");
        assertThat(r.values("dynamodb:leadingkeys")).containsExactly("u1");
        assertThat(r.values("dynamodb:attributes")).containsExactly("pk", "sk");
        assertThat(r.values("dynamodb:select")).containsExactly("ALL_ATTRIBUTES");
        assertThat(r.values("dynamodb:returnconsumedcapacity")).containsExactly("NONE");
        assertThat(r.values("aws:username")).containsExactly("alice");
        assertThat(r.values("aws:sourceip")).containsExactly("10.0.0.1");

        AccessRequest projected = access.getItem(GetItem.parse(json("{\"TableName\":\"games\",\"Key\":{\"pk\":{\"S\":"
                + "\"u1\"},\"sk\":{\"S\":\"g\"}},\"ProjectionExpression\":\"Wins, #a.b\",\"ExpressionAttributeNames\":"
                + "{\"#a\":\"Address\"}}"))).get(0);
        assertThat(projected.values("dynamodb:attributes")).containsExactly("pk", "sk", "Wins", "Address");
        assertThat(projected.values("dynamodb:select")).containsExactly("SPECIFIC_ATTRIBUTES");
    }

    @Test
    void writesAskForWhatTheyTouchAndTheirReturnValues() {
        AccessRequest put = access.putItem(PutItem.parse(json("{\"TableName\":\"games\",\"Item\":{\"pk\":{\"S\":\"u1\"},"
                + "\"sk\":{\"S\":\"g\"},\"Wins\":{\"N\":\"1\"}},\"ConditionExpression\":\"attribute_not_exists(Locked)\"}")))
                .get(0);
        assertThat(put.values("dynamodb:attributes")).containsExactly("pk", "sk", "Wins", "Locked");
        assertThat(put.values("dynamodb:returnvalues")).containsExactly("NONE");
        AccessRequest update = access.updateItem(UpdateItem.parse(json("{\"TableName\":\"games\",\"Key\":{\"pk\":{\"S\":"
                + "\"u1\"},\"sk\":{\"S\":\"g\"}},\"UpdateExpression\":\"SET Wins = Wins + :one\",\"ExpressionAttributeValues\":"
                + "{\":one\":{\"N\":\"1\"}},\"ReturnValues\":\"ALL_NEW\"}"))).get(0);
        assertThat(update.action()).isEqualTo("dynamodb:UpdateItem");
        assertThat(update.values("dynamodb:attributes")).containsExactly("pk", "sk", "Wins");
        assertThat(update.values("dynamodb:returnvalues")).containsExactly("ALL_NEW");
        assertThat(update.values("dynamodb:leadingkeys")).containsExactly("u1");
    }

    @Test
    void aQueryAsksForItsPartitionAndAScanForNone() {
        AccessRequest query = access.query(Query.parse(json("{\"TableName\":\"games\",\"KeyConditionExpression\":"
                + "\"pk = :u AND begins_with(sk, :p)\",\"ExpressionAttributeValues\":{\":u\":{\"S\":\"u1\"},\":p\":"
                + "{\"S\":\"g\"}}}"))).get(0);
        assertThat(query.values("dynamodb:leadingkeys")).containsExactly("u1");
        assertThat(query.values("dynamodb:select")).containsExactly("ALL_ATTRIBUTES");
        AccessRequest onIndex = access.query(Query.parse(json("{\"TableName\":\"games\",\"IndexName\":\"byG\","
                + "\"KeyConditionExpression\":\"g = :g\",\"ExpressionAttributeValues\":{\":g\":{\"S\":\"x\"}}}"))).get(0);
        assertThat(onIndex.resource()).isEqualTo(TABLE + "games/index/byG");
        assertThat(onIndex.values("dynamodb:leadingkeys")).containsExactly("x");
        AccessRequest scan = access.scan(Scan.parse(json("{\"TableName\":\"games\",\"FilterExpression\":\"Wins > :n\","
                + "\"ExpressionAttributeValues\":{\":n\":{\"N\":\"3\"}}}"))).get(0);
        assertThat(scan.values("dynamodb:leadingkeys")).isNull();
        assertThat(scan.values("dynamodb:attributes")).containsExactly("Wins");
    }

    @Test
    void batchesAskPerTableAndTransactionsPerItem() {
        List<AccessRequest> batch = access.batchWriteItem(BatchWriteItem.parse(json("{\"RequestItems\":{\"games\":["
                + "{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"u1\"},\"sk\":{\"S\":\"a\"}}}},{\"DeleteRequest\":{\"Key\":"
                + "{\"pk\":{\"S\":\"u2\"},\"sk\":{\"S\":\"b\"}}}}],\"missing\":[{\"PutRequest\":{\"Item\":{\"x\":{\"S\":"
                + "\"1\"}}}}]}}")));
        assertThat(batch).extracting(AccessRequest::resource).containsExactly(TABLE + "games", TABLE + "missing");
        assertThat(batch.get(0).values("dynamodb:leadingkeys")).containsExactly("u1", "u2");
        // a table that does not exist has no known keys
        assertThat(batch.get(1).values("dynamodb:leadingkeys")).isNull();

        List<AccessRequest> tx = access.transactWriteItems(TransactWriteItems.parse(json("{\"TransactItems\":["
                + "{\"ConditionCheck\":{\"TableName\":\"games\",\"Key\":{\"pk\":{\"S\":\"u1\"},\"sk\":{\"S\":\"a\"}},"
                + "\"ConditionExpression\":\"attribute_exists(pk)\"}},{\"Delete\":{\"TableName\":\"games\",\"Key\":"
                + "{\"pk\":{\"S\":\"u2\"},\"sk\":{\"S\":\"b\"}}}}]}")));
        assertThat(tx).extracting(AccessRequest::action).containsExactly("dynamodb:ConditionCheckItem",
                "dynamodb:DeleteItem");
        assertThat(tx.get(0).values("dynamodb:enclosingoperation")).containsExactly("TransactWriteItems");
        assertThat(tx.get(1).values("dynamodb:leadingkeys")).containsExactly("u2");
    }
}
