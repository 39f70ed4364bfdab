package io.jynamo.core.autoscaling;

import io.jynamo.core.error.DynamoException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Application Auto Scaling's requests for DynamoDB targets: what is accepted, and the errors with their types. */
class AutoScalingRequestsTest {
    private static byte[] json(String text) {
        return text.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static DynamoException refusal(Runnable call) {
        return catchThrowableOfType(DynamoException.class, call::run);
    }

    @Test
    void tablesAndGlobalIndexesAreTheScalableResources() {
        ScalableResource table = ScalableResource.parse("dynamodb", "table/Music", "dynamodb:table:WriteCapacityUnits");
        assertThat(table).isEqualTo(new ScalableResource("Music", null, true));
        assertThat(table.resourceId()).isEqualTo("table/Music");
        ScalableResource index = ScalableResource.parse("dynamodb", "table/Music/index/ByTitle",
                "dynamodb:index:ReadCapacityUnits");
        assertThat(index).isEqualTo(new ScalableResource("Music", "ByTitle", false));
        assertThat(index.dimension()).isEqualTo("dynamodb:index:ReadCapacityUnits");

        for (String[] bad : new String[][] {{"ecs", "table/Music", "dynamodb:table:ReadCapacityUnits"},
                {"dynamodb", "dynamo/Music", "dynamodb:table:ReadCapacityUnits"},
                {"dynamodb", "table/Music", "dynamodb:index:ReadCapacityUnits"},
                {"dynamodb", "table/Music/index/ByTitle", "dynamodb:table:ReadCapacityUnits"},
                {"dynamodb", "table/", "dynamodb:table:ReadCapacityUnits"}}) {
            DynamoException e = refusal(() -> ScalableResource.parse(bad[0], bad[1], bad[2]));
            assertThat(e.type().wireType()).isEqualTo("ValidationException");
            assertThat(e.getMessage()).isEqualTo("Unsupported service namespace, resource type or scalable dimension");
        }
    }

    @Test
    void registrationChecksItsBoundsAndTheModel() {
        AutoScalingRequests.Register r = AutoScalingRequests.parseRegister(json("{'ServiceNamespace': 'dynamodb', "
                + "'ResourceId': 'table/T', 'ScalableDimension': 'dynamodb:table:ReadCapacityUnits', "
                + "'MinCapacity': 5, 'SuspendedState': {'DynamicScalingInSuspended': true}}"));
        assertThat(r.minCapacity()).isEqualTo(5);
        assertThat(r.maxCapacity()).isNull();
        assertThat(r.scalingInSuspended()).isTrue();
        assertThat(r.scalingOutSuspended()).isNull();

        DynamoException e = refusal(() -> AutoScalingRequests.parseRegister(json("{'ServiceNamespace': 'dynamodb', "
                + "'ResourceId': 'table/T', 'ScalableDimension': 'dynamodb:table:ReadCapacityUnits', "
                + "'MinCapacity': 10, 'MaxCapacity': 5}")));
        assertThat(e.getMessage()).isEqualTo("Minimum capacity cannot be greater than maximum capacity");

        e = refusal(() -> AutoScalingRequests.parseRegister(json("{'ServiceNamespace': 'dynamo', "
                + "'ResourceId': 'table/T', 'ScalableDimension': 'dynamodb:table:ReadCapacityUnits'}")));
        assertThat(e.type().wireType()).endsWith("#ValidationException");
        assertThat(e.getMessage()).startsWith("1 validation error detected: Value 'dynamo' at 'serviceNamespace' "
                + "failed to satisfy constraint: Member must satisfy enum value set: [");
    }

    @Test
    void policiesTrackTheUtilizationOfTheirDimension() {
        String base = "{'PolicyName': 'p', 'ServiceNamespace': 'dynamodb', 'ResourceId': 'table/T', "
                + "'ScalableDimension': 'dynamodb:table:ReadCapacityUnits', 'PolicyType': 'TargetTrackingScaling', "
                + "'TargetTrackingScalingPolicyConfiguration': {'TargetValue': %s, 'PredefinedMetricSpecification': "
                + "{'PredefinedMetricType': '%s'}}}";
        AutoScalingRequests.PutPolicy p = AutoScalingRequests.parsePutPolicy(json(String.format(base, "70.5",
                "DynamoDBReadCapacityUtilization")));
        assertThat(p.configuration()).isEqualTo(new ScalingPolicy.TargetTracking(70.5,
                "DynamoDBReadCapacityUtilization", 0, 0, false));

        assertThat(refusal(() -> AutoScalingRequests.parsePutPolicy(json(String.format(base, "70",
                "DynamoDBWriteCapacityUtilization")))).getMessage()).isEqualTo("Predefined metric type "
                + "DynamoDBWriteCapacityUtilization is not supported for scalable dimension "
                + "dynamodb:table:ReadCapacityUnits");
        assertThat(refusal(() -> AutoScalingRequests.parsePutPolicy(json(String.format(base, "95",
                "DynamoDBReadCapacityUtilization")))).getMessage())
                .isEqualTo("The target value for DynamoDB must be between 20 and 90");
        assertThat(refusal(() -> AutoScalingRequests.parsePutPolicy(json(String.format(base, "'high'",
                "DynamoDBReadCapacityUtilization")))).type().wireType()).endsWith("SerializationException");
    }
}
