package io.jynamo.core.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.AttributeValueJson;

import java.io.IOException;
import java.util.Map;

/**
 * The size of the item collection a write touched (the items of one partition key in a table with local secondary
 * indexes, with their index entries), returned when ReturnItemCollectionMetrics is SIZE: "an estimate of item
 * collection size, in gigabytes ... a two-element array containing a lower bound and an upper bound". Tables without
 * local secondary indexes return none.
 *
 * @param key       the collection's partition key attribute and value
 * @param sizeBytes the items' and index entries' sizes, as DynamoDB measures items
 */
public record ItemCollectionMetrics(Map<String, AttributeValue> key, long sizeBytes) {
    private static final double GB = 1024.0 * 1024 * 1024;

    public void write(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("ItemCollectionMetrics");
        g.writeFieldName("ItemCollectionKey");
        AttributeValueJson.writeItem(g, key);
        // the whole gigabytes the collection fills, and the next: [0.0, 1.0] for all but the largest collections
        double lower = Math.floor(sizeBytes / GB);
        g.writeArrayFieldStart("SizeEstimateRangeGB");
        g.writeNumber(lower);
        g.writeNumber(lower + 1);
        g.writeEndArray();
        g.writeEndObject();
    }
}
