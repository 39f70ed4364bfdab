package io.jynamo.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Usage and cost: the units a table's requests consume and its provisioned capacity per period, with the cost
 * estimate at the configured rates (here the defaults: 0.625 per million write request units, 0.125 per million read
 * request units, 0.00013 per read capacity unit-hour), in view {@code usage_cost} and on {@code /admin/usage}. The
 * suite's server counts periods of one second and runs the usage job every second.
 */
class UsageIT extends JynamoIT {
    private static final String DATA = "d".repeat(1000);

    /** One table's sums over all its periods, from the view an analyst reads. */
    private record Sums(double consumedRead, double consumedWrite, BigDecimal throughputCost, long periods,
                        Long provisionedRead, BigDecimal storageCost) { }

    private static Sums sums(String table) throws SQLException {
        try (Connection c = TestDatabase.connect(); PreparedStatement ps = c.prepareStatement("SELECT"
                + " sum(consumed_read), sum(consumed_write), sum(throughput_cost), count(*), max(provisioned_read),"
                + " sum(storage_cost) FROM usage_cost WHERE table_name = ? AND index_name = ''")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Sums(rs.getDouble(1), rs.getDouble(2), rs.getBigDecimal(3), rs.getLong(4),
                        (Long) rs.getObject(5), rs.getBigDecimal(6));
            }
        }
    }

    @Test
    void onDemandRequestsAndProvisionedHoursAreCountedAndPriced() throws Exception {
        String onDemand = Tables.uniqueName("usage-ppr");
        ddb.createTable(Tables.hashOnlyRequest(onDemand));
        Tables.awaitActive(ddb, onDemand);
        // 10 writes of 1 KB (one unit each), then 4 strongly consistent reads of them (one unit each)
        for (int i = 0; i < 10; i++) {
            int n = i;
            ddb.putItem(b -> b.tableName(onDemand).item(Map.of("pk", AttributeValue.fromS("k" + n),
                    "data", AttributeValue.fromS(DATA.substring(0, 900)))));
        }
        for (int i = 0; i < 4; i++) {
            int n = i;
            ddb.getItem(b -> b.tableName(onDemand).key(Map.of("pk", AttributeValue.fromS("k" + n)))
                    .consistentRead(true));
        }
        String provisioned = Tables.uniqueName("usage-pt");
        ddb.createTable(Tables.hashOnlyRequest(provisioned).toBuilder().billingMode("PROVISIONED")
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L)).build());
        Tables.awaitActive(ddb, provisioned);

        // the figures reach PostgreSQL within a few seconds (each node writes its own every second here)
        Tables.eventually(Duration.ofSeconds(30), () -> {
            try {
                Sums s = sums(onDemand);
                return s.consumedWrite() == 10 && s.consumedRead() == 4 && sums(provisioned).periods() >= 3;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        Sums paid = sums(onDemand);
        assertThat(paid.throughputCost().doubleValue()).isCloseTo(10 * 0.625e-6 + 4 * 0.125e-6, within(1e-12));
        assertThat(paid.provisionedRead()).isNull();

        // provisioned: the capacity-hours of each one-second period, used or not
        Sums hours = sums(provisioned);
        assertThat(hours.provisionedRead()).isEqualTo(5L);
        assertThat(hours.throughputCost().doubleValue()).isCloseTo(
                hours.periods() * (5 * 0.00013 + 5 * 0.00065) / 3600, within(1e-12));

        // storage is priced once the table-statistics job has measured the items
        Tables.eventually(Duration.ofSeconds(30), () -> {
            try {
                return sums(onDemand).storageCost().signum() > 0;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        // the operators' page
        HttpResponse<String> page = HttpClient.newHttpClient().send(SignedHttp.get(endpoint.resolve("/admin/usage")),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(page.statusCode()).isEqualTo(200);
        JsonNode lastHour = new ObjectMapper().readTree(page.body()).get("LastHour");
        JsonNode row = null;
        for (JsonNode r : lastHour) {
            if (r.get("TableName").asText().equals(onDemand)) {
                row = r;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.get("ConsumedWriteCapacityUnits").asDouble()).isEqualTo(10.0);
        assertThat(row.get("ConsumedReadCapacityUnits").asDouble()).isEqualTo(4.0);
        assertThat(row.get("ThroughputCost").decimalValue().doubleValue()).isCloseTo(0.000007, within(1e-9));
    }
}
