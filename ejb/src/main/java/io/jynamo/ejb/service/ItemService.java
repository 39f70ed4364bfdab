package io.jynamo.ejb.service;

import io.jynamo.core.expression.Projection;
import io.jynamo.core.expression.UpdatedItem;
import io.jynamo.core.expression.UpdateChecks;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.PrimaryKey;
import io.jynamo.core.item.StoredItem;
import io.jynamo.core.operation.DeleteItem;
import io.jynamo.core.operation.GetItem;
import io.jynamo.core.operation.ItemCollectionMetrics;
import io.jynamo.core.operation.PutItem;
import io.jynamo.core.operation.ReturnValues;
import io.jynamo.core.operation.UpdateItem;
import io.jynamo.core.operation.WriteResponse;
import io.jynamo.core.table.SecondaryIndex;
import io.jynamo.ejb.cache.ItemCache;
import io.jynamo.ejb.storage.ItemStore;
import io.jynamo.ejb.storage.ItemTable;
import io.jynamo.ejb.storage.ItemTables;
import io.jynamo.ejb.storage.WriteLock;
import io.jynamo.ejb.write.ItemChange;
import io.jynamo.ejb.write.ItemWriter;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Single-item reads and writes: PutItem, GetItem, UpdateItem, DeleteItem. Each write is one transaction, made by the
 * one write path ({@link ItemWriter}), which takes the item's single-write lock in its first statement: a write to an
 * item a transaction is writing is refused with DynamoDB's TransactionConflictException instead of waiting for it.
 * The table's definition comes from {@link ItemTables}; a write made with an out-of-date one fails with a
 * StaleTableException before it commits, and is run again.
 *
 * <p>A PutItem or DeleteItem that is one statement ({@link ItemWriter#oneStatement}: unconditional, on a table with
 * neither indexes nor a stream) runs without a transaction (PostgreSQL commits the statement by itself): no JTA
 * transaction to begin and end, no COMMIT round trip. Every other write runs {@link #inTransaction}.
 */
@Stateless
public class ItemService {
    @Inject
    private ItemTables definitions;

    @Inject
    private ItemStore store;

    @Inject
    private ItemWriter writer;

    @Resource
    private SessionContext context;

    /** Runs {@code work} in a transaction of its own: for the writes that are more than one statement. */
    public <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }

    /** {@code work} in a transaction unless the write is one statement (see above). */
    private <T> T transactionUnlessOneStatement(ItemTable table, ItemChange change, Supplier<T> work) {
        return ItemWriter.oneStatement(table, change) ? work.get()
                : context.getBusinessObject(ItemService.class).inTransaction(work);
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public WriteResponse putItem(PutItem.Request r) {
        ItemTable table = definitions.get(r.tableName());
        PrimaryKey key = PrimaryKey.ofItem(r.item(), table.keySchema());
        boolean wantsOld = r.returnValues() == ReturnValues.ALL_OLD;
        ItemChange.Put change = new ItemChange.Put(r.item(), r.itemSize(), r.condition(), r.returnOldOnCondition(),
                wantsOld);
        return transactionUnlessOneStatement(table, change, () -> put(r, table, key, change));
    }

    private WriteResponse put(PutItem.Request r, ItemTable table, PrimaryKey key, ItemChange.Put change) {
        ItemWriter.Written written = writer.write(table, key, change, WriteLock.TAKE);
        Map<String, AttributeValue> old = written.old();
        return new WriteResponse(change.wantsOld() ? old : null, table.name(), r.consumedCapacity(), written.consumed(),
                collection(table, key, r.item(), r.collectionMetrics()), r.item());
    }

    /** One statement, so no transaction of its own (which would cost a COMMIT round trip to PostgreSQL). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public GetItem.Response getItem(GetItem.Request r) {
        return getItem(r, null);
    }

    /**
     * The same, an eventually consistent read served through an item cache ({@code through}; null: none); a
     * strongly consistent one always reads the table.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public GetItem.Response getItem(GetItem.Request r, ItemCache through) {
        ItemTable table = definitions.get(r.tableName());
        PrimaryKey key = PrimaryKey.ofKey(r.key(), table.keySchema());
        StoredItem stored = through == null || r.consistentRead() ? store.getStored(table, key)
                : through.get(table, key, () -> store.getStored(table, key));
        return GetItem.respond(r, table.name(), stored);
    }

    public WriteResponse updateItem(UpdateItem.Request r) {
        ItemTable table = definitions.get(r.tableName());
        PrimaryKey key = PrimaryKey.ofKey(r.key(), table.keySchema());
        UpdateChecks.checkKeysUntouched(r.actions(), table.keySchema());
        UpdateChecks.checkIndexKeyValues(r.actions(), table.enforcedIndexes());
        ItemWriter.Written written = writer.write(table, key, new ItemChange.Update(
                current -> UpdatedItem.of(current, r.key(), r.actions(), r.legacy(), table.keySchema(),
                        table.enforcedIndexes()), r.condition(), r.returnOldOnCondition()), WriteLock.TAKE);
        Map<String, AttributeValue> old = written.old();
        Map<String, AttributeValue> updated = written.item();
        Map<String, AttributeValue> attributes = switch (r.returnValues()) {
            case ALL_OLD -> old;
            case ALL_NEW -> updated;
            case UPDATED_OLD -> old == null ? null : nonEmpty(Projection.apply(old, UpdateChecks.paths(r.actions())));
            case UPDATED_NEW -> updated == null ? null
                    : nonEmpty(Projection.apply(updated, UpdateChecks.paths(r.actions())));
            default -> null;
        };
        return new WriteResponse(attributes, table.name(), r.consumedCapacity(), written.consumed(),
                collection(table, key, r.key(), r.collectionMetrics()), updated);
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public WriteResponse deleteItem(DeleteItem.Request r) {
        ItemTable table = definitions.get(r.tableName());
        PrimaryKey key = PrimaryKey.ofKey(r.key(), table.keySchema());
        ItemChange.Delete change = new ItemChange.Delete(r.condition(), r.returnOldOnCondition());
        return transactionUnlessOneStatement(table, change, () -> delete(r, table, key, change));
    }

    private WriteResponse delete(DeleteItem.Request r, ItemTable table, PrimaryKey key, ItemChange.Delete change) {
        ItemWriter.Written written = writer.write(table, key, change, WriteLock.TAKE);
        Map<String, AttributeValue> old = written.old();
        return new WriteResponse(r.returnValues() == ReturnValues.ALL_OLD ? old : null, table.name(),
                r.consumedCapacity(), written.consumed(), collection(table, key, r.key(), r.collectionMetrics()), null);
    }

    /**
     * The size of the item collection the write touched, when asked for and the table has local secondary indexes
     * (DynamoDB returns none for other tables), measured after the write, in its transaction.
     */
    private ItemCollectionMetrics collection(ItemTable table, PrimaryKey key, Map<String, AttributeValue> keyOrItem,
                                             boolean asked) {
        if (!asked || table.indexes().stream().allMatch(SecondaryIndex::global)) {
            return null;
        }
        String hashName = table.keySchema().hash().name();
        return new ItemCollectionMetrics(Map.of(hashName, keyOrItem.get(hashName)),
                store.collectionSize(table, key.hash()));
    }

    private static Map<String, AttributeValue> nonEmpty(Map<String, AttributeValue> attributes) {
        return attributes.isEmpty() ? null : attributes;
    }
}
