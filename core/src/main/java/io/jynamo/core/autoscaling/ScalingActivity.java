package io.jynamo.core.autoscaling;

import java.time.Instant;

/**
 * A change Application Auto Scaling made (or tried to make) to a target, as DescribeScalingActivities shows it: e.g.
 * Description "Setting read capacity units to 10.", Cause "monitor alarm TargetTracking-table/T-AlarmHigh-... in
 * state ALARM triggered policy P", StatusCode Successful or Failed.
 */
public record ScalingActivity(String activityId, ScalableResource resource, String description, String cause,
                              Instant startTime, Instant endTime, String statusCode, String statusMessage) { }
