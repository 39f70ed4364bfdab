package io.jynamo.ejb.jobs;

import io.jynamo.ejb.storage.Catalog;
import io.jynamo.ejb.storage.ReportingViews;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Makes the reporting view of every table that has none: the tables created before the reporting schema existed
 * (CreateTable, restores and imports make their views themselves, with their partitions).
 */
@ApplicationScoped
public class ReportingViewRepair implements MaintenanceTask {
    @Inject
    private Catalog catalog;

    @Inject
    private ReportingViews views;

    @Override
    public String name() {
        return "reporting-views";
    }

    @Override
    public String description() {
        return "Makes the SQL reporting views (schema reporting) of tables that have none";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofHours(1);
    }

    @Override
    @Transactional
    public String run(BooleanSupplier stopping) {
        int made = 0;
        for (long id : views.missing()) {
            catalog.createReportingViews(id);
            made++;
        }
        return "made " + made + " reporting views";
    }
}
