package io.jynamo.ejb.service;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.expression.ConditionEvaluator;
import io.jynamo.core.expression.ConditionPaths;
import io.jynamo.core.expression.KeyConditions;
import io.jynamo.core.expression.Projection;
import io.jynamo.core.expression.ast.Condition;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.IndexKeys;
import io.jynamo.core.item.KeyEncoding;
import io.jynamo.core.item.PrimaryKey;
import io.jynamo.core.operation.ConsumedCapacity;
import io.jynamo.core.operation.Consumption;
import io.jynamo.core.operation.Query;
import io.jynamo.core.operation.QueryScanResponse;
import io.jynamo.core.operation.Scan;
import io.jynamo.core.operation.Select;
import io.jynamo.core.table.SecondaryIndex;
import io.jynamo.ejb.storage.IndexStore;
import io.jynamo.core.table.KeyAttribute;
import io.jynamo.core.table.KeySchema;
import io.jynamo.ejb.storage.ItemStore;
import io.jynamo.ejb.storage.ItemTables;
import io.jynamo.ejb.storage.ItemTable;
import io.jynamo.ejb.storage.KeyRange;
import io.jynamo.ejb.storage.StoredRow;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Query and Scan: pages of items read in key order through the primary-key index, ended by Limit (counted before
 * the filter, as DynamoDB counts it) or by 1 MB of items read.
 */
@Stateless
public class QueryService {
    /** A page ends once this much item data has been read (Query and Scan: 1 MB). */
    static final int MAX_PAGE_BYTES = 1024 * 1024;

    private static final Set<String> NOT_INDEXABLE = Set.of("NULL", "NOT_NULL", "NE", "CONTAINS", "NOT_CONTAINS",
            "IN");

    @Inject
    private ItemTables definitions;

    @Inject
    private ItemStore store;

    @Inject
    private IndexStore indexes;

    public QueryScanResponse query(Query.Request r) {
        ItemTable table = definitions.get(r.tableName(), r.indexName());
        SecondaryIndex index = index(table, r.indexName(), r.consistentRead());
        KeySchema schema = index == null ? table.keySchema() : index.keySchema();
        checkKeyConditions(r.keyConditions(), schema);
        byte[] hashKey = KeyEncoding.encode(r.keyConditions().get(schema.hash().name()).values().get(0));
        KeyRange range = schema.hasRange() && r.keyConditions().containsKey(schema.range().name())
                ? range(r.keyConditions().get(schema.range().name())) : KeyRange.ALL;
        if (r.filter() != null) {
            for (String attribute : ConditionPaths.attributes(r.filter())) {
                if (schema.isKeyAttribute(attribute) || (index == null && table.keySchema().isKeyAttribute(attribute))) {
                    throw DynamoException.validation((r.filterIsExpression() ? "Filter Expression" : "QueryFilter")
                            + " can only contain non-primary key attributes: Primary key attribute: " + attribute);
                }
            }
        }
        boolean fromTable = index != null && readsTable(table, index, r.select(), r.projection());
        Page page = new Page(r.limit(), r.filter(), r.projection(), pageKeys(table, index), table, index, fromTable);
        if (index == null) {
            if (r.exclusiveStartKey() != null) {
                range = afterStartKey(r, schema, hashKey, range);
            }
            store.query(table, hashKey, range, r.scanIndexForward(), r.limit(), MAX_PAGE_BYTES, page::add);
        } else {
            byte[][] after = null;
            if (r.exclusiveStartKey() != null) {
                after = indexStartKey(r.exclusiveStartKey(), table, index, false);
                if (!java.util.Arrays.equals(KeyEncoding.encode(r.exclusiveStartKey().get(schema.hash().name())),
                        hashKey)) {
                    throw DynamoException.validation("The provided starting key is outside query boundaries based "
                            + "on provided conditions");
                }
                after = new byte[][] {after[1], after[2], after[3]};
            }
            indexes.query(table, index, hashKey, range, after, r.scanIndexForward(), fromTable, r.limit(),
                    MAX_PAGE_BYTES, page::add);
        }
        return page.response(r.select() == Select.COUNT, r.consumedCapacity(), r.consistentRead());
    }

