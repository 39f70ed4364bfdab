package io.jynamo.ejb.jobs;

import io.jynamo.ejb.storage.Catalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Forgets deleted tables once their DELETING while is over. Until then their catalog rows answer DescribeTable with
 * DELETING; after it, every lookup ignores them anyway, so this only keeps the catalog small.
 */
@ApplicationScoped
public class DeletedTablePurge implements MaintenanceTask {
    @Inject
    private Catalog catalog;

    @Override
    public String name() {
        return "deleted-table-purge";
    }

    @Override
    public String description() {
        return "Forgets deleted tables once they are no longer shown as DELETING";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofMinutes(10);
    }

    @Override
    @Transactional
    public String run(BooleanSupplier stopping) {
        return "forgot " + catalog.purgeDeleted() + " deleted tables";
    }
}
