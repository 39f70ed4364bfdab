package io.jynamo.ejb.service;

import io.jynamo.core.error.ConditionalCheckFailedException;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.expression.ConditionEvaluator;
import io.jynamo.core.expression.Projection;
import io.jynamo.core.expression.UpdatedItem;
import io.jynamo.core.expression.UpdateChecks;
import io.jynamo.core.expression.ast.Condition;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.ItemSize;
import io.jynamo.core.item.PrimaryKey;
import io.jynamo.core.operation.ConsumedCapacity;
import io.jynamo.core.operation.DeleteItem;
import io.jynamo.core.operation.GetItem;
import io.jynamo.core.operation.PutItem;
import io.jynamo.core.operation.ReturnValues;
import io.jynamo.core.operation.UpdateItem;
import io.jynamo.core.operation.WriteResponse;
import io.jynamo.ejb.storage.ItemStore;
import io.jynamo.ejb.stream.ChangeRecorder;
import io.jynamo.ejb.storage.ItemTables;
import io.jynamo.ejb.storage.ItemTable;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * Single-item reads and writes: PutItem, GetItem, UpdateItem, DeleteItem. Each write is one transaction, with its
 * index entries. The table's definition comes from {@link ItemTables}; a write made with an out-of-date one fails
 * with a StaleTableException before it commits, and is run again.
 *
 * <p>A write that needs the current item (a condition, old values to return, an update) reads it with a row lock,
 * decides, and writes in the same transaction. An item that does not exist yet cannot be locked: its insert is made
 * conditional on the key still being free, and a lost race starts the read-decide-write over, now seeing (and
 * locking) the winner's item. Evaluation has no side effects, so starting over is safe.
 *
 * <p>The first statement of every write also takes the item's single-write lock ({@link
 * io.jynamo.ejb.storage.ItemLocks}): a write to an item a transaction is writing is refused with DynamoDB's
 * TransactionConflictException instead of waiting for it. Taking it in the same statement costs no round trip.
 */
@Stateless
public class ItemService {
    @Inject
    private ItemTables definitions;

    @Inject
    private ItemStore store;

    @Inject
    private ChangeRecorder changes;

    public WriteResponse putItem(PutItem.Request r) {
        ItemTable table = definitions.get(r.tableName());
        PrimaryKey key = PrimaryKey.ofItem(r.item(), table.keySchema());
        // the one-statement put does not see the item it replaces, which a stream record needs
        if (r.condition() instanceof Condition.True && r.returnValues() == ReturnValues.NONE && table.stream() == null) {
            store.putAsSingleWrite(table, key, r.item(), r.itemSize());
            return new WriteResponse(null, table.name(), r.consumedCapacity(),
                    ConsumedCapacity.writeUnits(0, r.itemSize()));
        }
        Map<String, AttributeValue> old = write(table, key, r.condition(), r.returnOldOnCondition(),
                current -> r.item()).old();
        double units = ConsumedCapacity.writeUnits(old == null ? 0 : ItemSize.of(old), r.itemSize());
        return new WriteResponse(r.returnValues() == ReturnValues.ALL_OLD ? old : null, table.name(),
                r.consumedCapacity(), units);
    }

