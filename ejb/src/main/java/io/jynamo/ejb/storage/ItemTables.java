package io.jynamo.ejb.storage;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.table.TableStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Table definitions for item operations, kept on each node so that an item request does not read the catalog: the
 * catalog query was a quarter of the server's CPU time per GetItem (see the Performance section of README.md).
 *
 * <p>Nodes do not tell each other about changes, so a definition held here may be out of date, and every use copes
 * with that:
 * <ul>
 * <li>A deleted table's partition is gone. A statement on it fails with "relation does not exist", which becomes a
 *     {@link StaleTableException}, and the request runs again with the catalog's answer: no such table, or the table
 *     re-created under the same name with a new partition.</li>
 * <li>A write reads the catalog row's version in the statement that writes the item (see {@link ItemStore}) and
 *     starts over when it differs from the definition's. Index changes hold a SHARE lock on the item partition
 *     ({@link Catalog}) that writes wait for, and PostgreSQL takes a statement's snapshot after its locks, so a
 *     write made with an out-of-date list of indexes always sees the newer version: no index misses an item.</li>
 * <li>A Query or Scan naming an index this node does not know reads the catalog again before saying there is none.
 * <li>What a request decides from the definition alone before it touches storage (the checks on index key values of
 *     an update) can lag a change made on another node by up to {@link #MAX_AGE_NANOS}; entries are re-read after
 *     that long. Changes made on this node take effect at once ({@link TableChanged}).</li>
 * </ul>
 */
@ApplicationScoped
public class ItemTables {
    /** How long a definition is used before it is read again. */
    static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private record Entry(ItemTable table, long readAt) { }

    private final ConcurrentMap<String, Entry> tables = new ConcurrentHashMap<>();

    /**
     * Counts the definitions dropped: a definition read from the catalog is kept only if none was dropped while it
     * was read, or one read before a change committed could outlive the change's {@link #forget}.
     */
    private final AtomicLong forgotten = new AtomicLong();

    @Inject
    private Catalog catalog;

    /** The table of this name; ResourceNotFoundException when there is none. */
    public ItemTable get(String name) {
        long now = System.nanoTime();
        Entry entry = tables.get(name);
        if (entry != null && now - entry.readAt() < MAX_AGE_NANOS) {
            return entry.table();
        }
        return read(name, now);
    }

    /** The table of this name, read again from the catalog if the definition held here lacks the index. */
    public ItemTable get(String name, String indexName) {
        ItemTable table = get(name);
        if (indexName != null && table.index(indexName) == null) {
            table = read(name, System.nanoTime());
        }
        return table;
    }

    /** Drops the definition held for this table (null: none); the next request reads the catalog. */
    public void forget(String name) {
        if (name != null) {
            forgotten.incrementAndGet();
            tables.remove(name);
        }
    }

    void changed(@Observes(during = TransactionPhase.AFTER_COMPLETION) TableChanged event) {
        forget(event.tableName());
    }

    private ItemTable read(String name, long now) {
        long dropped = forgotten.get();
        // a table being created or deleted has no items to serve (DynamoDB's answer is the same as for none)
        ItemTable table = catalog.find(name).filter(t -> catalog.status(t) == TableStatus.ACTIVE)
                .map(catalog::itemTable).orElse(null);
        if (table == null) {
            tables.remove(name);
            throw DynamoException.tableNotFound();
        }
        if (forgotten.get() == dropped) {
            tables.put(name, new Entry(table, now));
        }
        return table;
    }
}