    public QueryScanResponse scan(Scan.Request r) {
        ItemTable table = definitions.get(r.tableName(), r.indexName());
        SecondaryIndex index = index(table, r.indexName(), r.consistentRead());
        boolean fromTable = index != null && readsTable(table, index, r.select(), r.projection());
        Page page = new Page(r.limit(), r.filter(), r.projection(), pageKeys(table, index), table, index, fromTable);
        if (index == null) {
            byte[] afterHash = null;
            byte[] afterRange = null;
            if (r.exclusiveStartKey() != null) {
                PrimaryKey start = startKey(r.exclusiveStartKey(), table.keySchema(), false);
                checkSegment(start.hash(), r);
                afterHash = start.hash();
                afterRange = start.range();
            }
            store.scan(table, afterHash, afterRange, r.segment(), r.totalSegments(), r.limit(), MAX_PAGE_BYTES,
                    page::add);
        } else {
            byte[][] after = r.exclusiveStartKey() == null ? null
                    : indexStartKey(r.exclusiveStartKey(), table, index, true);
            if (after != null) {
                checkSegment(after[0], r);
            }
            indexes.scan(table, index, after, r.segment(), r.totalSegments(), fromTable, r.limit(), MAX_PAGE_BYTES,
                    page::add);
        }
        return page.response(r.select() == Select.COUNT, r.consumedCapacity(), r.consistentRead());
    }

    /** A parallel Scan's start key must lie in the segment being scanned (it is where the previous page ended). */
    private void checkSegment(byte[] partitionKey, Scan.Request r) {
        if (r.totalSegments() > 1 && store.segmentOf(partitionKey, r.totalSegments()) != r.segment()) {
            throw DynamoException.validation("The provided starting key is invalid: Invalid ExclusiveStartKey. Please "
                    + "use ExclusiveStartKey with correct Segment. TotalSegments: " + r.totalSegments() + " Segment: "
                    + r.segment());
        }
    }

    /** The index a read names (null for none), with DynamoDB's checks on it. */
    private static SecondaryIndex index(ItemTable table, String name, boolean consistentRead) {
        if (name == null) {
            return null;
        }
        SecondaryIndex index = table.index(name);
        if (index == null) {
            throw DynamoException.validation("The table does not have the specified index: " + name);
        }
        if (index.global() && consistentRead) {
            throw DynamoException.validation("Consistent reads are not supported on global secondary indexes");
        }
        if (!index.status().equals("ACTIVE")) {
            throw DynamoException.validation("Cannot read from backfilling global secondary index: " + name);
        }
        return index;
    }

    /**
     * Whether an index read must take items from the table: a local index asked for attributes it does not project.
     * A global index cannot, so asking it for all attributes is DynamoDB's error.
     */
    private static boolean readsTable(ItemTable table, SecondaryIndex index, Select select,
                                      List<io.jynamo.core.expression.DocumentPath> projection) {
        if (index.projectionType() == io.jynamo.core.table.ProjectionType.ALL) {
            return false;
        }
        boolean needsMore = select == Select.ALL_ATTRIBUTES || (projection != null && !index.holdsAll(
                projection.stream().map(io.jynamo.core.expression.DocumentPath::attribute).toList(),
                table.keySchema()));
        if (needsMore && index.global() && select == Select.ALL_ATTRIBUTES) {
            throw DynamoException.invalidParameter("Select type ALL_ATTRIBUTES is not supported for global secondary "
                    + "index " + index.name() + " because its projection type is not ALL");
        }
        return needsMore && !index.global();
    }

    /** The attributes of LastEvaluatedKey: the table's key and, reading an index, the index's key. */
    private static List<KeyAttribute> pageKeys(ItemTable table, SecondaryIndex index) {
        List<KeyAttribute> keys = new ArrayList<>(table.keySchema().attributes());
        if (index != null) {
            for (KeyAttribute k : index.keySchema().attributes()) {
                if (!table.keySchema().isKeyAttribute(k.name())) {
                    keys.add(k);
                }
            }
        }
        return keys;
    }

