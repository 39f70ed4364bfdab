package io.jynamo.ejb.backup;

import io.jynamo.ejb.jobs.MaintenanceTask;
import io.jynamo.ejb.storage.BackupCatalog;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The backup-create job: copies the items of each backup that is CREATING, one backup per transaction (one snapshot
 * of its table), and makes it AVAILABLE. CreateBackup starts it at once; its schedule copies any backup a node left
 * CREATING (a copy that did not commit left nothing behind, and is simply made again).
 */
@ApplicationScoped
public class BackupCreation implements MaintenanceTask {

    static final String NAME = "backup-create";

    @Inject
    private BackupCatalog backups;

    @EJB
    private BackupService service;

    @EJB
    private LongTransactions transactions;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Copies the items of requested backups (one snapshot each) and makes them AVAILABLE";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofSeconds(30);
    }

    @Override
    public String run(BooleanSupplier stopping) {
        int copied = 0;
        int failed = 0;
        for (long id : backups.creating()) {
            if (stopping.getAsBoolean()) {
                break;
            }
            if (transactions.attempt("copying backup " + id, () -> service.copy(id))) {
                copied++;
            } else {
                failed++;
            }
        }
        return "copied " + copied + " backups" + (failed == 0 ? "" : ", " + failed + " failed (tried again next run)");
    }
}
