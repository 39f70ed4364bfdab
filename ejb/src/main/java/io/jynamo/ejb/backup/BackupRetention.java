package io.jynamo.ejb.backup;

import io.jynamo.ejb.jobs.MaintenanceTask;
import io.jynamo.ejb.storage.Catalog;
import io.jynamo.ejb.storage.TableEntity;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The backup-retention job: carries out the tables' backup plans ({@link BackupPlan}, the tag
 * {@value BackupPlan#TAG}): a SYSTEM backup of each table whose last one is as old as its plan's interval, kept as
 * long as the plan says; and deletes the SYSTEM backups past their expiry (BackupExpiryDateTime), whether their table
 * still has a plan or not, or still exists.
 */
@ApplicationScoped
public class BackupRetention implements MaintenanceTask {
    @Inject
    private Catalog catalog;

    @EJB
    private BackupService service;

    @Override
    public String name() {
        return "backup-retention";
    }

    @Override
    public String description() {
        return "Makes the backups of tables with a backup plan (tag " + BackupPlan.TAG + ") and deletes expired "
                + "SYSTEM backups";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofMinutes(10);
    }

    @Override
    public String run(BooleanSupplier stopping) {
        int made = 0;
        List<String> invalid = new ArrayList<>();
        for (TableEntity t : catalog.liveTables()) {
            if (stopping.getAsBoolean()) {
                break;
            }
            Optional<String> tag = BackupPlan.tagged(Catalog.tags(t));
            if (tag.isEmpty()) {
                continue;
            }
            Optional<BackupPlan> plan = BackupPlan.parse(tag.get());
            if (plan.isEmpty()) {
                invalid.add(t.getName());
                continue;
            }
            if (service.backUpIfDue(t.getName(), plan.get(), Instant.now())) {
                made++;
            }
        }
        int deleted = service.deleteExpired(Instant.now());
        return "made " + made + " planned backups, deleted " + deleted + " expired"
                + (invalid.isEmpty() ? "" : "; plans not understood (want \"every=1d keep=30d\"): " + invalid);
    }
}
