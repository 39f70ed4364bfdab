package io.jynamo.core.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.AttributeValueJson;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A page of Query or Scan results.
 *
 * @param items            null for Select COUNT
 * @param lastEvaluatedKey null when the page ends the results
 */
public record QueryScanResponse(List<Map<String, AttributeValue>> items, int count, int scannedCount,
                                Map<String, AttributeValue> lastEvaluatedKey, String tableName,
                                ConsumedCapacity.Mode consumedCapacity, Consumption consumed) {

    public static void write(JsonGenerator g, QueryScanResponse r) throws IOException {
        g.writeStartObject();
        if (r.items() != null) {
            g.writeArrayFieldStart("Items");
            for (Map<String, AttributeValue> item : r.items()) {
                AttributeValueJson.writeItem(g, item);
            }
            g.writeEndArray();
        }
        g.writeNumberField("Count", r.count());
        g.writeNumberField("ScannedCount", r.scannedCount());
        if (r.lastEvaluatedKey() != null) {
            g.writeFieldName("LastEvaluatedKey");
            AttributeValueJson.writeItem(g, r.lastEvaluatedKey());
        }
        ConsumedCapacity.write(g, r.consumedCapacity(), r.tableName(), r.consumed());
        g.writeEndObject();
    }
}
