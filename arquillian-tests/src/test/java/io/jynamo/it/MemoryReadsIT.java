package io.jynamo.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eventually consistent reads of the main endpoint served from memory, within DynamoDB's eventual consistency: a node
 * alone in the cluster serves repeated reads from memory and reads its own writes at once; with a second node on the
 * same database, a write that node acknowledges is read here within a second (also when this node had kept the item
 * while it was alone), and the other way round.
 */
class MemoryReadsIT extends JynamoIT {
    private static final Duration EVENTUAL = Duration.ofSeconds(1);
    private String table;

    @BeforeEach
    void setUp() {
        table = Tables.createHashOnly(ddb, "memory");
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk));
    }

    private void put(DynamoDbClient client, String pk, String v) {
        client.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk), "v",
                AttributeValue.fromS(v))));
    }

    private String read(DynamoDbClient client, String pk) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(key(pk))).item();
        return item == null || item.isEmpty() ? null : item.get("v").s();
    }

    private JsonNode caches() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(SignedHttp.get(endpoint.resolve("/admin/caches")),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(page.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(page.body());
    }

    /** How long until {@code client} reads {@code expected}, reading as fast as it can. */
    private Duration untilRead(DynamoDbClient client, String pk, String expected) {
        long start = System.nanoTime();
        while (!expected.equals(read(client, pk))) {
            if (System.nanoTime() - start > Duration.ofSeconds(10).toNanos()) {
                throw new AssertionError(expected + " not read within 10 s");
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void aNodeAloneReadsFromMemoryAndReadsItsOwnWritesAtOnce() throws Exception {
        // nodes of other tests may still count as alive for a few seconds
        Tables.eventually(Duration.ofSeconds(30), () -> {
            try {
                return caches().get("Alone").asBoolean();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        put(ddb, "a", "0");
        long hits = caches().at("/MemoryReadsAlone/Hits").asLong();
        for (int i = 1; i <= 20; i++) {
            assertThat(read(ddb, "a")).isEqualTo(Integer.toString(i - 1));
            assertThat(read(ddb, "a")).isEqualTo(Integer.toString(i - 1));
            put(ddb, "a", Integer.toString(i));
        }
        assertThat(caches().at("/MemoryReadsAlone/Hits").asLong() - hits).as("reads served from memory")
                .isGreaterThanOrEqualTo(15);
    }

    @Test
    void aNodeWhoseHeartbeatConnectionDiesTakesAnotherAndGoesOn() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet killed = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE query LIKE '%cluster_node%' AND pid <> pg_backend_pid()")) {
            killed.next();
            assertThat(killed.getInt(1)).as("the heartbeat's connection").isGreaterThanOrEqualTo(1);
        }
        // longer than a node may go without a heartbeat and still acknowledge writes
        Thread.sleep(6000);
        put(ddb, "h", "after");
        assertThat(read(ddb, "h")).isEqualTo("after");
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet fresh = s.executeQuery("SELECT count(*) FROM cluster_node"
                     + " WHERE heartbeat_at > now() - interval '2 seconds'")) {
            fresh.next();
            assertThat(fresh.getInt(1)).as("nodes beating").isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aWriteAnotherNodeAcknowledgesIsReadHereWithinASecond() throws Exception {
        put(ddb, "b", "before");
        assertThat(read(ddb, "b")).isEqualTo("before");
        assertThat(read(ddb, "b")).isEqualTo("before");
        JynamoServer second = new JynamoServer(Path.of("target", "memory-second-node").toAbsolutePath(), 500,
                System.getProperty("jynamo.test.db.url"));
        second.install();
        second.start();
        try (DynamoDbClient other = Clients.dynamoDb(second.endpoint())) {
            // the item this node kept while it was alone
            put(other, "b", "after");
            assertThat(untilRead(ddb, "b", "after")).isLessThan(EVENTUAL);
            for (int i = 0; i < 10; i++) {
                String v = "round-" + i;
                assertThat(read(ddb, "b")).isNotNull();
                put(other, "b", v);
                assertThat(untilRead(ddb, "b", v)).as("read here after the other node's write").isLessThan(EVENTUAL);
                String w = "back-" + i;
                assertThat(read(other, "b")).isNotNull();
                put(ddb, "b", w);
                assertThat(untilRead(other, "b", w)).as("read there after this node's write").isLessThan(EVENTUAL);
            }
            assertThat(caches().get("Alone").asBoolean()).isFalse();
        } finally {
            second.stop();
        }
    }
}
