package io.jynamo.core.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.expression.DocumentPath;
import io.jynamo.core.expression.ExpressionNames;
import io.jynamo.core.expression.ProjectionExpression;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.AttributeValueJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jynamo.core.api.Shape.attributeMap;
import static io.jynamo.core.api.Shape.list;
import static io.jynamo.core.api.Shape.map;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/**
 * TransactGetItems: up to 100 items from one or more tables, read as of one moment.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html">TransactGetItems</a>
 */
public final class TransactGetItems {
    private TransactGetItems() {
    }

    /** Gets per request. */
    static final int MAX_GETS = 100;

    /** @param projection the paths to return, or null for the whole item */
    public record Get(String tableName, Map<String, AttributeValue> key, List<DocumentPath> projection) { }

    public record Request(List<Get> gets, ConsumedCapacity.Mode consumedCapacity) { }

    /** @param items one per Get, in request order; null where there is no item */
    public record Response(List<Map<String, AttributeValue>> items, ConsumedCapacity.Mode consumedCapacity,
                           Consumption consumed) { }

    static final Shape SHAPE = struct("TransactGetItemsInput",
            member("TransactItems", list(struct("TransactGetItem",
                    member("Get", struct("Get",
                            member("Key", attributeMap().notNull()),
                            member("TableName", Shape.dataPlaneTableName()),
                            member("ProjectionExpression", string()),
                            member("ExpressionAttributeNames", map(string()))).notNull())))
                    .notNull().length(1, MAX_GETS)),
            member("ReturnConsumedCapacity", string().oneOf(ConsumedCapacity.MODES)));

    public static Request parse(byte[] body) {
        ObjectNode r = RequestChecker.check(body, SHAPE);
        List<Get> gets = new ArrayList<>();
        for (JsonNode entry : r.get("TransactItems")) {
            JsonNode get = entry.get("Get");
            ItemRequests.checkExpressionParameters(get, List.of("ProjectionExpression"), List.of());
            ExpressionNames names = ExpressionNames.of(ItemRequests.names(get));
            List<DocumentPath> projection = get.has("ProjectionExpression")
                    ? ProjectionExpression.parse(get.get("ProjectionExpression").textValue(), names) : null;
            names.checkAllUsed();
            gets.add(new Get(get.get("TableName").textValue(), ItemRequests.attributeMap(get, "Key"), projection));
        }
        return new Request(gets, ConsumedCapacity.mode(r));
    }

    public static void write(JsonGenerator g, Response response) throws IOException {
        g.writeStartObject();
        ConsumedCapacity.writeList(g, response.consumedCapacity(), response.consumed(), true);
        g.writeArrayFieldStart("Responses");
        for (Map<String, AttributeValue> item : response.items()) {
            g.writeStartObject();
            if (item != null) {
                g.writeFieldName("Item");
                AttributeValueJson.writeItem(g, item);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
