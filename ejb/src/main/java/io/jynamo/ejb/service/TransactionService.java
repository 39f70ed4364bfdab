package io.jynamo.ejb.service;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import io.jynamo.core.error.SchemaMismatchException;
import io.jynamo.core.error.TransactionCanceledException;
import io.jynamo.core.error.TransactionCanceledException.Reason;
import io.jynamo.core.expression.ConditionEvaluator;
import io.jynamo.core.expression.Projection;
import io.jynamo.core.expression.UpdateChecks;
import io.jynamo.core.expression.UpdatedItem;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.IndexKeys;
import io.jynamo.core.item.ItemSize;
import io.jynamo.core.item.PrimaryKey;
import io.jynamo.core.operation.TransactGetItems;
import io.jynamo.core.operation.TransactWriteItems;
import io.jynamo.core.operation.TransactWriteItems.Action;
import io.jynamo.core.operation.ConsumedCapacity;
import io.jynamo.core.operation.Consumption;
import io.jynamo.ejb.storage.ItemLocks;
import io.jynamo.ejb.storage.ItemRef;
import io.jynamo.ejb.storage.ItemStore;
import io.jynamo.ejb.storage.ItemTable;
import io.jynamo.ejb.storage.ItemTables;
import io.jynamo.ejb.storage.TransactionTokens;
import io.jynamo.ejb.stream.ChangeRecorder;
import io.jynamo.ejb.write.ItemWriter;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TransactWriteItems and TransactGetItems.
 *
 * <p>A TransactWriteItems is one database transaction. It first takes every item's lock exclusively ({@link ItemLocks});
 * a lock held by another transaction or by a single write in progress cancels it with {@code TransactionConflict},
 * as DynamoDB does, instead of waiting. Holding them, it is the only writer of its items: it reads them (row locks
 * in {@link ItemRef} order), checks every condition, computes every new item, and only then writes, through the one
 * write path ({@link ItemWriter#store}). So a
 * transaction is serializable with every other write, and a crash or a cancellation at any point leaves nothing of
 * it behind.
 *
 * <p>Checks follow DynamoDB's order and channels (measured by DynamoDB conformance suites): the request's shape and
 * expressions (TransactWriteItems.parse), then missing tables, items named twice and other key problems as a
 * ValidationException; a key or index key of the wrong type as the {@code ValidationError} reason of the first action
 * with one, the others {@code None}; then conditions, every failure reported; then errors met computing an update,
 * again the first one only.
 *
 * <p>A TransactGetItems reads all its items in one statement, hence from one snapshot of the database: it sees each
 * transaction's writes all or not at all, without taking locks. DynamoDB instead cancels a TransactGetItems that meets
 * a write in progress; reading the snapshot gives the same isolation (serializable) without the failure.
 */
@Stateless
public class TransactionService {
    /** DynamoDB's message for a request naming the same item twice. */
    static final String DUPLICATE_ITEM = "Transaction request cannot include multiple operations on one item";
    /** The aggregate size of the items a TransactGetItems returns. */
    static final long MAX_READ_BYTES = 4L * 1024 * 1024;

    @Inject
    private ItemTables definitions;

    @Inject
    private ItemStore store;

    @Inject
    private ItemLocks locks;

    @Inject
    private TransactionTokens tokens;

    @Inject
    private ItemWriter writer;

    public TransactWriteItems.Response transactWriteItems(TransactWriteItems.Request r) {
        List<Action> actions = r.actions();
        List<ItemRef> items = itemRefs(actions);
        String token = r.clientRequestToken();
        if (token != null) {
            if (!locks.tryForToken(token)) {
                throw DynamoException.transactionInProgress();
            }
            TransactionTokens.Use earlier = tokens.find(token);
            if (earlier != null) {
                if (!earlier.fingerprint().equals(r.fingerprint())) {
                    throw DynamoException.idempotentParameterMismatch();
                }
                // the same request again: nothing is applied a second time
                return new TransactWriteItems.Response(r.consumedCapacity(), earlier.replayCapacity());
            }
        }
        lockAll(items);
        List<Map<String, AttributeValue>> current = readForUpdate(items);
        checkConditions(actions, current);
        List<Map<String, AttributeValue>> next = newItems(actions, items, current);

        Consumption consumed = new Consumption();
        Consumption replay = new Consumption();
        for (int i = 0; i < actions.size(); i++) {
            int size = Math.max(ItemSize.ofNullable(current.get(i)), ItemSize.ofNullable(next.get(i)));
            consumed.write(actions.get(i).tableName(), ConsumedCapacity.transactionalWriteUnits(size, 0));
            replay.read(actions.get(i).tableName(), ConsumedCapacity.transactionalReadUnits(size));
        }
        // every row is locked already, so the order of writing is free: the request's, which orders the stream records
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i) instanceof TransactWriteItems.ConditionCheck) {
                continue;
            }
            Consumption indexWrites = writer.store(items.get(i).table(), items.get(i).key(), current.get(i),
                    next.get(i), ChangeRecorder.Origin.REQUEST);
            if (indexWrites == null) {
                // the item's exclusive lock keeps every Jynamo writer away: only a writer from outside gets here
                throw new IllegalStateException("item of " + items.get(i).table().name()
                        + " inserted by another writer while this transaction held its lock");
            }
            consumed.add(indexWrites);
        }
        if (token != null) {
            tokens.record(token, new TransactionTokens.Use(r.fingerprint(), replay));
        }
        return new TransactWriteItems.Response(r.consumedCapacity(), consumed);
    }

    /** One statement, one snapshot: no transaction of its own is needed (nor its COMMIT round trip). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public TransactGetItems.Response transactGetItems(TransactGetItems.Request r) {
        List<TransactGetItems.Get> gets = r.gets();
        List<ItemRef> refs = new ArrayList<>(gets.size());
        FirstValidationError invalid = new FirstValidationError();
        for (int i = 0; i < gets.size(); i++) {
            ItemTable table = definitions.get(gets.get(i).tableName());
            try {
                refs.add(new ItemRef(table, PrimaryKey.ofKey(gets.get(i).key(), table.keySchema())));
            } catch (SchemaMismatchException e) {
                refs.add(null);
                invalid.record(i, e);
            }
        }
        checkNoDuplicates(refs);
        invalid.cancelIfAny(gets.size());
        List<Map<String, AttributeValue>> items = store.getAll(refs);
        Consumption consumed = new Consumption();
        long bytes = 0;
        List<Map<String, AttributeValue>> projected = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Map<String, AttributeValue> item = items.get(i);
            int size = ItemSize.ofNullable(item);
            bytes += size;
            // a read costs by the whole item, whatever the projection returns
            consumed.read(gets.get(i).tableName(), ConsumedCapacity.transactionalReadUnits(size));
            projected.add(item == null || gets.get(i).projection() == null ? item
                    : Projection.apply(item, gets.get(i).projection()));
        }
        if (bytes > MAX_READ_BYTES) {
            throw DynamoException.validation("Transaction payload size cannot exceed 4 MB");
        }
        return new TransactGetItems.Response(projected, r.consumedCapacity(), consumed);
    }

    /**
     * The items the actions name, checked against their tables: a missing table, an item named twice or an
     * unusable key value refuse the request; a key or index key of the wrong type cancels it with the
     * ValidationError reason of the first action that has one.
     */
    private List<ItemRef> itemRefs(List<Action> actions) {
        List<ItemRef> items = new ArrayList<>(actions.size());
        FirstValidationError invalid = new FirstValidationError();
        for (int i = 0; i < actions.size(); i++) {
            Action action = actions.get(i);
            ItemTable table = definitions.get(action.tableName());
            try {
                items.add(new ItemRef(table, keyOf(action, table)));
                checkAgainstSchema(action, table);
            } catch (SchemaMismatchException e) {
                if (items.size() == i) {
                    items.add(null);
                }
                invalid.record(i, e);
            }
        }
        checkNoDuplicates(items);
        invalid.cancelIfAny(actions.size());
        return items;
    }

    /**
     * The first action whose values do not fit its table: DynamoDB reports only that one, as its ValidationError, and
     * the others as None (it validates the actions in order and stops at the first error).
     */
    private static final class FirstValidationError {
        private int index = -1;
        private String message;

        void record(int action, SchemaMismatchException e) {
            if (index < 0) {
                index = action;
                message = e.getMessage();
            }
        }

        void cancelIfAny(int actions) {
            if (index >= 0) {
                throw TransactionCanceledException.only(actions, index, Reason.validationError(message));
            }
        }
    }

    private static PrimaryKey keyOf(Action action, ItemTable table) {
        if (action instanceof TransactWriteItems.Put put) {
            return PrimaryKey.ofItem(put.item(), table.keySchema());
        }
        return PrimaryKey.ofKey(keyMap(action), table.keySchema());
    }

    private static Map<String, AttributeValue> keyMap(Action action) {
        if (action instanceof TransactWriteItems.Update update) {
            return update.key();
        }
        if (action instanceof TransactWriteItems.Delete delete) {
            return delete.key();
        }
        return ((TransactWriteItems.ConditionCheck) action).key();
    }

    /** What can be checked of an action against its table before any item is read. */
    private static void checkAgainstSchema(Action action, ItemTable table) {
        if (action instanceof TransactWriteItems.Put put && !table.indexes().isEmpty()) {
            IndexKeys.check(put.item(), table.enforcedIndexes());
        } else if (action instanceof TransactWriteItems.Update update) {
            UpdateChecks.checkKeysUntouched(update.actions(), table.keySchema());
            UpdateChecks.checkIndexKeyValues(update.actions(), table.enforcedIndexes());
        }
    }

    private static void checkNoDuplicates(List<ItemRef> items) {
        Set<ByteBuffer> seen = new HashSet<>();
        for (ItemRef item : items) {
            if (item != null && !seen.add(item.identity())) {
                throw DynamoException.validation(DUPLICATE_ITEM);
            }
        }
    }

    /** Takes every item's lock, or cancels the transaction naming each item another write holds. */
    private void lockAll(List<ItemRef> items) {
        long[] keys = new long[items.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = items.get(i).lockKey();
        }
        boolean[] taken = locks.tryForTransaction(keys);
        List<Reason> reasons = new ArrayList<>(Collections.nCopies(items.size(), Reason.NONE));
        boolean conflict = false;
        for (int i = 0; i < taken.length; i++) {
            if (!taken[i]) {
                reasons.set(i, Reason.conflict());
                conflict = true;
            }
        }
        if (conflict) {
            throw new TransactionCanceledException(reasons);
        }
    }

    /** The items as they are (null where there is none), their rows locked in a fixed order. */
    private List<Map<String, AttributeValue>> readForUpdate(List<ItemRef> items) {
        List<Map<String, AttributeValue>> current = new ArrayList<>(Collections.nCopies(items.size(), null));
        for (int i : ItemRef.inLockOrder(items)) {
            current.set(i, writer.read(items.get(i).table(), items.get(i).key()));
        }
        return current;
    }

    /** Cancels the transaction if any condition fails, naming every action whose condition failed. */
    private static void checkConditions(List<Action> actions, List<Map<String, AttributeValue>> current) {
        List<Reason> reasons = new ArrayList<>(Collections.nCopies(actions.size(), Reason.NONE));
        boolean failed = false;
        for (int i = 0; i < actions.size(); i++) {
            Action action = actions.get(i);
            Map<String, AttributeValue> item = current.get(i);
            boolean matches;
            try {
                matches = ConditionEvaluator.matches(action.condition(), item == null ? Map.of() : item);
            } catch (DynamoException e) {
                throw cancelled(actions.size(), i, e);
            }
            if (!matches) {
                reasons.set(i, Reason.conditionalCheckFailed(action.returnOldOnCondition() ? item : null));
                failed = true;
            }
        }
        if (failed) {
            throw new TransactionCanceledException(reasons);
        }
    }

    /** What each action leaves in place of its item (null: no item); the first that cannot be computed cancels. */
    private static List<Map<String, AttributeValue>> newItems(List<Action> actions, List<ItemRef> items,
                                                             List<Map<String, AttributeValue>> current) {
        List<Map<String, AttributeValue>> next = new ArrayList<>(actions.size());
        for (int i = 0; i < actions.size(); i++) {
            Action action = actions.get(i);
            ItemTable table = items.get(i).table();
            try {
                if (action instanceof TransactWriteItems.Put put) {
                    next.add(put.item());
                } else if (action instanceof TransactWriteItems.Update update) {
                    next.add(UpdatedItem.of(current.get(i), update.key(), update.actions(), false,
                            table.keySchema(), table.enforcedIndexes()));
                } else if (action instanceof TransactWriteItems.Delete) {
                    next.add(null);
                } else {
                    next.add(current.get(i));
                }
            } catch (DynamoException e) {
                throw cancelled(actions.size(), i, e);
            }
        }
        return next;
    }

    /** An action's invalid value cancels the transaction with that action's ValidationError. */
    private static DynamoException cancelled(int actions, int index, DynamoException e) {
        if (e.type() != ErrorType.VALIDATION) {
            return e;
        }
        return TransactionCanceledException.only(actions, index, Reason.validationError(e.getMessage()));
    }

}
