package io.jynamo.core.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;

import java.util.ArrayList;
import java.util.List;

import static io.jynamo.core.api.Shape.bool;
import static io.jynamo.core.api.Shape.doubleValue;
import static io.jynamo.core.api.Shape.integer;
import static io.jynamo.core.api.Shape.list;
import static io.jynamo.core.api.Shape.map;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/**
 * The requests of the Application Auto Scaling operations Jynamo serves, read against the service's model (enums,
 * lengths, required members, in Coral's messages) and then checked as the service checks a DynamoDB target.
 * Messages AWS was recorded giving are AWS's; for the few cases no recording was found (capacity bounds, policy types
 * other than target tracking, MaxResults out of range) the wording is Jynamo's.
 */
public final class AutoScalingRequests {
    private AutoScalingRequests() {
    }

    /** The lowest and highest TargetValue DynamoDB's target tracking takes, in percent of provisioned capacity. */
    public static final double MIN_TARGET = 20;
    public static final double MAX_TARGET = 90;

    public record Register(ScalableResource resource, Integer minCapacity, Integer maxCapacity, String roleArn,
                           Boolean scalingInSuspended, Boolean scalingOutSuspended, Boolean scheduledSuspended,
                           boolean tagged) { }

    public record Deregister(ScalableResource resource) { }

    /** @param dimension null for any; @param resourceIds empty for all */
    public record DescribeTargets(List<String> resourceIds, String dimension, int maxResults, String nextToken) { }

    public record PutPolicy(String policyName, ScalableResource resource, ScalingPolicy.TargetTracking configuration) { }

    /** @param resourceId null for any; @param dimension null for any; @param policyNames empty for all */
    public record DescribePolicies(List<String> policyNames, String resourceId, String dimension, int maxResults,
                                   String nextToken) { }

    public record DeletePolicy(String policyName, ScalableResource resource) { }

    /** @param resourceId null for any; @param dimension null for any */
    public record DescribeActivities(String resourceId, String dimension, int maxResults, String nextToken) { }

    private static final String TEXT = "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*";
    private static final Shape RESOURCE_ID = string().length(1, 1600).pattern(TEXT);
    private static final Shape NAMESPACE = string().oneOf("ecs", "elasticmapreduce", "ec2", "appstream", "dynamodb",
            "rds", "sagemaker", "custom-resource", "comprehend", "lambda", "cassandra", "kafka", "elasticache",
            "neptune", "workspaces");
    private static final Shape DIMENSION = string().oneOf("ecs:service:DesiredCount",
            "ec2:spot-fleet-request:TargetCapacity", "elasticmapreduce:instancegroup:InstanceCount",
            "appstream:fleet:DesiredCapacity", "dynamodb:table:ReadCapacityUnits", "dynamodb:table:WriteCapacityUnits",
            "dynamodb:index:ReadCapacityUnits", "dynamodb:index:WriteCapacityUnits", "rds:cluster:ReadReplicaCount",
            "sagemaker:variant:DesiredInstanceCount", "custom-resource:ResourceType:Property",
            "comprehend:document-classifier-endpoint:DesiredInferenceUnits",
            "comprehend:entity-recognizer-endpoint:DesiredInferenceUnits", "lambda:function:ProvisionedConcurrency",
            "cassandra:table:ReadCapacityUnits", "cassandra:table:WriteCapacityUnits",
            "kafka:broker-storage:VolumeSize", "elasticache:cache-cluster:Nodes",
            "elasticache:replication-group:NodeGroups", "elasticache:replication-group:Replicas",
            "neptune:cluster:ReadReplicaCount", "sagemaker:variant:DesiredProvisionedConcurrency",
            "sagemaker:inference-component:DesiredCopyCount", "workspaces:workspacespool:DesiredUserSessions");
    private static final Shape NEXT_TOKEN = string().pattern(TEXT);

    static final Shape REGISTER = struct("RegisterScalableTargetRequest",
            member("ServiceNamespace", NAMESPACE.notNull()),
            member("ResourceId", RESOURCE_ID.notNull()),
            member("ScalableDimension", DIMENSION.notNull()),
            member("MinCapacity", integer()),
            member("MaxCapacity", integer()),
            member("RoleARN", RESOURCE_ID),
            member("SuspendedState", struct("SuspendedState",
                    member("DynamicScalingInSuspended", bool()),
                    member("DynamicScalingOutSuspended", bool()),
                    member("ScheduledScalingSuspended", bool()))),
            member("Tags", map(string().length(0, 256)).keys(string().length(1, 128))));

    static final Shape DEREGISTER = struct("DeregisterScalableTargetRequest",
            member("ServiceNamespace", NAMESPACE.notNull()),
            member("ResourceId", RESOURCE_ID.notNull()),
            member("ScalableDimension", DIMENSION.notNull()));

    static final Shape DESCRIBE_TARGETS = struct("DescribeScalableTargetsRequest",
            member("ServiceNamespace", NAMESPACE.notNull()),
            member("ResourceIds", list(RESOURCE_ID).maxLength(50)),
            member("ScalableDimension", DIMENSION),
            member("MaxResults", integer()),
            member("NextToken", NEXT_TOKEN));

