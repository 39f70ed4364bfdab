package io.jynamo.core.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.AttributeValueJson;

import java.io.IOException;
import java.util.Map;

/**
 * The response of PutItem, UpdateItem and DeleteItem: the attributes ReturnValues asked for, and the capacity used.
 *
 * @param attributes null when nothing is to be returned
 * @param collection null unless ReturnItemCollectionMetrics asked for it and the table has local indexes
 * @param item       the item as the table holds it after the write, null when there is none (not sent: what a cache
 *                   in front of the table, the accelerator, writes through)
 */
public record WriteResponse(Map<String, AttributeValue> attributes, String tableName,
                            ConsumedCapacity.Mode consumedCapacity, Consumption consumed,
                            ItemCollectionMetrics collection, Map<String, AttributeValue> item) {

    public static void write(JsonGenerator g, WriteResponse response) throws IOException {
        g.writeStartObject();
        if (response.attributes() != null) {
            g.writeFieldName("Attributes");
            AttributeValueJson.writeItem(g, response.attributes());
        }
        ConsumedCapacity.write(g, response.consumedCapacity(), response.tableName(), response.consumed());
        if (response.collection() != null) {
            response.collection().write(g);
        }
        g.writeEndObject();
    }
}
