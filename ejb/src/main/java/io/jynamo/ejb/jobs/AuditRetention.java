package io.jynamo.ejb.jobs;

import io.jynamo.ejb.config.Settings;
import io.jynamo.ejb.security.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.BooleanSupplier;

/**
 * Keeps the audit trail to its retention ({@code JYNAMO_AUDIT_RETENTION_DAYS}, 90 by default): drops the days past
 * it, and makes the partitions of the next days so that no audited request has to.
 */
@ApplicationScoped
public class AuditRetention implements MaintenanceTask {
    private static final int DAYS_AHEAD = 3;

    @Inject
    private AuditLog audit;

    @Override
    public String name() {
        return "audit-retention";
    }

    @Override
    public String description() {
        return "Drops audit events older than the retention and makes the coming days' partitions";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofHours(1);
    }

    @Override
    public String run(BooleanSupplier stopping) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int d = 0; d <= DAYS_AHEAD; d++) {
            audit.ensureDay(today.plusDays(d));
        }
        long retention = Long.parseLong(Settings.get("jynamo.audit.retention-days", "JYNAMO_AUDIT_RETENTION_DAYS",
                "90"));
        return "dropped " + audit.dropDaysBefore(today.minusDays(retention)) + " days of audit events";
    }

    @Override
    public void atStartup() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int d = 0; d <= DAYS_AHEAD; d++) {
            audit.ensureDay(today.plusDays(d));
        }
    }
}
