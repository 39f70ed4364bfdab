package io.jynamo.core.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * Capacity units an operation consumed, reported when the request asks with ReturnConsumedCapacity.
 *
 * <p>A write costs one unit per started KB of the larger of the old and new item; a strongly consistent read one unit
 * per started 4 KB, an eventually consistent read half that; at least one unit (half for an eventual read) even when
 * no item was found.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html">Read and write operations</a>
 */
public final class ConsumedCapacity {
    private ConsumedCapacity() {
    }

    /** What the request asked for: NONE (omit), TOTAL or INDEXES. */
    public enum Mode { NONE, TOTAL, INDEXES }

    static final String[] MODES = {"INDEXES", "TOTAL", "NONE"};

    static Mode mode(ObjectNode request) {
        return request.has("ReturnConsumedCapacity")
                ? Mode.valueOf(request.get("ReturnConsumedCapacity").textValue()) : Mode.NONE;
    }

    public static double writeUnits(int oldSize, int newSize) {
        int size = Math.max(oldSize, newSize);
        return Math.max(1, (size + 1023) / 1024);
    }

    public static double readUnits(int size, boolean consistent) {
        double units = Math.max(1, (size + 4095) / 4096);
        return consistent ? units : units / 2;
    }

    /** Writes the ConsumedCapacity member, if the request asked for it. */
    public static void write(JsonGenerator g, Mode mode, String tableName, double units) throws IOException {
        if (mode == Mode.NONE) {
            return;
        }
        g.writeObjectFieldStart("ConsumedCapacity");
        g.writeStringField("TableName", tableName);
        g.writeNumberField("CapacityUnits", units);
        if (mode == Mode.INDEXES) {
            g.writeObjectFieldStart("Table");
            g.writeNumberField("CapacityUnits", units);
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
