package io.jynamo.core.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.expression.DocumentPath;
import io.jynamo.core.expression.ExpressionNames;
import io.jynamo.core.expression.ProjectionExpression;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.expression.Projection;
import io.jynamo.core.item.AttributeValueJson;
import io.jynamo.core.item.StoredItem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.jynamo.core.api.Shape.attributeMap;
import static io.jynamo.core.api.Shape.bool;
import static io.jynamo.core.api.Shape.list;
import static io.jynamo.core.api.Shape.map;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/**
 * GetItem: validation of the request and the response.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html">GetItem</a>
 */
public final class GetItem {
    private GetItem() {
    }

    /** @param projection the paths to return, or null for the whole item */
    public record Request(String tableName, Map<String, AttributeValue> key, List<DocumentPath> projection,
                          boolean consistentRead, ConsumedCapacity.Mode consumedCapacity) { }

    /** @param item null when there is no item with the key */
    /**
     * @param item   the item's attributes (projected), or null
     * @param stored the whole item as stored, written to the response as it is (no projection asked), or null
     */
    public record Response(Map<String, AttributeValue> item, StoredItem stored, String tableName,
                           ConsumedCapacity.Mode consumedCapacity, Consumption consumed) { }

    static final Shape SHAPE = struct("GetItemInput",
            member("ReturnConsumedCapacity", string().oneOf(ConsumedCapacity.MODES)),
            member("AttributesToGet", list(string()).length(1, 255)),
            member("TableName", Shape.dataPlaneTableName()),
            member("Key", attributeMap().notNull()),
            member("ConsistentRead", bool()),
            member("ProjectionExpression", string()),
            member("ExpressionAttributeNames", map(string())));

    public static Request parse(byte[] body) {
        ObjectNode r = RequestChecker.check(body, SHAPE);
        ItemRequests.checkExpressionParameters(r, List.of("ProjectionExpression"), List.of("AttributesToGet"));
        Map<String, AttributeValue> key = ItemRequests.attributeMap(r, "Key");
        List<DocumentPath> projection = attributesToGet(r);
        ExpressionNames names = ExpressionNames.of(ItemRequests.names(r));
        if (r.has("ProjectionExpression")) {
            projection = ProjectionExpression.parse(r.get("ProjectionExpression").textValue(), names);
        }
        names.checkAllUsed();
        boolean consistent = r.has("ConsistentRead") && r.get("ConsistentRead").booleanValue();
        return new Request(r.get("TableName").textValue(), key, projection, consistent, ConsumedCapacity.mode(r));
    }

    /** The legacy AttributesToGet as top-level paths, or null when absent. */
    static List<DocumentPath> attributesToGet(JsonNode request) {
        JsonNode node = request.get("AttributesToGet");
        if (node == null) {
            return null;
        }
        List<DocumentPath> paths = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode name : node) {
            if (!seen.add(name.textValue())) {
                throw DynamoException.invalidParameter("Duplicate value in attribute name: " + name.textValue());
            }
            paths.add(new DocumentPath(List.of(new DocumentPath.Field(name.textValue()))));
        }
        return paths;
    }

    /**
     * The response to a request for the item as stored (null: there is none): projected if asked, whole as stored
     * otherwise; a read costs by the whole item, whatever the projection returns.
     */
    public static Response respond(Request r, String tableName, StoredItem stored) {
        Consumption units = new Consumption().read(tableName,
                ConsumedCapacity.readUnits(stored == null ? 0 : stored.size(), r.consistentRead()));
        if (stored != null && r.projection() != null) {
            return new Response(Projection.apply(stored.attributes(), r.projection()), null, tableName,
                    r.consumedCapacity(), units);
        }
        return new Response(null, stored, tableName, r.consumedCapacity(), units);
    }

    public static void write(JsonGenerator g, Response response) throws IOException {
        g.writeStartObject();
        if (response.stored() != null) {
            g.writeFieldName("Item");
            g.writeRawValue(response.stored().json());
        } else if (response.item() != null) {
            g.writeFieldName("Item");
            AttributeValueJson.writeItem(g, response.item());
        }
        ConsumedCapacity.write(g, response.consumedCapacity(), response.tableName(), response.consumed());
        g.writeEndObject();
    }
}
