package io.jynamo.core.operation;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.Map;

/** The ConsumedCapacity list of the batch operations: one entry per table. */
final class BatchCapacity {
    private BatchCapacity() {
    }

    static void write(JsonGenerator g, ConsumedCapacity.Mode mode, Map<String, Double> units) throws IOException {
        if (mode == ConsumedCapacity.Mode.NONE) {
            return;
        }
        g.writeArrayFieldStart("ConsumedCapacity");
        for (Map.Entry<String, Double> e : units.entrySet()) {
            g.writeStartObject();
            g.writeStringField("TableName", e.getKey());
            g.writeNumberField("CapacityUnits", e.getValue());
            if (mode == ConsumedCapacity.Mode.INDEXES) {
                g.writeObjectFieldStart("Table");
                g.writeNumberField("CapacityUnits", e.getValue());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
