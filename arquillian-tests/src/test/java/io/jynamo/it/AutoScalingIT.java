package io.jynamo.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Application Auto Scaling through {@code aws application-autoscaling} on Jynamo's port: scalable targets,
 * target-tracking policies and activities with the service's answers and errors, and a table's write capacity scaled
 * out under load and back in once the load is gone. The suite's server measures use in periods of one second (not
 * CloudWatch's minute) and runs the auto-scaling job every second, so "2 periods above the target" and "15 below"
 * take seconds.
 */
class AutoScalingIT extends JynamoIT {
    private static final String READS = "dynamodb:table:ReadCapacityUnits";
    private static final String WRITES = "dynamodb:table:WriteCapacityUnits";

    private AutoScalingCli cli;

    @BeforeEach
    void client() {
        cli = new AutoScalingCli(endpoint);
    }

    private String provisionedTable(long read, long write) {
        String name = Tables.uniqueName("scaled");
        ddb.createTable(Tables.hashOnlyRequest(name).toBuilder().billingMode("PROVISIONED")
                .provisionedThroughput(p -> p.readCapacityUnits(read).writeCapacityUnits(write)).build());
        Tables.awaitActive(ddb, name);
        return name;
    }

    private ProvisionedThroughputDescription throughputOf(String table) {
        return ddb.describeTable(b -> b.tableName(table)).table().provisionedThroughput();
    }

    /** {'ServiceNamespace': 'dynamodb', 'ResourceId': ..., 'ScalableDimension': ... and more members}. */
    private static String target(String resourceId, String dimension, String more) {
        return "{'ServiceNamespace': 'dynamodb', 'ResourceId': '" + resourceId + "', 'ScalableDimension': '"
                + dimension + "'" + (more.isEmpty() ? "" : ", " + more) + "}";
    }

    private JsonNode trackingPolicy(String resourceId, String name, String dimension, String metric, double target) {
        return cli.call("put-scaling-policy", target(resourceId, dimension, "'PolicyName': '" + name + "', "
                + "'PolicyType': 'TargetTrackingScaling', 'TargetTrackingScalingPolicyConfiguration': {"
                + "'TargetValue': " + target + ", 'PredefinedMetricSpecification': {'PredefinedMetricType': '"
                + metric + "'}}"));
    }

    private JsonNode latestActivity(String resourceId) {
        return cli.call("describe-scaling-activities", "{'ServiceNamespace': 'dynamodb', 'ResourceId': '"
                + resourceId + "'}").get("ScalingActivities").get(0);
    }

