package io.jynamo.ejb.autoscaling;

import io.jynamo.ejb.capacity.CapacityUsage;
import io.jynamo.ejb.jobs.MaintenanceTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The usage-retention job: keeps the capacity used per period for 15 days (as CloudWatch keeps one-minute data points)
 * and scaling activities for six weeks (as DescribeScalingActivities shows them).
 */
@ApplicationScoped
public class ScalingHistoryRetention implements MaintenanceTask {
    static final Duration USAGE_KEPT = Duration.ofDays(15);
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
        return "Deletes capacity usage older than 15 days and scaling activities older than six weeks";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofHours(1);
    }

    @Override
    public String run(BooleanSupplier stopping) {
        Instant now = Instant.now();
        int periods = usage.forgetBefore(now.minus(USAGE_KEPT));
        int activities = scaling.forgetActivities(now.minus(ACTIVITIES_KEPT));
        return "deleted " + periods + " usage rows and " + activities + " scaling activities";
    }
}
