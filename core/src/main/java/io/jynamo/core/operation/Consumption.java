package io.jynamo.core.operation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The capacity units one request consumed, per table and, within a table, on the table itself and on each of its
 * secondary indexes, reads and writes apart: what the response reports (ReturnConsumedCapacity), what provisioned
 * capacity is charged and what usage records. Tables keep the order in which the request first touched them (a
 * transaction's response lists them in that order).
 *
 * <p>A local index's units come out of its table's capacity; a global index has capacity of its own.
 */
public final class Consumption {
    /** Read and write units on a table or one index. */
    public static final class Units {
        private double read;
        private double write;

        public double read() {
            return read;
        }

        public double write() {
            return write;
        }

        public double total() {
            return read + write;
        }
    }

    /** What one table's request consumed: the table's own units and its indexes'. */
    public static final class OnTable {
        private final Units table = new Units();
        private final Map<String, Units> globalIndexes = new LinkedHashMap<>();
        private final Map<String, Units> localIndexes = new LinkedHashMap<>();

        public Units table() {
            return table;
        }

        public Map<String, Units> globalIndexes() {
            return Collections.unmodifiableMap(globalIndexes);
        }

        public Map<String, Units> localIndexes() {
            return Collections.unmodifiableMap(localIndexes);
        }

        /** The read units drawn from the table's own capacity: the table's and its local indexes'. */
        public double tableCapacityRead() {
            return table.read + localIndexes.values().stream().mapToDouble(Units::read).sum();
        }

        /** The write units drawn from the table's own capacity: the table's and its local indexes'. */
        public double tableCapacityWrite() {
            return table.write + localIndexes.values().stream().mapToDouble(Units::write).sum();
        }

        /** The sum over the table and all its indexes: the response's CapacityUnits. */
        public double total() {
            return totalRead() + totalWrite();
        }

        public double totalRead() {
            return table.read + globalIndexes.values().stream().mapToDouble(Units::read).sum()
                    + localIndexes.values().stream().mapToDouble(Units::read).sum();
        }

        public double totalWrite() {
            return table.write + globalIndexes.values().stream().mapToDouble(Units::write).sum()
                    + localIndexes.values().stream().mapToDouble(Units::write).sum();
        }

        private Units index(String name, boolean global) {
            return (global ? globalIndexes : localIndexes).computeIfAbsent(name, n -> new Units());
        }
    }

    private final Map<String, OnTable> tables = new LinkedHashMap<>();

    /** The tables the request touched, in the order it first did. */
    public Map<String, OnTable> tables() {
        return Collections.unmodifiableMap(tables);
    }

    /** What the request consumed on one table (nothing, when it did not touch it). */
    public OnTable on(String tableName) {
        OnTable t = tables.get(tableName);
        return t == null ? new OnTable() : t;
    }

    public Consumption read(String tableName, double units) {
        table(tableName).table.read += units;
        return this;
    }

    public Consumption write(String tableName, double units) {
        table(tableName).table.write += units;
        return this;
    }

    public Consumption readIndex(String tableName, String indexName, boolean global, double units) {
        table(tableName).index(indexName, global).read += units;
        return this;
    }

    public Consumption writeIndex(String tableName, String indexName, boolean global, double units) {
        table(tableName).index(indexName, global).write += units;
        return this;
    }

    /** Adds what another part of the same request consumed. */
    public Consumption add(Consumption other) {
        for (Map.Entry<String, OnTable> e : other.tables.entrySet()) {
            OnTable mine = table(e.getKey());
            OnTable theirs = e.getValue();
            mine.table.read += theirs.table.read;
            mine.table.write += theirs.table.write;
            theirs.globalIndexes.forEach((name, u) -> add(mine.index(name, true), u));
            theirs.localIndexes.forEach((name, u) -> add(mine.index(name, false), u));
        }
        return this;
    }

    private static void add(Units to, Units from) {
        to.read += from.read;
        to.write += from.write;
    }

    private OnTable table(String tableName) {
        return tables.computeIfAbsent(tableName, t -> new OnTable());
    }
}
