package io.jynamo.core.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Map;

/**
 * Capacity units as DynamoDB counts them, and the ConsumedCapacity member of the responses that report them when
 * the request asks with ReturnConsumedCapacity.
 *
 * <ul>
 *   <li>A write costs one unit per started KB of the larger of the old and new item, at least one (a delete of no
 *       item, a failed condition on no item); an index entry written, one per started KB of the entry; an index
 *       entry whose key changed is deleted and put again, two writes.</li>
 *   <li>A strongly consistent read costs one unit per started 4 KB, an eventually consistent read half that; at
 *       least one unit (half for an eventual read) even when no item was found. A Query or Scan sums the sizes of the
 *       items it read (filtered out or not) and rounds once; a batch rounds each item.</li>
 *   <li>A transaction reads or writes each item twice (prepare, commit): twice the units on the table; its index
 *       writes cost what they cost outside a transaction.</li>
 * </ul>
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html">Read and write operations</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.ThroughputConsiderations">Provisioned throughput considerations for global secondary indexes</a>
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

    public static double readUnits(long size, boolean consistent) {
        double units = Math.max(1, (size + 4095) / 4096);
        return consistent ? units : units / 2;
    }

    /** The units of one item written by a transaction: twice those of a single write. */
    public static double transactionalWriteUnits(int oldSize, int newSize) {
        return 2 * writeUnits(oldSize, newSize);
    }

    /** The units of one item read by a transaction: twice those of a strongly consistent read. */
    public static double transactionalReadUnits(int size) {
        return 2 * readUnits(size, true);
    }

    /**
     * The write units an item's write costs one index, from the entry the index held before (size -1: none) and the
     * one it holds after: nothing when both are absent or the entry is unchanged, one write of the entry put or
     * deleted, one of the larger when it changed in place, two (delete, put) when its index key changed.
     */
    public static double indexWriteUnits(int oldSize, int newSize, boolean sameKey, boolean sameEntry) {
        if (oldSize < 0 && newSize < 0) {
            return 0;
        }
        if (oldSize < 0 || newSize < 0) {
            return writeUnits(Math.max(oldSize, 0), Math.max(newSize, 0));
        }
        if (sameKey) {
            return sameEntry ? 0 : writeUnits(oldSize, newSize);
        }
        return writeUnits(oldSize, 0) + writeUnits(newSize, 0);
    }

    /** Writes the ConsumedCapacity member of a single-table response, if the request asked for it. */
    public static void write(JsonGenerator g, Mode mode, String tableName, Consumption consumed) throws IOException {
        if (mode == Mode.NONE) {
            return;
        }
        g.writeFieldName("ConsumedCapacity");
        writeTable(g, mode, tableName, consumed.on(tableName), false);
    }

    /**
     * Writes the ConsumedCapacity list of a batch or transaction, one entry per table, if the request asked for it;
     * a transaction's entries name the kind of units beside their sum ({@code split}).
     */
    public static void writeList(JsonGenerator g, Mode mode, Consumption consumed, boolean split) throws IOException {
        if (mode == Mode.NONE) {
            return;
        }
        g.writeArrayFieldStart("ConsumedCapacity");
        for (Map.Entry<String, Consumption.OnTable> e : consumed.tables().entrySet()) {
            writeTable(g, mode, e.getKey(), e.getValue(), split);
        }
        g.writeEndArray();
    }

    private static void writeTable(JsonGenerator g, Mode mode, String tableName, Consumption.OnTable t,
                                   boolean split) throws IOException {
        g.writeStartObject();
        g.writeStringField("TableName", tableName);
        writeUnits(g, t.total(), t.totalRead(), t.totalWrite(), split);
        if (mode == Mode.INDEXES) {
            g.writeObjectFieldStart("Table");
            writeUnits(g, t.table().total(), t.table().read(), t.table().write(), split);
            g.writeEndObject();
            writeIndexes(g, "LocalSecondaryIndexes", t.localIndexes(), split);
            writeIndexes(g, "GlobalSecondaryIndexes", t.globalIndexes(), split);
        }
        g.writeEndObject();
    }

    private static void writeIndexes(JsonGenerator g, String member, Map<String, Consumption.Units> indexes,
                                     boolean split) throws IOException {
        if (indexes.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart(member);
        for (Map.Entry<String, Consumption.Units> e : indexes.entrySet()) {
            g.writeObjectFieldStart(e.getKey());
            writeUnits(g, e.getValue().total(), e.getValue().read(), e.getValue().write(), split);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeUnits(JsonGenerator g, double total, double read, double write, boolean split)
            throws IOException {
        g.writeNumberField("CapacityUnits", total);
        if (split && read > 0) {
            g.writeNumberField("ReadCapacityUnits", read);
        }
        if (split && write > 0) {
            g.writeNumberField("WriteCapacityUnits", write);
        }
    }
}
