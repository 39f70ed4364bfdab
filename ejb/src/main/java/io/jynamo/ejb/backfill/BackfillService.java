package io.jynamo.ejb.backfill;

import io.jynamo.core.table.SecondaryIndex;
import io.jynamo.ejb.jobs.Steps;
import io.jynamo.ejb.storage.Catalog;
import io.jynamo.ejb.storage.IndexBackfills;
import io.jynamo.ejb.storage.ItemTable;
import io.jynamo.ejb.storage.TableEntity;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * The transactions of a backfill: each step fills the index from the next batch of items, in a transaction of its
 * own, so writes to the table wait at most for one batch; the last one marks the index ACTIVE.
 */
@Stateless
public class BackfillService {
    @Inject
    private IndexBackfills backfills;

    @Inject
    private Catalog catalog;

    /** Indexes the next {@code batch} items of the index's table: DONE when none are left (or the index is gone). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Steps.Outcome step(long indexId, int batch) {
        IndexBackfills.Backfill backfill = backfills.lock(indexId);
        if (backfill == null) {
            return Steps.Outcome.DONE;
        }
        TableEntity t = catalog.byId(backfill.tableId()).orElse(null);
        SecondaryIndex index = t == null ? null : Catalog.indexes(t).stream().filter(i -> i.id() == indexId)
                .findFirst().orElse(null);
        if (index == null) {
            // the table or the index was deleted meanwhile
            backfills.forget(indexId);
            return Steps.Outcome.DONE;
        }
        ItemTable table = catalog.itemTable(t);
        return backfills.step(backfill, table, index, batch) < batch ? Steps.Outcome.DONE : Steps.Outcome.MORE;
    }

    /**
     * Marks a filled index ACTIVE, so that queries may read it, and forgets its backfill. Locks the catalog row
     * before the backfill's, in the order UpdateTable takes them when it deletes the index.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void activate(long indexId) {
        IndexBackfills.Backfill peek = backfills.find(indexId);
        if (peek == null) {
            return;
        }
        TableEntity t = catalog.byIdForUpdate(peek.tableId()).orElse(null);
        if (t == null || backfills.lock(indexId) == null) {
            // the table or the index was deleted meanwhile
            return;
        }
        catalog.activateIndex(t, indexId);
        backfills.forget(indexId);
    }
}