    static final Shape PUT_POLICY = struct("PutScalingPolicyRequest",
            member("PolicyName", string().notNull().length(1, 256).pattern("\\p{Print}+")),
            member("ServiceNamespace", NAMESPACE.notNull()),
            member("ResourceId", RESOURCE_ID.notNull()),
            member("ScalableDimension", DIMENSION.notNull()),
            member("PolicyType", string().oneOf("StepScaling", "TargetTrackingScaling", "PredictiveScaling")),
            member("StepScalingPolicyConfiguration", struct("StepScalingPolicyConfiguration")),
            member("PredictiveScalingPolicyConfiguration", struct("PredictiveScalingPolicyConfiguration")),
            member("TargetTrackingScalingPolicyConfiguration", struct("TargetTrackingScalingPolicyConfiguration",
                    member("TargetValue", doubleValue().notNull()),
                    member("PredefinedMetricSpecification", struct("PredefinedMetricSpecification",
                            member("PredefinedMetricType", string().notNull().oneOf(
                                    "DynamoDBReadCapacityUtilization", "DynamoDBWriteCapacityUtilization",
                                    "ALBRequestCountPerTarget", "RDSReaderAverageCPUUtilization",
                                    "RDSReaderAverageDatabaseConnections", "EC2SpotFleetRequestAverageCPUUtilization",
                                    "EC2SpotFleetRequestAverageNetworkIn", "EC2SpotFleetRequestAverageNetworkOut",
                                    "SageMakerVariantInvocationsPerInstance", "ECSServiceAverageCPUUtilization",
                                    "ECSServiceAverageMemoryUtilization", "AppStreamAverageCapacityUtilization",
                                    "ComprehendInferenceUtilization", "LambdaProvisionedConcurrencyUtilization",
                                    "CassandraReadCapacityUtilization", "CassandraWriteCapacityUtilization",
                                    "KafkaBrokerStorageUtilization", "ElastiCacheEngineCPUUtilization",
                                    "ElastiCacheDatabaseMemoryUsagePercentage",
                                    "ElastiCachePrimaryEngineCPUUtilization", "ElastiCacheReplicaEngineCPUUtilization",
                                    "ElastiCacheDatabaseMemoryUsageCountedForEvictPercentage",
                                    "NeptuneReaderAverageCPUUtilization",
                                    "SageMakerVariantProvisionedConcurrencyUtilization",
                                    "ElastiCacheDatabaseCapacityUsageCountedForEvictPercentage",
                                    "SageMakerInferenceComponentInvocationsPerCopy",
                                    "WorkSpacesAverageUserSessionsCapacityUtilization",
                                    "SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution",
                                    "SageMakerVariantConcurrentRequestsPerModelHighResolution",
                                    "ECSServiceAverageCPUUtilizationHighResolution",
                                    "ECSServiceAverageMemoryUtilizationHighResolution")),
                            member("ResourceLabel", string().length(1, 1023)))),
                    member("CustomizedMetricSpecification", struct("CustomizedMetricSpecification")),
                    member("ScaleOutCooldown", integer()),
                    member("ScaleInCooldown", integer()),
                    member("DisableScaleIn", bool()))));

    static final Shape DESCRIBE_POLICIES = struct("DescribeScalingPoliciesRequest",
            member("PolicyNames", list(RESOURCE_ID).maxLength(50)),
            member("ServiceNamespace", NAMESPACE.notNull()),
            member("ResourceId", RESOURCE_ID),
            member("ScalableDimension", DIMENSION),
            member("MaxResults", integer()),
            member("NextToken", NEXT_TOKEN));

    static final Shape DELETE_POLICY = struct("DeleteScalingPolicyRequest",
            member("PolicyName", RESOURCE_ID.notNull()),
            member("ServiceNamespace", NAMESPACE.notNull()),
            member("ResourceId", RESOURCE_ID.notNull()),
            member("ScalableDimension", DIMENSION.notNull()));

    static final Shape DESCRIBE_ACTIVITIES = struct("DescribeScalingActivitiesRequest",
            member("ServiceNamespace", NAMESPACE.notNull()),
            member("ResourceId", RESOURCE_ID),
            member("ScalableDimension", DIMENSION),
            member("MaxResults", integer()),
            member("NextToken", NEXT_TOKEN),
            member("IncludeNotScaledActivities", bool()));

    public static Register parseRegister(byte[] body) {
        ObjectNode r = RequestChecker.check(body, REGISTER);
        ScalableResource resource = resource(r);
        Integer min = r.has("MinCapacity") ? r.get("MinCapacity").intValue() : null;
        Integer max = r.has("MaxCapacity") ? r.get("MaxCapacity").intValue() : null;
        if ((min != null && min < 1) || (max != null && max < 1)) {
            throw validation("Capacity for DynamoDB must be at least 1");
        }
        if (min != null && max != null && min > max) {
            throw validation("Minimum capacity cannot be greater than maximum capacity");
        }
        JsonNode s = r.path("SuspendedState");
        return new Register(resource, min, max, text(r, "RoleARN"), flag(s, "DynamicScalingInSuspended"),
                flag(s, "DynamicScalingOutSuspended"), flag(s, "ScheduledScalingSuspended"), r.has("Tags"));
    }

