package io.jynamo.ejb.cache;

import io.jynamo.core.item.PrimaryKey;
import io.jynamo.ejb.storage.ItemTable;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * Tells the memory of eventually consistent reads ({@link MemoryReads}) which items a transaction changed, once it
 * has committed: the write path reports each change as it is stored, and the list goes out after the commit (before
 * it, a read could load the old item again and keep it).
 */
@ApplicationScoped
public class CommittedChanges {
    private static final Object KEY = new Object();

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @Inject
    private MemoryReads memory;

    private record Change(ItemTable table, PrimaryKey key) { }

    /** An item the current transaction changes. */
    public void changed(ItemTable table, PrimaryKey key) {
        if (transactions.getTransactionKey() == null) {
            memory.committed(table, key);
            return;
        }
        @SuppressWarnings("unchecked")
        List<Change> changes = (List<Change>) transactions.getResource(KEY);
        if (changes == null) {
            List<Change> list = new ArrayList<>();
            transactions.putResource(KEY, list);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    // a rollback changed nothing; any other outcome (committed, unknown, heuristic) may have
                    if (status != Status.STATUS_ROLLEDBACK) {
                        list.forEach(c -> memory.committed(c.table(), c.key()));
                    }
                }
            });
            changes = list;
        }
        changes.add(new Change(table, key));
    }
}