    private static void assertFailure(ThrowableAssert.ThrowingCallable call, String code, String message) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(AutoScalingCli.Failure.class);
        assertThat(((AutoScalingCli.Failure) thrown).code).isEqualTo(code);
        assertThat(thrown.getMessage()).isEqualTo(message);
    }

    @Test
    void targetsPoliciesAndActivitiesAsTheServiceKeepsThem() {
        String table = Tables.uniqueName("scaled");
        ddb.createTable(Tables.hashOnlyRequest(table).toBuilder().billingMode("PROVISIONED")
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L))
                .attributeDefinitions(Tables.def("pk", ScalarAttributeType.S), Tables.def("g", ScalarAttributeType.S))
                .globalSecondaryIndexes(g -> g.indexName("byG").keySchema(Tables.key("g", KeyType.HASH))
                        .projection(p -> p.projectionType("KEYS_ONLY"))
                        .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L))).build());
        Tables.awaitActive(ddb, table);
        String resourceId = "table/" + table;
        cli.call("register-scalable-target", target(resourceId, READS, "'MinCapacity': 5, 'MaxCapacity': 100"));
        cli.call("register-scalable-target", target(resourceId + "/index/byG", "dynamodb:index:WriteCapacityUnits",
                "'MinCapacity': 5, 'MaxCapacity': 20"));
        JsonNode targets = cli.call("describe-scalable-targets", "{'ServiceNamespace': 'dynamodb', 'ResourceIds': ['"
                + resourceId + "', '" + resourceId + "/index/byG']}").get("ScalableTargets");
        assertThat(targets).hasSize(2);
        JsonNode t = targets.get(0);
        assertThat(t.get("ResourceId").asText()).isEqualTo(resourceId);
        assertThat(t.get("ScalableDimension").asText()).isEqualTo(READS);
        assertThat(t.get("MinCapacity").asInt()).isEqualTo(5);
        assertThat(t.get("MaxCapacity").asInt()).isEqualTo(100);
        assertThat(t.get("RoleARN").asText()).isEqualTo("arn:aws:iam::000000000000:role/aws-service-role/"
                + "dynamodb.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_DynamoDBTable");
        assertThat(t.get("SuspendedState").get("DynamicScalingInSuspended").asBoolean()).isFalse();
        assertThat(t.get("ScalableTargetARN").asText()).matches(
                "arn:aws:application-autoscaling:us-east-1:000000000000:scalable-target/[a-z0-9]{36}");
        assertThat(t.has("CreationTime")).isTrue();
        assertThat(targets.get(1).get("ResourceId").asText()).isEqualTo(resourceId + "/index/byG");
        // pages
        JsonNode first = cli.page("describe-scalable-targets", "{'ServiceNamespace': 'dynamodb', 'ResourceIds': ['"
                + resourceId + "', '" + resourceId + "/index/byG'], 'MaxResults': 1}");
        assertThat(first.get("ScalableTargets")).hasSize(1);
        assertThat(cli.page("describe-scalable-targets", "{'ServiceNamespace': 'dynamodb', 'ResourceIds': ['"
                + resourceId + "', '" + resourceId + "/index/byG'], 'MaxResults': 1, 'NextToken': '"
                + first.get("NextToken").asText() + "'}").get("ScalableTargets").get(0).get("ResourceId").asText())
                .endsWith("/index/byG");

        JsonNode put = trackingPolicy(resourceId, "reads", READS, "DynamoDBReadCapacityUtilization", 70);
        String policyArn = put.get("PolicyARN").asText();
        assertThat(policyArn).matches("arn:aws:autoscaling:us-east-1:000000000000:scalingPolicy:[0-9a-f-]{36}"
                + ":resource/dynamodb/" + resourceId + ":policyName/reads");
        List<String> alarms = new ArrayList<>();
        put.get("Alarms").forEach(a -> alarms.add(a.get("AlarmName").asText().replaceAll("-[0-9a-f-]{36}$", "")));
        assertThat(alarms).containsExactly("TargetTracking-" + resourceId + "-AlarmHigh",
                "TargetTracking-" + resourceId + "-AlarmLow", "TargetTracking-" + resourceId
                        + "-ProvisionedCapacityHigh", "TargetTracking-" + resourceId + "-ProvisionedCapacityLow");
        assertThat(put.get("Alarms").get(0).get("AlarmARN").asText())
                .startsWith("arn:aws:cloudwatch:us-east-1:000000000000:alarm:TargetTracking-");
        JsonNode policy = cli.call("describe-scaling-policies", "{'ServiceNamespace': 'dynamodb', 'ResourceId': '"
                + resourceId + "'}").get("ScalingPolicies").get(0);
        assertThat(policy.get("PolicyARN").asText()).isEqualTo(policyArn);
        assertThat(policy.get("PolicyType").asText()).isEqualTo("TargetTrackingScaling");
        JsonNode configuration = policy.get("TargetTrackingScalingPolicyConfiguration");
        assertThat(configuration.get("TargetValue").asDouble()).isEqualTo(70.0);
        assertThat(configuration.get("PredefinedMetricSpecification").get("PredefinedMetricType").asText())
                .isEqualTo("DynamoDBReadCapacityUtilization");
        // the same name changes the policy and keeps its ARN
        assertThat(trackingPolicy(resourceId, "reads", READS, "DynamoDBReadCapacityUtilization", 60)
                .get("PolicyARN").asText()).isEqualTo(policyArn);

        // the service's errors
        assertFailure(() -> trackingPolicy(resourceId, "other", READS, "DynamoDBReadCapacityUtilization", 50),
                "ValidationException", "Only one TargetTrackingScaling policy for a given metric specification is "
                        + "allowed.");
        assertFailure(() -> trackingPolicy(resourceId, "writes", WRITES, "DynamoDBWriteCapacityUtilization", 50),
                "ObjectNotFoundException", "No scalable target registered for service namespace: dynamodb, "
                        + "resource ID: " + resourceId + ", scalable dimension: " + WRITES);
        assertFailure(() -> cli.call("register-scalable-target", target("table/no-such-table", READS,
                        "'MinCapacity': 1, 'MaxCapacity': 10")), "ValidationException",
                "DynamoDB table does not exist: table/no-such-table");
        assertFailure(() -> cli.call("register-scalable-target", target("dynamo/" + table, READS,
                        "'MinCapacity': 1, 'MaxCapacity': 10")), "ValidationException",
                "Unsupported service namespace, resource type or scalable dimension");
        assertFailure(() -> cli.call("delete-scaling-policy", target(resourceId, READS, "'PolicyName': 'none'")),
                "ObjectNotFoundException", "No scaling policy found for service namespace: dynamodb, resource ID: "
                        + resourceId + ", scalable dimension: " + READS + ", policy name: none");

        // new bounds move the capacity inside them, as an activity
        cli.call("register-scalable-target", target(resourceId, READS, "'MinCapacity': 8"));
        assertThat(throughputOf(table).readCapacityUnits()).isEqualTo(8L);
        JsonNode raised = latestActivity(resourceId);
        assertThat(raised.get("Description").asText()).isEqualTo("Setting read capacity units to 8.");
        assertThat(raised.get("Cause").asText()).isEqualTo("minimum capacity was set to 8");
        assertThat(raised.get("StatusCode").asText()).isEqualTo("Successful");
        assertThat(raised.get("StatusMessage").asText()).isEqualTo("Successfully set read capacity units to 8. "
                + "Change successfully fulfilled by dynamodb.");

        // deregistering takes the policies with it
        cli.call("deregister-scalable-target", target(resourceId, READS, ""));
        assertThat(cli.call("describe-scaling-policies", "{'ServiceNamespace': 'dynamodb', 'ResourceId': '"
                + resourceId + "'}").get("ScalingPolicies")).isEmpty();
        assertFailure(() -> cli.call("deregister-scalable-target", target(resourceId, READS, "")),
                "ObjectNotFoundException", "No scalable target registered for service namespace: dynamodb, "
                        + "resource ID: " + resourceId + ", scalable dimension: " + READS);
    }

    @Test
    void aTablesWriteCapacityScalesOutUnderLoadAndBackInWhenItEnds() throws Exception {
        String table = provisionedTable(5, 5);
        String resourceId = "table/" + table;
        cli.call("register-scalable-target", target(resourceId, WRITES, "'MinCapacity': 5, 'MaxCapacity': 50"));
        trackingPolicy(resourceId, "writes", WRITES, "DynamoDBWriteCapacityUtilization", 50);

        // about 20 write units a second (puts of 1 KB items), four times the 5 provisioned: 400% of them, the target
        // 50%: after two periods above it, the capacity goes to what puts the load at the target, about 40
        String data = "d".repeat(1000);
        long start = System.nanoTime();
        int written = 0;
        while (throughputOf(table).writeCapacityUnits() == 5L) {
            assertThat(System.nanoTime() - start).as("scaled out in time").isLessThan(Duration.ofSeconds(30).toNanos());
            for (int i = 0; i < 4; i++) {
                int n = written++;
                ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("k" + n),
                        "data", AttributeValue.fromS(data))));
            }
            long due = start + written * 50_000_000L;
            Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
        }
        long scaledOut = throughputOf(table).writeCapacityUnits();
        assertThat(scaledOut).isBetween(20L, 50L);
        JsonNode out = latestActivity(resourceId);
        assertThat(out.get("Description").asText()).isEqualTo("Setting write capacity units to " + scaledOut + ".");
        assertThat(out.get("Cause").asText()).matches("monitor alarm TargetTracking-table/" + table
                + "-AlarmHigh-[0-9a-f-]{36} in state ALARM triggered policy writes");
        assertThat(out.get("StatusCode").asText()).isEqualTo("Successful");

        // no load: after 15 periods more than 20 points below the target, back to the minimum (perhaps in two steps,
        // while the last period of the load, partly loaded, is still among the 15)
        Tables.eventually(Duration.ofSeconds(60), () -> throughputOf(table).writeCapacityUnits() == 5L);
        JsonNode in = latestActivity(resourceId);
        assertThat(in.get("Description").asText()).isEqualTo("Setting write capacity units to 5.");
        assertThat(in.get("Cause").asText()).matches("monitor alarm TargetTracking-table/" + table
                + "-AlarmLow-[0-9a-f-]{36} in state ALARM triggered policy writes");
        // decreases made by auto scaling count against DynamoDB's daily quota like any other
        assertThat(throughputOf(table).numberOfDecreasesToday()).isBetween(1L, 2L);
    }
}
