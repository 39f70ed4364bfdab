package io.jynamo.ejb.transfer;

import io.jynamo.ejb.backup.LongTransactions;
import io.jynamo.ejb.jobs.MaintenanceTask;
import io.jynamo.ejb.jobs.Steps;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The table-import job: reads each import's objects, one per transaction (the last one read recorded with its
 * counts), into its staging backup, then hands the table to the table-restore job. An import starts it at once; its
 * schedule resumes any import a node left unfinished, from the object after the last one read.
 */
@ApplicationScoped
public class TableImport implements MaintenanceTask {
    public static final String NAME = "table-import";

    @EJB
    private ImportService service;

    @EJB
    private LongTransactions transactions;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Reads the S3 objects of imports into new tables";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofSeconds(30);
    }

    @Override
    public String run(BooleanSupplier stopping) {
        Steps.Done done = TransferSteps.run(stopping, transactions, service);
        return "read " + done.finished() + " imports in " + done.steps() + " objects";
    }
}