    /** An index read's start key as encoded (ihk, irk, hk, rk). */
    private static byte[][] indexStartKey(Map<String, AttributeValue> startKey, ItemTable table,
                                          SecondaryIndex index, boolean scan) {
        List<KeyAttribute> expected = pageKeys(table, index);
        if (startKey.size() != expected.size()
                || expected.stream().anyMatch(k -> !startKey.containsKey(k.name()))) {
            throw DynamoException.validation("The provided starting key is invalid");
        }
        for (KeyAttribute k : index.keySchema().attributes()) {
            if (startKey.get(k.name()).type() != k.type()) {
                throw DynamoException.validation(KEY_MISMATCH);
            }
        }
        // the table's key in an index's start key is checked as a Scan checks a start key
        PrimaryKey base = startKey(table.keySchema().keyOf(startKey), table.keySchema(), false);
        KeySchema ik = index.keySchema();
        byte[] ihk = KeyEncoding.encode(startKey.get(ik.hash().name()));
        byte[] irk = ik.hasRange() ? KeyEncoding.encode(startKey.get(ik.range().name())) : new byte[0];
        return new byte[][] {ihk, irk, base.hash(), base.range()};
    }

    /** The key conditions must name the partition key with EQ, and at most the sort key besides, as DynamoDB asks. */
    private static void checkKeyConditions(Map<String, KeyConditions.KeyCondition> conditions, KeySchema schema) {
        if (!schema.hasRange() && conditions.size() > 1) {
            throw DynamoException.validation("Query key condition not supported");
        }
        for (KeyAttribute k : schema.attributes()) {
            boolean isHash = k == schema.hash();
            KeyConditions.KeyCondition c = conditions.get(k.name());
            if (c == null) {
                if (isHash || conditions.size() > 1) {
                    throw DynamoException.validation("Query condition missed key schema element: " + k.name());
                }
                continue;
            }
            if (NOT_INDEXABLE.contains(c.operator())) {
                throw DynamoException.validation("Attempted conditional constraint is not an indexable operation");
            }
            if (c.values().stream().anyMatch(v -> v.type() != k.type())) {
                throw DynamoException.invalidParameter("Condition parameter type does not match schema type");
            }
            if (isHash && !c.operator().equals("EQ")) {
                throw DynamoException.validation("Query key condition not supported");
            }
        }
    }

    private static KeyRange range(KeyConditions.KeyCondition c) {
        byte[] v = KeyEncoding.encode(c.values().get(0));
        return switch (c.operator()) {
            case "EQ" -> KeyRange.exactly(v);
            case "LT" -> new KeyRange(null, false, v, false);
            case "LE" -> new KeyRange(null, false, v, true);
            case "GT" -> new KeyRange(v, false, null, false);
            case "GE" -> new KeyRange(v, true, null, false);
            case "BETWEEN" -> new KeyRange(v, true, KeyEncoding.encode(c.values().get(1)), true);
            default -> KeyRange.prefix(v);
        };
    }

    /** Narrows the range to what comes after the start key, checking the start key as DynamoDB does. */
    private static KeyRange afterStartKey(Query.Request r, KeySchema schema, byte[] hashKey, KeyRange range) {
        PrimaryKey start = startKey(r.exclusiveStartKey(), schema, true);
        if (!java.util.Arrays.equals(start.hash(), hashKey)) {
            throw DynamoException.validation("The provided starting key is outside query boundaries based on "
                    + "provided conditions");
        }
        if (!schema.hasRange()) {
            // a hash-only table has one item per partition key: nothing comes after it
            return new KeyRange(new byte[] {0}, false, new byte[0], false);
        }
        KeyConditions.KeyCondition rangeCondition = r.keyConditions().get(schema.range().name());
        if (rangeCondition != null && !ConditionEvaluator.matches(io.jynamo.core.expression.LegacyConditions
                .keyCondition(schema.range().name(), rangeCondition), r.exclusiveStartKey())) {
            throw DynamoException.validation("The provided starting key does not match the range key predicate");
        }
        return r.scanIndexForward()
                ? new KeyRange(start.range(), false, range.upper(), range.upperInclusive())
                : new KeyRange(range.lower(), range.lowerInclusive(), start.range(), false);
    }

