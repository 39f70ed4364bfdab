package io.jynamo.core.autoscaling;

import java.time.Instant;

/**
 * A registered scalable target, as DescribeScalableTargets shows it.
 *
 * @param arn {@code arn:aws:application-autoscaling:REGION:ACCOUNT:scalable-target/<36 lower-case letters and digits>}
 */
public record ScalableTarget(ScalableResource resource, int minCapacity, int maxCapacity, String roleArn,
                             Suspension suspended, Instant creationTime, String arn) {

    /** Which kinds of scaling are suspended (SuspendedState). */
    public record Suspension(boolean dynamicScalingIn, boolean dynamicScalingOut, boolean scheduledScaling) {
        public static final Suspension NONE = new Suspension(false, false, false);
    }
}
