package io.jynamo.ejb.write;

import io.jynamo.core.error.ConditionalCheckFailedException;
import io.jynamo.core.expression.ConditionEvaluator;
import io.jynamo.core.expression.ast.Condition;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.IndexKeys;
import io.jynamo.core.item.ItemSize;
import io.jynamo.core.item.PrimaryKey;
import io.jynamo.core.operation.ConsumedCapacity;
import io.jynamo.core.operation.Consumption;
import io.jynamo.ejb.cache.CommittedChanges;
import io.jynamo.ejb.storage.IndexStore;
import io.jynamo.ejb.storage.ItemStore;
import io.jynamo.ejb.storage.ItemTable;
import io.jynamo.ejb.storage.WriteConflictException;
import io.jynamo.ejb.storage.WriteLock;
import io.jynamo.ejb.stream.ChangeRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * The one write path of items. Every change to an item, whoever makes it (PutItem, UpdateItem, DeleteItem, each
 * write of a BatchWriteItem and of a TransactWriteItems, TTL expiry), is stored here, in the caller's transaction:
 * the item's row, its secondary index entries, its stream record and its point-in-time history, together or not at
 * all. What a write does beyond its row is added here, once.
 *
 * <p>A single write ({@link #write}) is read-check-write: it reads the item locking its row, checks the condition,
 * computes the new item ({@link ItemChange#next}, pure) and stores it. An item that does not exist has no row to
 * lock, and single writes share the item's lock, so another single write may insert it meanwhile: the insert is
 * conditional on the key being free, and a lost race starts over, now reading (and locking) the winner's item.
 * A write that needs nothing of the item it replaces ({@link #blind}) is made without reading it; on a table with
 * neither secondary indexes nor a stream it is then one statement in all ({@link #oneStatement}), which needs no
 * transaction of its own.
 *
 * <p>A transaction, which must check every condition before writing anything, and TTL expiry, which decides by
 * itself, hold their items' locks, {@link #read} the items and {@link #store} what they decided.
 *
 * <p>The locking rules (which lock, taken when, in which order) are in {@code docs/ARCHITECTURE.md}.
 */
@ApplicationScoped
public class ItemWriter {
    /** Looks at an item that other writes keep inserting and deleting, before the request starts over. */
    private static final int MAX_LOOKS = 10;

    @Inject
    private ItemStore rows;

    @Inject
    private IndexStore indexes;

    @Inject
    private ChangeRecorder changes;

    @Inject
    private CommittedChanges committed;


    /** For the container. */
    protected ItemWriter() {
    }

    /** For use outside the server (tests), over stores made by hand: no memory of reads to tell. */
    public ItemWriter(ItemStore rows, IndexStore indexes, ChangeRecorder changes) {
        this.rows = rows;
        this.indexes = indexes;
        this.changes = changes;
    }

    /**
     * The outcome of a write.
     *
     * @param old      the item replaced, null when there was none. A blind put (see above) does not know it: null.
     * @param item     the item stored, null when there is none
     * @param consumed the write units of the item and of the index entries it changed
     */
    public record Written(Map<String, AttributeValue> old, Map<String, AttributeValue> item, Consumption consumed) { }

    /**
     * Makes one single write: PutItem, UpdateItem, DeleteItem or a write of a BatchWriteItem.
     *
     * @param lock {@link WriteLock#TAKE} for a request's own write, {@link WriteLock#HELD} for a batch that took its
     *             items' locks together
     * @throws ConditionalCheckFailedException when the condition fails, carrying the units the failed write consumed
     *         (by the size of the item as it is, as DynamoDB counts them)
     */
    public Written write(ItemTable table, PrimaryKey key, ItemChange change, WriteLock lock) {
        boolean blind = blind(table, change);
        if (blind && change instanceof ItemChange.Put put) {
            checkIndexKeys(table, put.item());
            int replacedSize;
            try {
                replacedSize = rows.upsert(table, key, put.item(), put.size(), lock);
            } catch (RuntimeException e) {
                mayHaveChanged(table, key);
                throw e;
            }
            // the replaced item is not known: there is no stream record to make, which would need it
            Consumption consumed = storedAlongside(table, key, null, put.item(), ChangeRecorder.Origin.REQUEST);
            return new Written(null, put.item(), consumed.write(table.name(),
                    ConsumedCapacity.writeUnits(Math.max(replacedSize, 0), put.size())));
        }
        if (blind) {
            Map<String, AttributeValue> old;
            try {
                old = rows.delete(table, key, lock);
            } catch (RuntimeException e) {
                mayHaveChanged(table, key);
                throw e;
            }
            Consumption consumed = old == null ? new Consumption()
                    : storedAlongside(table, key, old, null, ChangeRecorder.Origin.REQUEST);
            return new Written(old, null, consumed.write(table.name(), ConsumedCapacity.writeUnits(ItemSize.ofNullable(old), 0)));
        }
        for (int attempt = 1; attempt <= MAX_LOOKS; attempt++) {
            Map<String, AttributeValue> current = rows.getForWrite(table, key, lock);
            if (!ConditionEvaluator.matches(change.condition(), current == null ? Map.of() : current)) {
                throw new ConditionalCheckFailedException(change.returnOldOnFailure() ? current : null,
                        new Consumption().write(table.name(), ConsumedCapacity.writeUnits(ItemSize.ofNullable(current), 0)));
            }
            Map<String, AttributeValue> next = change.next(current);
            Consumption consumed = store(table, key, current, next, ChangeRecorder.Origin.REQUEST);
            if (consumed != null) {
                return new Written(current, next, consumed.write(table.name(),
                        ConsumedCapacity.writeUnits(ItemSize.ofNullable(current), ItemSize.ofNullable(next))));
            }
            // another single write inserted this key since we looked: look again
        }
        // the key keeps being inserted and deleted under us: the request runs again from the start
        throw new WriteConflictException("item inserted and deleted " + MAX_LOOKS + " times under a write");
    }

    /**
     * Whether a single write needs nothing of the item it replaces: an unconditional put that returns nothing, on a
     * table without a stream (whose record would need the replaced item); an unconditional delete.
     */
    private static boolean blind(ItemTable table, ItemChange change) {
        if (!(change.condition() instanceof Condition.True)) {
            return false;
        }
        return change instanceof ItemChange.Delete
                || change instanceof ItemChange.Put put && !put.wantsOld() && table.stream() == null;
    }

    /**
     * Whether a single write is one statement and nothing else: blind, on a table with no secondary index and no
     * stream (nothing to store alongside the row; a point-in-time history record is written by the row's statement). The statement checks the table's definition before it writes
     * (see {@link ItemStore#upsert}), so such a write is safe without a transaction of its own.
     */
    public static boolean oneStatement(ItemTable table, ItemChange change) {
        return blind(table, change) && table.indexes().isEmpty() && table.stream() == null;
    }

    /** The item as it is (null: none), its row locked: for a caller holding the item's lock. */
    public Map<String, AttributeValue> read(ItemTable table, PrimaryKey key) {
        return rows.getForWrite(table, key, WriteLock.HELD);
    }

    /**
     * Stores {@code next} (null: no item) in place of {@code current}, as read under the item's lock: the row, its
     * index entries, its stream record. Returns the write units of the index entries changed (those of the item
     * itself are the caller's to count: a transaction's are twice a single write's), or null, having changed
     * nothing, when there was no item and another single write inserted one first.
     */
    public Consumption store(ItemTable table, PrimaryKey key, Map<String, AttributeValue> current,
                         Map<String, AttributeValue> next, ChangeRecorder.Origin origin) {
        if (next == null) {
            if (current == null) {
                // nothing to delete, or an update that creates nothing
                return new Consumption();
            }
            rows.delete(table, key, WriteLock.HELD);
        } else {
            checkIndexKeys(table, next);
            int size = ItemSize.of(next);
            if (current != null) {
                rows.replace(table, key, next, size);
            } else if (!rows.insertIfAbsent(table, key, next, size)) {
                return null;
            }
        }
        return storedAlongside(table, key, current, next, origin);
    }

    /**
     * What goes with every change of an item's row, in its transaction: index entries, the stream record; and, once it
     * commits, the item's going from the memory of eventually consistent reads. (The point-in-time history record
     * is part of the row's own statement: see {@link ItemStore}.) Returns the write units of the index entries.
     */
    private Consumption storedAlongside(ItemTable table, PrimaryKey key, Map<String, AttributeValue> old,
                                        Map<String, AttributeValue> next, ChangeRecorder.Origin origin) {
        Consumption consumed = indexes.update(table, key, next);
        changes.record(table, old, next, origin);
        if (committed != null) {
            committed.changed(table, key);
        }
        return consumed;
    }

    /**
     * A blind write's statement failed: without a transaction of its own it may still have committed (its answer
     * lost on the way back), so the item must not stay in memory as it was. In a transaction this is told only if it
     * commits after all.
     */
    private void mayHaveChanged(ItemTable table, PrimaryKey key) {
        if (committed != null) {
            committed.changed(table, key);
        }
    }

    /** Refuses an item whose index key attributes do not suit the table's indexes. */
    private static void checkIndexKeys(ItemTable table, Map<String, AttributeValue> item) {
        if (!table.indexes().isEmpty()) {
            IndexKeys.check(item, table.enforcedIndexes());
        }
    }
}