    private static final String KEY_MISMATCH = "The provided key element does not match the schema";

    /**
     * A start key for the table's own key, with DynamoDB's messages (recorded by dynalite and Alternator): for a Query,
     * the wrong attributes are "The provided starting key is invalid" and a key value of the wrong type is the bare
     * schema mismatch; for a Scan both are "The provided starting key is invalid: The provided key element does not
     * match the schema". Other problems with a key value come after the Scan's prefix in both.
     */
    private static PrimaryKey startKey(Map<String, AttributeValue> startKey, KeySchema schema, boolean query) {
        boolean keyAttributes = startKey.size() == schema.attributes().size()
                && schema.attributes().stream().allMatch(k -> startKey.containsKey(k.name()));
        if (!keyAttributes) {
            throw DynamoException.validation(query ? "The provided starting key is invalid"
                    : "The provided starting key is invalid: " + KEY_MISMATCH);
        }
        try {
            return PrimaryKey.ofKey(startKey, schema);
        } catch (DynamoException e) {
            if (query && KEY_MISMATCH.equals(e.getMessage())) {
                throw e;
            }
            throw DynamoException.validation("The provided starting key is invalid: " + e.getMessage());
        }
    }

    /**
     * Collects a page: Limit and the 1 MB bound apply to items read, the filter to what is returned. What reading it
     * costs: the sizes of the items read (filtered out or not) summed and rounded once, on the table or on the index
     * read; a local index that fetches its items from the table costs its entries on the index and each fetched item,
     * rounded apart, on the table.
     */
    private static final class Page {
        private final Integer limit;
        private final Condition filter;
        private final List<io.jynamo.core.expression.DocumentPath> projection;
        private final List<KeyAttribute> keys;
        private final ItemTable table;
        private final SecondaryIndex index;
        private final boolean fromTable;
        private final List<Map<String, AttributeValue>> items = new ArrayList<>();
        private int scanned;
        private long bytes;
        private long entryBytes;
        private double fetchUnits;
        private Map<String, AttributeValue> last;

        Page(Integer limit, Condition filter, List<io.jynamo.core.expression.DocumentPath> projection,
             List<KeyAttribute> keys, ItemTable table, SecondaryIndex index, boolean fromTable) {
            this.limit = limit;
            this.filter = filter;
            this.projection = projection;
            this.keys = keys;
            this.table = table;
            this.index = index;
            this.fromTable = fromTable;
        }

        private boolean full() {
            return (limit != null && scanned >= limit) || bytes >= MAX_PAGE_BYTES;
        }

        boolean add(StoredRow row) {
            if (full()) {
                return false;
            }
            scanned++;
            bytes += row.size();
            if (fromTable) {
                IndexKeys entry = IndexKeys.of(index, row.item(), table.keySchema());
                entryBytes += entry == null ? 0 : entry.size();
                fetchUnits += ConsumedCapacity.readUnits(row.size(), true);
            }
            last = row.item();
            if (filter == null || ConditionEvaluator.matches(filter, row.item())) {
                items.add(projection == null ? row.item() : Projection.apply(row.item(), projection));
            }
            return true;
        }

        QueryScanResponse response(boolean countOnly, ConsumedCapacity.Mode mode, boolean consistent) {
            Map<String, AttributeValue> lastKey = null;
            if (full() && last != null) {
                lastKey = new LinkedHashMap<>();
                for (KeyAttribute k : keys) {
                    lastKey.put(k.name(), last.get(k.name()));
                }
            }
            Consumption consumed = new Consumption();
            if (index == null) {
                consumed.read(table.name(), ConsumedCapacity.readUnits(bytes, consistent));
            } else {
                double fetched = consistent ? fetchUnits : fetchUnits / 2;
                consumed.read(table.name(), fetched).readIndex(table.name(), index.name(), index.global(),
                        ConsumedCapacity.readUnits(fromTable ? entryBytes : bytes, consistent));
            }
            return new QueryScanResponse(countOnly ? null : items, items.size(), scanned, lastKey, table.name(), mode,
                    consumed);
        }
    }
}