    public static Deregister parseDeregister(byte[] body) {
        return new Deregister(resource(RequestChecker.check(body, DEREGISTER)));
    }

    public static DescribeTargets parseDescribeTargets(byte[] body) {
        ObjectNode r = RequestChecker.check(body, DESCRIBE_TARGETS);
        return new DescribeTargets(texts(r.get("ResourceIds")), text(r, "ScalableDimension"), maxResults(r, 50),
                text(r, "NextToken"));
    }

    public static PutPolicy parsePutPolicy(byte[] body) {
        ObjectNode r = RequestChecker.check(body, PUT_POLICY);
        ScalableResource resource = resource(r);
        // a policy given a target-tracking configuration alone is one
        String type = r.has("PolicyType") ? r.get("PolicyType").textValue() : "TargetTrackingScaling";
        if (!"TargetTrackingScaling".equals(type)) {
            throw validation("Unsupported policy type " + type + " for service namespace dynamodb: DynamoDB scales "
                    + "with TargetTrackingScaling policies");
        }
        JsonNode c = r.get("TargetTrackingScalingPolicyConfiguration");
        if (c == null) {
            throw validation("TargetTrackingScalingPolicyConfiguration must be specified for a TargetTrackingScaling "
                    + "policy");
        }
        if (c.has("CustomizedMetricSpecification") || !c.has("PredefinedMetricSpecification")) {
            throw validation("A PredefinedMetricSpecification of DynamoDBReadCapacityUtilization or "
                    + "DynamoDBWriteCapacityUtilization must be specified for DynamoDB");
        }
        String metric = c.get("PredefinedMetricSpecification").get("PredefinedMetricType").textValue();
        String expected = resource.write() ? "DynamoDBWriteCapacityUtilization" : "DynamoDBReadCapacityUtilization";
        if (!metric.equals(expected)) {
            throw validation("Predefined metric type " + metric + " is not supported for scalable dimension "
                    + resource.dimension());
        }
        double target = c.get("TargetValue").doubleValue();
        if (!(target >= MIN_TARGET && target <= MAX_TARGET)) {
            throw validation("The target value for DynamoDB must be between " + (int) MIN_TARGET + " and "
                    + (int) MAX_TARGET);
        }
        int scaleOut = c.has("ScaleOutCooldown") ? c.get("ScaleOutCooldown").intValue() : 0;
        int scaleIn = c.has("ScaleInCooldown") ? c.get("ScaleInCooldown").intValue() : 0;
        if (scaleOut < 0 || scaleIn < 0) {
            throw validation("Cooldown must be at least 0");
        }
        return new PutPolicy(r.get("PolicyName").textValue(), resource, new ScalingPolicy.TargetTracking(target,
                metric, scaleOut, scaleIn, c.has("DisableScaleIn") && c.get("DisableScaleIn").booleanValue()));
    }

    public static DescribePolicies parseDescribePolicies(byte[] body) {
        ObjectNode r = RequestChecker.check(body, DESCRIBE_POLICIES);
        return new DescribePolicies(texts(r.get("PolicyNames")), text(r, "ResourceId"),
                text(r, "ScalableDimension"), maxResults(r, 10), text(r, "NextToken"));
    }

    public static DeletePolicy parseDeletePolicy(byte[] body) {
        ObjectNode r = RequestChecker.check(body, DELETE_POLICY);
        return new DeletePolicy(r.get("PolicyName").textValue(), resource(r));
    }

    public static DescribeActivities parseDescribeActivities(byte[] body) {
        ObjectNode r = RequestChecker.check(body, DESCRIBE_ACTIVITIES);
        return new DescribeActivities(text(r, "ResourceId"), text(r, "ScalableDimension"), maxResults(r, 50),
                text(r, "NextToken"));
    }

    private static ScalableResource resource(ObjectNode r) {
        return ScalableResource.parse(r.get("ServiceNamespace").textValue(), r.get("ResourceId").textValue(),
                r.get("ScalableDimension").textValue());
    }

    /** MaxResults: 1 to {@code limit}, the limit when absent. */
    private static int maxResults(ObjectNode r, int limit) {
        if (!r.has("MaxResults")) {
            return limit;
        }
        int max = r.get("MaxResults").intValue();
        if (max < 1 || max > limit) {
            throw validation("MaxResults must be between 1 and " + limit);
        }
        return max;
    }

    private static String text(JsonNode r, String member) {
        return r.has(member) ? r.get(member).textValue() : null;
    }

    private static Boolean flag(JsonNode r, String member) {
        return r.has(member) ? r.get(member).booleanValue() : null;
    }

    private static List<String> texts(JsonNode list) {
        List<String> values = new ArrayList<>();
        if (list != null) {
            list.forEach(n -> values.add(n.textValue()));
        }
        return values;
    }

    /** Application Auto Scaling's ValidationException. */
    public static DynamoException validation(String message) {
        return new DynamoException(ErrorType.SCALING_VALIDATION, message);
    }
}
