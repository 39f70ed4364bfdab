package io.jynamo.core.autoscaling;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jynamo.core.json.Json;

import java.io.IOException;
import java.util.List;

/** The answers of the Application Auto Scaling operations Jynamo serves, members as the service's model names them. */
public final class AutoScalingResponses {
    private AutoScalingResponses() {
    }

    public static void registered(JsonGenerator g, String targetArn) throws IOException {
        g.writeStartObject();
        g.writeStringField("ScalableTargetARN", targetArn);
        g.writeEndObject();
    }

    /** DeregisterScalableTarget's and DeleteScalingPolicy's answer. */
    public static void empty(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeEndObject();
    }

    public static void targets(JsonGenerator g, List<ScalableTarget> targets, String nextToken) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("ScalableTargets");
        for (ScalableTarget t : targets) {
            g.writeStartObject();
            resource(g, t.resource());
            g.writeNumberField("MinCapacity", t.minCapacity());
            g.writeNumberField("MaxCapacity", t.maxCapacity());
            g.writeStringField("RoleARN", t.roleArn());
            Json.writeEpochSeconds(g, "CreationTime", t.creationTime());
            g.writeObjectFieldStart("SuspendedState");
            g.writeBooleanField("DynamicScalingInSuspended", t.suspended().dynamicScalingIn());
            g.writeBooleanField("DynamicScalingOutSuspended", t.suspended().dynamicScalingOut());
            g.writeBooleanField("ScheduledScalingSuspended", t.suspended().scheduledScaling());
            g.writeEndObject();
            g.writeStringField("ScalableTargetARN", t.arn());
            g.writeEndObject();
        }
        g.writeEndArray();
        nextToken(g, nextToken);
        g.writeEndObject();
    }

    /** @param alarmArnPrefix {@code arn:aws:cloudwatch:REGION:ACCOUNT:alarm:} */
    public static void policyPut(JsonGenerator g, ScalingPolicy p, String alarmArnPrefix) throws IOException {
        g.writeStartObject();
        g.writeStringField("PolicyARN", p.arn());
        alarms(g, p, alarmArnPrefix);
        g.writeEndObject();
    }

    public static void policies(JsonGenerator g, List<ScalingPolicy> policies, String nextToken,
                                String alarmArnPrefix) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("ScalingPolicies");
        for (ScalingPolicy p : policies) {
            g.writeStartObject();
            g.writeStringField("PolicyARN", p.arn());
            g.writeStringField("PolicyName", p.name());
            resource(g, p.resource());
            g.writeStringField("PolicyType", "TargetTrackingScaling");
            ScalingPolicy.TargetTracking c = p.configuration();
            g.writeObjectFieldStart("TargetTrackingScalingPolicyConfiguration");
            g.writeNumberField("TargetValue", c.targetValue());
            g.writeObjectFieldStart("PredefinedMetricSpecification");
            g.writeStringField("PredefinedMetricType", c.metricType());
            g.writeEndObject();
            g.writeNumberField("ScaleOutCooldown", c.scaleOutCooldown());
            g.writeNumberField("ScaleInCooldown", c.scaleInCooldown());
            g.writeBooleanField("DisableScaleIn", c.disableScaleIn());
            g.writeEndObject();
            alarms(g, p, alarmArnPrefix);
            Json.writeEpochSeconds(g, "CreationTime", p.creationTime());
            g.writeEndObject();
        }
        g.writeEndArray();
        nextToken(g, nextToken);
        g.writeEndObject();
    }

    public static void activities(JsonGenerator g, List<ScalingActivity> activities, String nextToken)
            throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("ScalingActivities");
        for (ScalingActivity a : activities) {
            g.writeStartObject();
            g.writeStringField("ActivityId", a.activityId());
            resource(g, a.resource());
            g.writeStringField("Description", a.description());
            g.writeStringField("Cause", a.cause());
            Json.writeEpochSeconds(g, "StartTime", a.startTime());
            if (a.endTime() != null) {
                Json.writeEpochSeconds(g, "EndTime", a.endTime());
            }
            g.writeStringField("StatusCode", a.statusCode());
            if (a.statusMessage() != null) {
                g.writeStringField("StatusMessage", a.statusMessage());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        nextToken(g, nextToken);
        g.writeEndObject();
    }

    private static void resource(JsonGenerator g, ScalableResource r) throws IOException {
        g.writeStringField("ServiceNamespace", ScalableResource.NAMESPACE);
        g.writeStringField("ResourceId", r.resourceId());
        g.writeStringField("ScalableDimension", r.dimension());
    }

    private static void alarms(JsonGenerator g, ScalingPolicy p, String alarmArnPrefix) throws IOException {
        g.writeArrayFieldStart("Alarms");
        for (String name : p.alarms()) {
            g.writeStartObject();
            g.writeStringField("AlarmName", name);
            g.writeStringField("AlarmARN", alarmArnPrefix + name);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void nextToken(JsonGenerator g, String nextToken) throws IOException {
        if (nextToken != null) {
            g.writeStringField("NextToken", nextToken);
        }
    }
}
