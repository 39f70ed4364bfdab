package io.jynamo.core.autoscaling;

import java.time.Instant;
import java.util.List;

/**
 * A target-tracking scaling policy, as DescribeScalingPolicies shows it.
 *
 * @param alarms the names of the alarms the policy watches with (AlarmHigh, AlarmLow, ProvisionedCapacityHigh,
 *               ProvisionedCapacityLow; no AlarmLow when scale-in is disabled), as DynamoDB's target tracking names them
 */
public record ScalingPolicy(String arn, String name, ScalableResource resource, TargetTracking configuration,
                            List<String> alarms, Instant creationTime) {

    /**
     * The alarms DynamoDB's target tracking creates for a policy, named as it names them: {@code
     * TargetTracking-<resource id>-AlarmHigh-<uuid>} and so on (no AlarmLow when scale-in is disabled).
     */
    public static List<String> alarmNames(ScalableResource r, String alarmId, boolean disableScaleIn) {
        String prefix = "TargetTracking-" + r.resourceId() + "-";
        List<String> kinds = disableScaleIn
                ? List.of("AlarmHigh", "ProvisionedCapacityHigh", "ProvisionedCapacityLow")
                : List.of("AlarmHigh", "AlarmLow", "ProvisionedCapacityHigh", "ProvisionedCapacityLow");
        return kinds.stream().map(k -> prefix + k + "-" + alarmId).toList();
    }

    /** The name of the alarm whose state triggers a scale-out ("AlarmHigh") or a scale-in ("AlarmLow"). */
    public String alarm(String kind) {
        return alarms.stream().filter(a -> a.contains("-" + kind + "-")).findFirst().orElseThrow();
    }

    /**
     * TargetTrackingScalingPolicyConfiguration with a predefined DynamoDB metric.
     *
     * @param targetValue      the utilization aimed at, in percent of the provisioned capacity
     * @param scaleOutCooldown seconds after a scale-out before another (DynamoDB's default: 0)
     * @param scaleInCooldown  seconds after a scale-in before another (DynamoDB's default: 0)
     */
    public record TargetTracking(double targetValue, String metricType, int scaleOutCooldown, int scaleInCooldown,
                                 boolean disableScaleIn) { }
}
