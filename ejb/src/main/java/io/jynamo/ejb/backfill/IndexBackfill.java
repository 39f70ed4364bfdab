package io.jynamo.ejb.backfill;

import io.jynamo.ejb.jobs.MaintenanceTask;
import io.jynamo.ejb.jobs.Steps;
import io.jynamo.ejb.storage.IndexBackfills;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The index-backfill job: fills each global secondary index added by UpdateTable from the items its table had, in
 * batches of {@link #BATCH} (each its own transaction), while writes go on and maintain the index themselves; then
 * the index turns ACTIVE. UpdateTable starts the job at once; its schedule resumes any backfill a node left
 * unfinished (the position is kept in the database).
 */
@ApplicationScoped
public class IndexBackfill implements MaintenanceTask {
    /** Items per transaction: a write waits at most for one batch's rows. */
    static final int BATCH = 500;

    static final String NAME = "index-backfill";

    @Inject
    private IndexBackfills backfills;

    @EJB
    private BackfillService service;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Fills global secondary indexes added to existing tables from their items, then makes them ACTIVE";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofSeconds(30);
    }

    @Override
    public String run(BooleanSupplier stopping) {
        Steps.Done done = Steps.run(backfills.pending(), stopping, indexId -> service.step(indexId, BATCH),
                service::activate);
        return "filled " + done.finished() + " indexes in " + done.steps() + " batches";
    }
}