    /** One statement, so no transaction of its own (which would cost a COMMIT round trip to PostgreSQL). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public GetItem.Response getItem(GetItem.Request r) {
        ItemTable table = definitions.get(r.tableName());
        PrimaryKey key = PrimaryKey.ofKey(r.key(), table.keySchema());
        Map<String, AttributeValue> item = store.get(table, key);
        // a read costs by the whole item, whatever the projection returns
        double units = ConsumedCapacity.readUnits(item == null ? 0 : ItemSize.of(item), r.consistentRead());
        if (item != null && r.projection() != null) {
            item = Projection.apply(item, r.projection());
        }
        return new GetItem.Response(item, table.name(), r.consumedCapacity(), units);
    }

    public WriteResponse updateItem(UpdateItem.Request r) {
        ItemTable table = definitions.get(r.tableName());
        PrimaryKey key = PrimaryKey.ofKey(r.key(), table.keySchema());
        UpdateChecks.checkKeysUntouched(r.actions(), table.keySchema());
        UpdateChecks.checkIndexKeyValues(r.actions(), table.indexes());
        Written written = write(table, key, r.condition(), r.returnOldOnCondition(),
                current -> UpdatedItem.of(current, r.key(), r.actions(), r.legacy(), table.keySchema(),
                        table.indexes()));
        Map<String, AttributeValue> old = written.old();
        Map<String, AttributeValue> updated = written.item();
        double units = ConsumedCapacity.writeUnits(old == null ? 0 : ItemSize.of(old),
                updated == null ? 0 : ItemSize.of(updated));
        Map<String, AttributeValue> attributes = switch (r.returnValues()) {
            case ALL_OLD -> old;
            case ALL_NEW -> updated;
            case UPDATED_OLD -> old == null ? null : nonEmpty(Projection.apply(old, UpdateChecks.paths(r.actions())));
            case UPDATED_NEW -> updated == null ? null
                    : nonEmpty(Projection.apply(updated, UpdateChecks.paths(r.actions())));
            default -> null;
        };
        return new WriteResponse(attributes, table.name(), r.consumedCapacity(), units);
    }

    public WriteResponse deleteItem(DeleteItem.Request r) {
        ItemTable table = definitions.get(r.tableName());
        PrimaryKey key = PrimaryKey.ofKey(r.key(), table.keySchema());
        Map<String, AttributeValue> old;
        if (r.condition() instanceof Condition.True) {
            old = store.deleteAsSingleWrite(table, key);
        } else {
            old = store.getForSingleWrite(table, key);
            check(r.condition(), old, r.returnOldOnCondition());
            if (old != null) {
                store.delete(table, key);
            }
        }
        changes.record(table, old, null, ChangeRecorder.Origin.REQUEST);
        double units = ConsumedCapacity.writeUnits(old == null ? 0 : ItemSize.of(old), 0);
        return new WriteResponse(r.returnValues() == ReturnValues.ALL_OLD ? old : null, table.name(),
                r.consumedCapacity(), units);
    }

    /** What a write puts in place of the current item (null when there is none). */
    @FunctionalInterface
    private interface NewItem {
        Map<String, AttributeValue> from(Map<String, AttributeValue> current);
    }

    /** The outcome of a write: the item replaced (null if none) and the item written. */
    private record Written(Map<String, AttributeValue> old, Map<String, AttributeValue> item) { }

    /**
     * Read-decide-write of one item under its row lock: checks the condition against the current item and writes
     * what {@code newItem} makes of it.
     */
    private Written write(ItemTable table, PrimaryKey key, Condition condition,
                                              boolean returnOldOnFailure, NewItem newItem) {
        while (true) {
            Map<String, AttributeValue> current = store.getForSingleWrite(table, key);
            check(condition, current, returnOldOnFailure);
            Map<String, AttributeValue> item = newItem.from(current);
            if (item == null) {
                // an update that removes things from an item that does not exist creates nothing
                return new Written(null, null);
            }
            int size = ItemSize.of(item);
            if (current != null) {
                store.replace(table, key, item, size);
                changes.record(table, current, item, ChangeRecorder.Origin.REQUEST);
                return new Written(current, item);
            }
            if (store.insertIfAbsent(table, key, item, size)) {
                changes.record(table, null, item, ChangeRecorder.Origin.REQUEST);
                return new Written(null, item);
            }
            // another transaction inserted this key since we looked: look again
        }
    }

    private static void check(Condition condition, Map<String, AttributeValue> current, boolean returnOld) {
        if (!ConditionEvaluator.matches(condition, current == null ? Map.of() : current)) {
            throw new ConditionalCheckFailedException(returnOld ? current : null);
        }
    }

    private static Map<String, AttributeValue> nonEmpty(Map<String, AttributeValue> attributes) {
        return attributes.isEmpty() ? null : attributes;
    }
}
