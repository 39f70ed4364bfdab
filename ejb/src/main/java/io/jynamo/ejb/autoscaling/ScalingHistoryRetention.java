package io.jynamo.ejb.autoscaling;

import io.jynamo.ejb.capacity.CapacityUsage;
import io.jynamo.ejb.config.Settings;
import io.jynamo.ejb.jobs.MaintenanceTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The usage-retention job: keeps the usage per period (consumed and provisioned capacity, storage: what the cost
 * estimates read) for {@code JYNAMO_USAGE_RETENTION_DAYS} (35: a billing month and some), and scaling activities for
 * six weeks (as DescribeScalingActivities shows them).
 */
@ApplicationScoped
public class ScalingHistoryRetention implements MaintenanceTask {
    private final Duration usageKept = Duration.ofDays(Long.parseLong(
            Settings.get("jynamo.usage.retention-days", "JYNAMO_USAGE_RETENTION_DAYS", "35")));
    static final Duration ACTIVITIES_KEPT = Duration.ofDays(42);

    @Inject
    private CapacityUsage usage;

    @Inject
    private ScalingCatalog scaling;

    @Override
    public String name() {
        return "usage-retention";
    }

    @Override
    public String description() {
        return "Deletes usage older than " + usageKept.toDays() + " days and scaling activities older than six weeks";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofHours(1);
    }

    @Override
    public String run(BooleanSupplier stopping) {
        Instant now = Instant.now();
        int periods = usage.forgetBefore(now.minus(usageKept));
        int activities = scaling.forgetActivities(now.minus(ACTIVITIES_KEPT));
        return "deleted " + periods + " usage rows and " + activities + " scaling activities";
    }
}
