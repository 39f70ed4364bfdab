package io.jynamo.ejb.backup;

import io.jynamo.ejb.jobs.MaintenanceScheduler;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * Starts the job that does a backup call's work as soon as the call has committed; the jobs' schedules pick up what
 * a node left unfinished (after a crash, say).
 */
@ApplicationScoped
public class BackupWorkTrigger {
    @EJB
    private MaintenanceScheduler scheduler;

    void requested(@Observes(during = TransactionPhase.AFTER_SUCCESS) BackupWork work) {
        switch (work) {
            case BACKUP -> scheduler.runNow(BackupCreation.NAME);
            case RESTORE -> scheduler.runNow(TableRestore.NAME);
            case STATE -> {
                scheduler.runNow(TableRestore.NAME);
                scheduler.runNow(io.jynamo.ejb.transfer.TableExport.NAME);
            }
            case IMPORT -> scheduler.runNow(io.jynamo.ejb.transfer.TableImport.NAME);
            default -> throw new IllegalStateException(work.name());
        }
    }
}
