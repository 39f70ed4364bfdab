package io.jynamo.core.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.Limits;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.AttributeValueReader;
import io.jynamo.core.item.ItemSize;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jynamo.core.api.Shape.attributeMap;
import static io.jynamo.core.api.Shape.list;
import static io.jynamo.core.api.Shape.map;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/**
 * BatchWriteItem: up to 25 puts and deletes over one or more tables, no key twice.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html">BatchWriteItem</a>
 */
public final class BatchWriteItem {
    private BatchWriteItem() {
    }

    /** DynamoDB's limit on requests per BatchWriteItem call. */
    static final int MAX_REQUESTS = 25;

    /**
     * A put (item set) or a delete (key set).
     *
     * @param original the WriteRequest as sent, echoed in UnprocessedItems when it is not applied
     */
    public record Write(String tableName, Map<String, AttributeValue> item, int itemSize,
                        Map<String, AttributeValue> key, JsonNode original) {
        public boolean isPut() {
            return item != null;
        }
    }

    public record Request(List<Write> writes, ConsumedCapacity.Mode consumedCapacity) { }

    /** @param unprocessed the writes not applied (their items were in a transaction), to be sent again */
    public record Response(List<Write> unprocessed, ConsumedCapacity.Mode consumedCapacity,
                           Consumption consumed) { }

    static final Shape SHAPE = struct("BatchWriteItemInput",
            member("RequestItems", map(list(struct("WriteRequest",
                    member("PutRequest", struct("PutRequest", member("Item", attributeMap().notNull()))),
                    member("DeleteRequest", struct("DeleteRequest", member("Key", attributeMap().notNull())))))
                    .length(1, MAX_REQUESTS))
                    .keys(string().length(Limits.MIN_TABLE_NAME_LENGTH, Limits.MAX_TABLE_NAME_LENGTH)
                            .pattern(Limits.TABLE_NAME_PATTERN))),
            member("ReturnConsumedCapacity", string().oneOf(ConsumedCapacity.MODES)),
            member("ReturnItemCollectionMetrics", string().oneOf(ItemRequests.RETURN_ITEM_COLLECTION_METRICS)));

    public static Request parse(byte[] body) {
        ObjectNode r = RequestChecker.check(body, SHAPE);
        JsonNode items = r.get("RequestItems");
        if (items == null || items.size() == 0) {
            throw DynamoException.validation("The requestItems parameter is required for BatchWriteItem");
        }
        List<Write> writes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = items.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            for (JsonNode request : e.getValue()) {
                boolean put = request.has("PutRequest");
                boolean delete = request.has("DeleteRequest");
                if (put == delete) {
                    throw DynamoException.validation("Supplied AttributeValue has more than one datatypes set, must "
                            + "contain exactly one of the supported datatypes");
                }
                if (put) {
                    Map<String, AttributeValue> item = AttributeValueReader.readMap(request.get("PutRequest")
                            .get("Item"));
                    int size = ItemSize.of(item);
                    PutItem.checkItemSize(size);
                    writes.add(new Write(e.getKey(), item, size, null, request));
                } else {
                    writes.add(new Write(e.getKey(), null, 0,
                            AttributeValueReader.readMap(request.get("DeleteRequest").get("Key")), request));
                }
            }
        }
        if (writes.size() > MAX_REQUESTS) {
            throw DynamoException.validation("Too many items requested for the BatchWriteItem call");
        }
        return new Request(writes, ConsumedCapacity.mode(r));
    }

    public static void write(JsonGenerator g, Response response) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("UnprocessedItems");
        Map<String, List<Write>> byTable = new LinkedHashMap<>();
        for (Write w : response.unprocessed()) {
            byTable.computeIfAbsent(w.tableName(), t -> new ArrayList<>()).add(w);
        }
        for (Map.Entry<String, List<Write>> e : byTable.entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            for (Write w : e.getValue()) {
                g.writeTree(w.original());
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        ConsumedCapacity.writeList(g, response.consumedCapacity(), response.consumed(), false);
        g.writeEndObject();
    }
}
