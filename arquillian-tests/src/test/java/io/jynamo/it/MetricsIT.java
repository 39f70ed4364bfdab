package io.jynamo.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OnDemandThroughput;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.jynamo.it.DynamoAssertions.assertErrorCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus endpoint, scraped as Prometheus does (with the bearer token the suite's server is configured with) and
 * signed as an operator does: DynamoDB's CloudWatch metrics under their names and dimensions, counted from the
 * requests this test makes, and the provisioned capacity of a provisioned table.
 */
class MetricsIT extends JynamoIT {
    private static final String TOKEN = "suite-metrics-token";

    private HttpResponse<String> scrape(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String scrape() throws Exception {
        HttpResponse<String> page = scrape(HttpRequest.newBuilder(endpoint.resolve("/admin/metrics"))
                .header("Authorization", "Bearer " + TOKEN).GET().build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        return page.body();
    }

    /**
     * The value of the sample of {@code metric} (or {@code metric_total}, {@code metric_seconds_count}: the suffixes
     * Prometheus's conventions add) whose labels include all those given; null when there is none.
     */
    private static Double sample(String scrape, String metric, String... labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(metric) + "(_total|_seconds_count)?(\\{[^}]*})? (\\S+)$",
                Pattern.MULTILINE);
        Matcher m = line.matcher(scrape);
        while (m.find()) {
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= m.group(2) != null && m.group(2).contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                return Double.parseDouble(m.group(3));
            }
        }
        return null;
    }

    @Test
    void dynamoDbsCloudWatchMetricsAreScrapedUnderTheirNames() throws Exception {
        String table = Tables.uniqueName("metrics");
        ddb.createTable(Tables.hashOnlyRequest(table).toBuilder()
                .onDemandThroughput(OnDemandThroughput.builder().maxReadRequestUnits(5L).build()).build());
        Tables.awaitActive(ddb, table);
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("big"),
                "data", AttributeValue.fromS("d".repeat(40_000)))));
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("small"))));
        // 10 read units of a 5 unit maximum: the second read in a row is throttled
        ddb.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("big"))).consistentRead(true));
        assertErrorCode(() -> ddb.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("big")))
                .consistentRead(true)), "ThrottlingException");
        assertErrorCode(() -> ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("small")))
                .conditionExpression("attribute_not_exists(pk)")), "ConditionalCheckFailedException");
        assertErrorCode(() -> ddb.getItem(b -> b.tableName(table + "-none").key(Map.of("pk",
                AttributeValue.fromS("x")))), "ResourceNotFoundException");
        String provisioned = Tables.uniqueName("metrics-pt");
        ddb.createTable(Tables.hashOnlyRequest(provisioned).toBuilder().billingMode("PROVISIONED")
                .provisionedThroughput(p -> p.readCapacityUnits(7L).writeCapacityUnits(3L)).build());
        Tables.awaitActive(ddb, provisioned);

        String scrape = scrape();
        // 40 units for the 40 KB item, 1 for the other, and 1 for the failed condition on it (charged by the item)
        assertThat(sample(scrape, "ConsumedWriteCapacityUnits", "TableName", table)).isEqualTo(40 + 1 + 1.0);
        assertThat(sample(scrape, "ConsumedReadCapacityUnits", "TableName", table)).isEqualTo(10.0);
        assertThat(sample(scrape, "ReadThrottleEvents", "TableName", table)).isEqualTo(1.0);
        assertThat(sample(scrape, "ThrottledRequests", "TableName", table, "Operation", "GetItem")).isEqualTo(1.0);
        assertThat(sample(scrape, "ConditionalCheckFailedRequests", "TableName", table)).isEqualTo(1.0);
        assertThat(sample(scrape, "SuccessfulRequestLatency", "TableName", table, "Operation", "PutItem"))
                .isEqualTo(2.0);
        assertThat(sample(scrape, "SuccessfulRequestLatency", "TableName", table, "Operation", "GetItem"))
                .isEqualTo(1.0);
        assertThat(sample(scrape, "UserErrors")).isGreaterThanOrEqualTo(1.0);
        assertThat(sample(scrape, "ProvisionedReadCapacityUnits", "TableName", provisioned)).isEqualTo(7.0);
        assertThat(sample(scrape, "ProvisionedWriteCapacityUnits", "TableName", provisioned)).isEqualTo(3.0);
        assertThat(sample(scrape, "jynamo_job_runs", "Job", "usage")).isNotNull();

        // a Query's items, once the maximum's second has paid back the throttled read's overdraft
        Thread.sleep(2_500);
        ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :k")
                .expressionAttributeValues(Map.of(":k", AttributeValue.fromS("small"))));
        assertThat(sample(scrape(), "ReturnedItemCount", "TableName", table, "Operation", "Query")).isEqualTo(1.0);

        // an operator's signed request; nothing without a signature or with another token
        assertThat(scrape(SignedHttp.get(endpoint.resolve("/admin/metrics"))).statusCode()).isEqualTo(200);
        assertThat(scrape(HttpRequest.newBuilder(endpoint.resolve("/admin/metrics")).GET().build()).body())
                .contains("MissingAuthenticationTokenException");
        assertThat(scrape(HttpRequest.newBuilder(endpoint.resolve("/admin/metrics"))
                .header("Authorization", "Bearer guess").GET().build()).statusCode()).isEqualTo(400);
    }
}
