package io.jynamo.ejb.transfer;

import io.jynamo.ejb.backup.LongTransactions;
import io.jynamo.ejb.jobs.MaintenanceTask;
import io.jynamo.ejb.jobs.Steps;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The table-export job: writes each export in progress, a data file per transaction (its position recorded with the
 * file), then its manifests. An export starts it once its states are made; its schedule resumes any export a node
 * left unfinished, from its last recorded data file.
 */
@ApplicationScoped
public class TableExport implements MaintenanceTask {
    public static final String NAME = "table-export";

    @EJB
    private ExportService service;

    @EJB
    private LongTransactions transactions;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Writes exports to S3: their data files, then their manifests";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofSeconds(30);
    }

    @Override
    public String run(BooleanSupplier stopping) {
        // WAITING: its states are still being made, and the job is started again once they are
        Steps.Done done = TransferSteps.run(stopping, transactions, service);
        return "completed " + done.finished() + " exports in " + done.steps() + " steps";
    }
}
