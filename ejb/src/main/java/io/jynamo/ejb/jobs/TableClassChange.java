package io.jynamo.ejb.jobs;

import io.jynamo.ejb.service.TableService;
import io.jynamo.ejb.storage.Catalog;
import io.jynamo.ejb.storage.TableEntity;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The table-class job: carries out the class changes UpdateTable started, one table per transaction (see
 * {@link io.jynamo.ejb.storage.TableClassStorage}); until then DescribeTable shows the table UPDATING, as DynamoDB's is
 * while it changes a class in the background.
 */
@ApplicationScoped
public class TableClassChange implements MaintenanceTask {
    @Inject
    private Catalog catalog;

    @EJB
    private TableService tables;

    @Override
    public String name() {
        return "table-class";
    }

    @Override
    public String description() {
        return "Applies the storage settings of a table's new class (UpdateTable TableClass)";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofSeconds(10);
    }

    @Override
    public String run(BooleanSupplier stopping) {
        int changed = 0;
        for (TableEntity t : catalog.liveTables()) {
            if (stopping.getAsBoolean()) {
                break;
            }
            if (t.getTableClassPending() != null && tables.applyTableClass(t.getId())) {
                changed++;
            }
        }
        return "changed the class of " + changed + " tables";
    }
}
