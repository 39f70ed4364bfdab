package io.jynamo.core.operation;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The capacity a transaction consumed on one table. DynamoDB performs two underlying reads or writes of every item
 * in a transaction (one to prepare it, one to commit it), so each item costs twice its single-item units; the
 * transactional responses name the kind of units next to their sum.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-capacity-handling">Capacity management for transactions</a>
 */
public record TransactionCapacity(String tableName, double readUnits, double writeUnits) {

    /** The units of one item written by a transaction: twice those of a single write. */
    public static double itemWriteUnits(int oldSize, int newSize) {
        return 2 * ConsumedCapacity.writeUnits(oldSize, newSize);
    }

    /** The units of one item read by a transaction: twice those of a strongly consistent read. */
    public static double itemReadUnits(int size) {
        return 2 * ConsumedCapacity.readUnits(size, true);
    }

    /** Sums per-item units into one entry per table, in the order the tables first appear. */
    public static final class Sum {
        private final Map<String, double[]> tables = new LinkedHashMap<>();

        public void addRead(String tableName, double units) {
            tables.computeIfAbsent(tableName, t -> new double[2])[0] += units;
        }

        public void addWrite(String tableName, double units) {
            tables.computeIfAbsent(tableName, t -> new double[2])[1] += units;
        }

        public List<TransactionCapacity> perTable() {
            return tables.entrySet().stream()
                    .map(e -> new TransactionCapacity(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        }
    }

    /** Writes the ConsumedCapacity list, if the request asked for it. */
    static void write(JsonGenerator g, ConsumedCapacity.Mode mode, List<TransactionCapacity> capacity)
            throws IOException {
        if (mode == ConsumedCapacity.Mode.NONE) {
            return;
        }
        g.writeArrayFieldStart("ConsumedCapacity");
        for (TransactionCapacity c : capacity) {
            g.writeStartObject();
            g.writeStringField("TableName", c.tableName());
            c.writeUnitMembers(g);
            if (mode == ConsumedCapacity.Mode.INDEXES) {
                g.writeObjectFieldStart("Table");
                c.writeUnitMembers(g);
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void writeUnitMembers(JsonGenerator g) throws IOException {
        g.writeNumberField("CapacityUnits", readUnits + writeUnits);
        if (readUnits > 0) {
            g.writeNumberField("ReadCapacityUnits", readUnits);
        }
        if (writeUnits > 0) {
            g.writeNumberField("WriteCapacityUnits", writeUnits);
        }
    }
}
