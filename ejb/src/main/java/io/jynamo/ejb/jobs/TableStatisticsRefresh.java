package io.jynamo.ejb.jobs;

import io.jynamo.ejb.storage.Catalog;
import io.jynamo.ejb.storage.TableEntity;
import io.jynamo.ejb.storage.TableStatistics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The table-statistics job: measures every table's and index's item count and size for DescribeTable, every six
 * hours as DynamoDB does ("DynamoDB updates this value approximately every six hours"), one partition at a time.
 */
@ApplicationScoped
public class TableStatisticsRefresh implements MaintenanceTask {
    @Inject
    private Catalog catalog;

    @Inject
    private TableStatistics statistics;

    @Override
    public String name() {
        return "table-statistics";
    }

    @Override
    public String description() {
        return "Measures each table's and index's item count and size, which DescribeTable reports";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofHours(6);
    }

    @Override
    public String run(BooleanSupplier stopping) {
        int measured = 0;
        for (TableEntity t : catalog.liveTables()) {
            for (String partition : catalog.partitions(t)) {
                if (stopping.getAsBoolean()) {
                    return "measured " + measured + " partitions (stopped early)";
                }
                if (statistics.measure(t.getId(), partition)) {
                    measured++;
                }
            }
        }
        return "measured " + measured + " partitions";
    }
}
