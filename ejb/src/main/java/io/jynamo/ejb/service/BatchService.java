package io.jynamo.ejb.service;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.SchemaMismatchException;
import io.jynamo.core.expression.Projection;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.PrimaryKey;
import io.jynamo.core.item.StoredItem;
import io.jynamo.core.operation.BatchGetItem;
import io.jynamo.core.operation.BatchWriteItem;
import io.jynamo.core.operation.ConsumedCapacity;
import io.jynamo.core.operation.Consumption;
import io.jynamo.ejb.cache.ItemCache;
import io.jynamo.ejb.storage.ItemLocks;
import io.jynamo.ejb.storage.ItemRef;
import io.jynamo.ejb.storage.ItemStore;
import io.jynamo.ejb.storage.ItemTables;
import io.jynamo.ejb.storage.ItemTable;
import io.jynamo.ejb.storage.WriteLock;
import io.jynamo.ejb.write.ItemChange;
import io.jynamo.ejb.write.ItemWriter;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BatchGetItem and BatchWriteItem. The whole request is validated (tables, keys, duplicates) before any item is read
 * or written, so an invalid batch changes nothing. A batch runs in one transaction; DynamoDB does not promise that
 * (each write stands alone), but it costs clients nothing and keeps the writes of a batch together. Its writes take
 * their items' single-write locks together, then each goes through the one write path ({@link ItemWriter}).
 */
@Stateless
public class BatchService {
    /** A BatchGetItem response stops growing at 16 MB; the keys left over are returned as unprocessed. */
    static final long MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    @Inject
    private ItemTables definitions;

    @Inject
    private ItemStore store;

    @Inject
    private ItemLocks locks;

    @Inject
    private ItemWriter writer;

    /**
     * Reads are single statements: no transaction of their own (each would cost a COMMIT round trip); under READ
     * COMMITTED a transaction would give them nothing, as each statement sees its own snapshot anyway.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public BatchGetItem.Response batchGetItem(BatchGetItem.Request r) {
        return batchGetItem(r, null);
    }

    /**
     * The same, the eventually consistent reads served through an item cache ({@code through}; null: none); strongly
     * consistent ones always read the table.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public BatchGetItem.Response batchGetItem(BatchGetItem.Request r, ItemCache through) {
        Map<String, ItemTable> tables = new HashMap<>();
        Map<String, List<PrimaryKey>> keys = new HashMap<>();
        for (BatchGetItem.TableRequest t : r.tables()) {
            ItemTable table = definitions.get(t.tableName());
            tables.put(t.tableName(), table);
            List<PrimaryKey> tableKeys = new ArrayList<>();
            Set<ByteBuffer> seen = new HashSet<>();
            for (Map<String, AttributeValue> key : t.keys()) {
                PrimaryKey k = PrimaryKey.ofKey(key, table.keySchema());
                if (!seen.add(new ItemRef(table, k).identity())) {
                    throw DynamoException.validation("Provided list of item keys contains duplicates");
                }
                tableKeys.add(k);
            }
            keys.put(t.tableName(), tableKeys);
        }
        Map<String, List<Map<String, AttributeValue>>> responses = new LinkedHashMap<>();
        Map<String, BatchGetItem.TableRequest> unprocessed = new LinkedHashMap<>();
        Consumption consumed = new Consumption();
        long responseBytes = 0;
        for (BatchGetItem.TableRequest t : r.tables()) {
            List<Map<String, AttributeValue>> found = new ArrayList<>();
            responses.put(t.tableName(), found);
            List<PrimaryKey> tableKeys = keys.get(t.tableName());
            for (int i = 0; i < tableKeys.size(); i++) {
                if (responseBytes >= MAX_RESPONSE_BYTES) {
                    unprocessed.put(t.tableName(), t.withKeys(t.keys().subList(i, t.keys().size())));
                    break;
                }
                ItemTable table = tables.get(t.tableName());
                PrimaryKey key = tableKeys.get(i);
                StoredItem item = through == null || t.consistentRead() ? store.getStored(table, key)
                        : through.get(table, key, () -> store.getStored(table, key));
                int size = item == null ? 0 : item.size();
                // each key read costs, found or not
                consumed.read(t.tableName(), ConsumedCapacity.readUnits(size, t.consistentRead()));
                if (item != null) {
                    responseBytes += size;
                    found.add(t.projection() == null ? item.attributes()
                            : Projection.apply(item.attributes(), t.projection()));
                }
            }
        }
        return new BatchGetItem.Response(responses, unprocessed, r.consumedCapacity(), consumed);
    }

    public BatchWriteItem.Response batchWriteItem(BatchWriteItem.Request r) {
        Map<String, ItemTable> tables = new HashMap<>();
        Set<ByteBuffer> seen = new HashSet<>();
        List<ItemRef> items = new ArrayList<>();
        for (BatchWriteItem.Write w : r.writes()) {
            ItemTable table = tables.computeIfAbsent(w.tableName(), definitions::get);
            PrimaryKey key;
            try {
                key = w.isPut() ? PrimaryKey.ofItem(w.item(), table.keySchema())
                        : PrimaryKey.ofKey(w.key(), table.keySchema());
            } catch (SchemaMismatchException e) {
                // a put's item is checked like a key here, with the key's message
                throw DynamoException.validation("The provided key element does not match the schema");
            }
            ItemRef item = new ItemRef(table, key);
            if (!seen.add(item.identity())) {
                throw DynamoException.validation("Provided list of item keys contains duplicates");
            }
            items.add(item);
        }
        // items a transaction is writing are left for the client to send again, as DynamoDB leaves throttled ones
        long[] lockKeys = items.stream().mapToLong(ItemRef::lockKey).toArray();
        boolean[] free = locks.tryForSingleWrites(lockKeys);
        Consumption consumed = new Consumption();
        // rows are written in a fixed order, so that two batches sharing items cannot deadlock
        for (int i : ItemRef.inLockOrder(items)) {
            if (free[i]) {
                BatchWriteItem.Write w = r.writes().get(i);
                ItemChange change = w.isPut() ? ItemChange.put(w.item(), w.itemSize()) : ItemChange.delete();
                consumed.add(writer.write(items.get(i).table(), items.get(i).key(), change, WriteLock.HELD).consumed());
            }
        }
        List<BatchWriteItem.Write> unprocessed = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!free[i]) {
                unprocessed.add(r.writes().get(i));
            }
        }
        return new BatchWriteItem.Response(unprocessed, r.consumedCapacity(), consumed);
    }
}
