package io.jynamo.ejb.autoscaling;

import io.jynamo.core.autoscaling.ScalableResource;
import io.jynamo.core.autoscaling.ScalableTarget;
import io.jynamo.core.autoscaling.ScalingPolicy;
import io.jynamo.ejb.capacity.CapacityUsage;
import io.jynamo.ejb.jobs.MaintenanceTask;
import io.jynamo.ejb.storage.Catalog;
import io.jynamo.ejb.storage.TableEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The auto-scaling job: target tracking as DynamoDB's policies do it, from the capacity consumed per period
 * ({@link CapacityUsage}; a minute, CloudWatch's period). Its alarms, in periods of consumed units:
 * <ul>
 * <li>AlarmHigh: the last 2 periods each above the target utilization of the provisioned capacity: scale out to the
 *     capacity at which the last period's use is at the target (consumed / target, rounded up);</li>
 * <li>AlarmLow: the last 15 periods each more than 20 points below the target (a period without use counts as 0):
 *     scale in to the capacity at which the busiest of them is at the target;</li>
 * </ul>
 * within the target's bounds, after the policy's cooldowns (from the last scale-out and scale-in), unless scaling in
 * or out is suspended or scale-in disabled. Each change is a scaling activity; a change DynamoDB refuses (the daily
 * decrease quota, say) is a failed one.
 */
@ApplicationScoped
public class TargetTracking implements MaintenanceTask {
    static final int HIGH_PERIODS = 2;
    static final int LOW_PERIODS = 15;
    static final double LOW_MARGIN = 20;

    @Inject
    private ScalingCatalog scaling;

    @Inject
    private CapacityUsage usage;

    @Inject
    private Catalog catalog;

    @Inject
    private CapacityScaler scaler;

    @Override
    public String name() {
        return "auto-scaling";
    }

    @Override
    public String description() {
        return "Tracks the targets of Application Auto Scaling's policies: scales provisioned capacity out and in";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofMinutes(1);
    }

    @Override
    public String run(BooleanSupplier stopping) {
        int out = 0;
        int in = 0;
        int tracked = 0;
        for (ScalingCatalog.Tracked t : scaling.tracked()) {
            if (stopping.getAsBoolean()) {
                break;
            }
            tracked++;
            for (ScalingPolicy policy : t.policies()) {
                String moved = track(t.target(), policy);
                out += "out".equals(moved) ? 1 : 0;
                in += "in".equals(moved) ? 1 : 0;
            }
        }
        return "tracked " + tracked + " targets: " + out + " scaled out, " + in + " scaled in";
    }

    /** Evaluates the policy's alarms and scales; "out", "in", or null when nothing changed. */
    private String track(ScalableTarget target, ScalingPolicy policy) {
        ScalableResource r = target.resource();
        Long provisioned = scaler.current(r);
        TableEntity table = catalog.find(r.tableName()).orElse(null);
        if (provisioned == null || table == null) {
            return null;
        }
        Duration period = usage.period();
        Instant end = usage.settledUntil();
        Instant start = end.minus(period.multipliedBy(LOW_PERIODS));
        Map<Instant, Double> consumed = usage.consumed(table.getId(), r.indexName() == null ? "" : r.indexName(),
                r.write(), start, end);
        double seconds = period.toMillis() / 1000.0;
        ScalingPolicy.TargetTracking c = policy.configuration();
        double aim = c.targetValue() / 100;

        double last = rate(consumed, end.minus(period), seconds);
        boolean high = true;
        for (int i = 1; i <= HIGH_PERIODS; i++) {
            high &= rate(consumed, end.minus(period.multipliedBy(i)), seconds) > provisioned * aim;
        }
        if (high && !target.suspended().dynamicScalingOut() && cooledDown(r, "out", c.scaleOutCooldown())) {
            long wanted = Math.min(target.maxCapacity(), (long) Math.ceil(last / aim));
            if (wanted > provisioned && scaler.scale(r, wanted, "out", cause(policy, "AlarmHigh"))) {
                return "out";
            }
            return null;
        }
        // scale-in needs a full window of the policy's periods
        if (c.disableScaleIn() || target.suspended().dynamicScalingIn() || policy.creationTime().isAfter(start)
                || !cooledDown(r, "in", c.scaleInCooldown())) {
            return null;
        }
        double busiest = 0;
        for (int i = 1; i <= LOW_PERIODS; i++) {
            double rate = rate(consumed, end.minus(period.multipliedBy(i)), seconds);
            if (rate >= provisioned * (c.targetValue() - LOW_MARGIN) / 100) {
                return null;
            }
            busiest = Math.max(busiest, rate);
        }
        long wanted = Math.max(target.minCapacity(), (long) Math.ceil(busiest / aim));
        if (wanted < provisioned && scaler.scale(r, wanted, "in", cause(policy, "AlarmLow"))) {
            return "in";
        }
        return null;
    }

    private static double rate(Map<Instant, Double> consumed, Instant period, double seconds) {
        return consumed.getOrDefault(period, 0.0) / seconds;
    }

    private boolean cooledDown(ScalableResource r, String direction, int cooldownSeconds) {
        Instant last = scaling.lastScaled(r, direction);
        return last == null || last.plusSeconds(cooldownSeconds).isBefore(Instant.now());
    }

    private static String cause(ScalingPolicy policy, String alarm) {
        return "monitor alarm " + policy.alarm(alarm) + " in state ALARM triggered policy " + policy.name();
    }
}
