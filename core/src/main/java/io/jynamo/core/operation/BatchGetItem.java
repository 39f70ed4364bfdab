package io.jynamo.core.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.Limits;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.expression.DocumentPath;
import io.jynamo.core.expression.ExpressionNames;
import io.jynamo.core.expression.ProjectionExpression;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.AttributeValueJson;
import io.jynamo.core.item.AttributeValueReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jynamo.core.api.Shape.attributeMap;
import static io.jynamo.core.api.Shape.bool;
import static io.jynamo.core.api.Shape.list;
import static io.jynamo.core.api.Shape.map;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/**
 * BatchGetItem: up to 100 keys over one or more tables, each table with its own projection and consistency.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html">BatchGetItem</a>
 */
public final class BatchGetItem {
    private BatchGetItem() {
    }

    /** DynamoDB's limit on keys per BatchGetItem call. */
    static final int MAX_KEYS = 100;

    /** @param original the table's KeysAndAttributes as sent, echoed (with the keys left) in UnprocessedKeys */
    public record TableRequest(String tableName, List<Map<String, AttributeValue>> keys,
                               List<DocumentPath> projection, boolean consistentRead, JsonNode original) {

        public TableRequest withKeys(List<Map<String, AttributeValue>> remaining) {
            return new TableRequest(tableName, remaining, projection, consistentRead, original);
        }
    }

    public record Request(List<TableRequest> tables, ConsumedCapacity.Mode consumedCapacity) { }

    /**
     * @param responses   the items found, per table (every requested table appears)
     * @param unprocessed keys not read in this call (the response would have exceeded 16 MB), per table
     */
    public record Response(Map<String, List<Map<String, AttributeValue>>> responses,
                           Map<String, TableRequest> unprocessed, ConsumedCapacity.Mode consumedCapacity,
                           Consumption consumed) { }

    static final Shape SHAPE = struct("BatchGetItemInput",
            member("RequestItems", map(struct("KeysAndAttributes",
                    member("Keys", list(attributeMap()).notNull().length(1, MAX_KEYS)),
                    member("AttributesToGet", list(string()).length(1, 255)),
                    member("ConsistentRead", bool()),
                    member("ProjectionExpression", string()),
                    member("ExpressionAttributeNames", map(string()))))
                    .keys(string().length(Limits.MIN_TABLE_NAME_LENGTH, Limits.MAX_TABLE_NAME_LENGTH)
                            .pattern(Limits.TABLE_NAME_PATTERN))
                    .modernMessages()),
            member("ReturnConsumedCapacity", string().oneOf(ConsumedCapacity.MODES)));

    public static Request parse(byte[] body) {
        ObjectNode r = RequestChecker.check(body, SHAPE);
        JsonNode items = r.get("RequestItems");
        if (items == null || items.size() == 0) {
            throw DynamoException.validation("The requestItems parameter is required for BatchGetItem");
        }
        List<TableRequest> tables = new ArrayList<>();
        int total = 0;
        boolean projects = false;
        boolean getsAttributes = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = items.fields(); it.hasNext(); ) {
            JsonNode t = it.next().getValue();
            projects |= t.has("ProjectionExpression");
            getsAttributes |= t.has("AttributesToGet");
        }
        if (projects && getsAttributes) {
            // the whole request counts, not each table's part (observed against DynamoDB by Dynoxide)
            throw ItemRequests.mixedParameters(List.of("AttributesToGet"), List.of("ProjectionExpression"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = items.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode t = e.getValue();
            ItemRequests.checkExpressionParameters(t, List.of("ProjectionExpression"), List.of("AttributesToGet"));
            List<DocumentPath> projection = GetItem.attributesToGet(t);
            ExpressionNames names = ExpressionNames.of(ItemRequests.names(t));
            if (t.has("ProjectionExpression")) {
                projection = ProjectionExpression.parse(t.get("ProjectionExpression").textValue(), names);
            }
            names.checkAllUsed();
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (JsonNode k : t.get("Keys")) {
                keys.add(AttributeValueReader.readMap(k));
                if (++total > MAX_KEYS) {
                    throw DynamoException.validation("Too many items requested for the BatchGetItem call");
                }
            }
            tables.add(new TableRequest(e.getKey(), keys, projection,
                    t.has("ConsistentRead") && t.get("ConsistentRead").booleanValue(), t));
        }
        return new Request(tables, ConsumedCapacity.mode(r));
    }

    public static void write(JsonGenerator g, Response response) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("Responses");
        for (Map.Entry<String, List<Map<String, AttributeValue>>> e : response.responses().entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            for (Map<String, AttributeValue> item : e.getValue()) {
                AttributeValueJson.writeItem(g, item);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeObjectFieldStart("UnprocessedKeys");
        for (TableRequest t : response.unprocessed().values()) {
            g.writeObjectFieldStart(t.tableName());
            g.writeArrayFieldStart("Keys");
            for (Map<String, AttributeValue> key : t.keys()) {
                AttributeValueJson.writeItem(g, key);
            }
            g.writeEndArray();
            for (Iterator<Map.Entry<String, JsonNode>> it = t.original().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                if (!member.getKey().equals("Keys")) {
                    g.writeFieldName(member.getKey());
                    g.writeTree(member.getValue());
                }
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        ConsumedCapacity.writeList(g, response.consumedCapacity(), response.consumed(), false);
        g.writeEndObject();
    }

}
