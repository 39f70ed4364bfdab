package io.jynamo.ejb.backup;

import io.jynamo.ejb.config.Settings;
import io.jynamo.ejb.jobs.MaintenanceTask;
import io.jynamo.ejb.jobs.Steps;
import io.jynamo.ejb.storage.TableRestores;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The table-restore job: fills each table being restored from its source, {@link #BATCH} items per transaction, then
 * makes it ACTIVE. A restore starts it at once; its schedule resumes any restore a node left unfinished, from the
 * position its last committed step recorded.
 */
@ApplicationScoped
public class TableRestore implements MaintenanceTask {
    /** Items per transaction ({@code JYNAMO_RESTORE_BATCH_ITEMS}: smaller in a test that kills a restore halfway). */
    static final int BATCH = Integer.parseInt(Settings.get("jynamo.restore.batch-items", "JYNAMO_RESTORE_BATCH_ITEMS",
            "2000"));

    static final String NAME = "table-restore";

    @Inject
    private TableRestores restores;

    @EJB
    private BackupService service;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Fills tables being restored from their backup or point in time, then makes them ACTIVE";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofSeconds(30);
    }

    @Override
    public String run(BooleanSupplier stopping) {
        // WAITING: its source is still being made, and the job is started again once it is
        Steps.Done done = Steps.run(restores.pending(), stopping, tableId -> service.restoreStep(tableId, BATCH),
                service::finishRestore);
        return "restored " + done.finished() + " tables in " + done.steps() + " batches";
    }
}
