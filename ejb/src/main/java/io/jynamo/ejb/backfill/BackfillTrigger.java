package io.jynamo.ejb.backfill;

import io.jynamo.ejb.jobs.MaintenanceScheduler;
import io.jynamo.ejb.storage.IndexAdded;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/** Starts the index-backfill job as soon as an UpdateTable that added an index has committed. */
@ApplicationScoped
public class BackfillTrigger {
    @EJB
    private MaintenanceScheduler scheduler;

    void indexAdded(@Observes(during = TransactionPhase.AFTER_SUCCESS) IndexAdded event) {
        scheduler.runNow(IndexBackfill.NAME);
    }
}
