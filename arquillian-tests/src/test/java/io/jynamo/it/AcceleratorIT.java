package io.jynamo.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The accelerator on its own port, through the unmodified SDK and CLI: eventually consistent reads from its item and
 * query caches (negative entries included), writes through it written through to the item cache, writes that bypass
 * it unseen until the time to live is over (the suite's server keeps entries 1.5 s instead of 5 minutes), strongly
 * consistent reads and transactions passed through, and its statistics on the admin page.
 */
class AcceleratorIT extends JynamoIT {
    /** The suite's server keeps the accelerator's entries this long. */
    private static final long TTL_MILLIS = 1500;

    private DynamoDbClient dax;
    private URI accelerator;
    private String table;

    @BeforeEach
    void setUp() {
        // 8111 with the suite server's port offset, as the main endpoint's 8000 has it
        accelerator = URI.create("http://" + endpoint.getHost() + ":" + (endpoint.getPort() + 111) + "/");
        dax = Clients.dynamoDb(accelerator);
        table = Tables.createHashOnly(ddb, "dax");
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk));
    }

    private static Map<String, AttributeValue> item(String pk, String v) {
        return Map.of("pk", AttributeValue.fromS(pk), "v", AttributeValue.fromS(v));
    }

    private String value(DynamoDbClient client, String pk, boolean consistent) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(key(pk))
                .consistentRead(consistent)).item();
        return item == null || item.isEmpty() ? null : item.get("v").s();
    }

    private static void afterTtl() throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(TTL_MILLIS + 300);
    }

    @Test
    void writesThroughTheAcceleratorAreReadAtOnceAndOthersOnlyAfterTheTimeToLive() throws Exception {
        dax.putItem(b -> b.tableName(table).item(item("a", "1")));
        assertThat(value(dax, "a", false)).isEqualTo("1");
        ddb.putItem(b -> b.tableName(table).item(item("a", "2")));
        assertThat(value(dax, "a", false)).as("a write that bypassed the accelerator").isEqualTo("1");
        assertThat(value(dax, "a", true)).as("a strongly consistent read passes through").isEqualTo("2");
        assertThat(value(ddb, "a", false)).isEqualTo("2");
        afterTtl();
        assertThat(value(dax, "a", false)).isEqualTo("2");

        dax.updateItem(b -> b.tableName(table).key(key("a")).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("3"))));
        assertThat(value(dax, "a", false)).isEqualTo("3");
        dax.deleteItem(b -> b.tableName(table).key(key("a")));
        assertThat(value(dax, "a", false)).as("deleted through the accelerator").isNull();
    }

    @Test
    void aMissingItemIsCachedAsMissing() throws Exception {
        assertThat(value(dax, "ghost", false)).isNull();
        ddb.putItem(b -> b.tableName(table).item(item("ghost", "boo")));
        assertThat(value(dax, "ghost", false)).as("negative entry").isNull();
        assertThat(value(dax, "ghost", true)).isEqualTo("boo");
        afterTtl();
        assertThat(value(dax, "ghost", false)).isEqualTo("boo");
    }

    @Test
    void aFailedConditionalWriteLeavesTheCacheAsItWas() {
        dax.putItem(b -> b.tableName(table).item(item("c", "1")));
        assertThatThrownBy(() -> dax.putItem(b -> b.tableName(table).item(item("c", "2"))
                .conditionExpression("attribute_not_exists(pk)"))).isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(value(dax, "c", false)).isEqualTo("1");
    }

    @Test
    void concurrentWritesOfOneItemLeaveTheTablesItemInTheItemCache() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 10; round++) {
                List<Future<?>> writes = new ArrayList<>();
                for (int writer = 0; writer < 8; writer++) {
                    String prefix = round + "-" + writer + "-";
                    writes.add(writers.submit(() -> {
                        for (int i = 0; i < 10; i++) {
                            String v = prefix + i;
                            dax.putItem(b -> b.tableName(table).item(item("race", v)));
                        }
                    }));
                }
                for (Future<?> w : writes) {
                    w.get();
                }
                // read at once, well within the suite's time to live: the cache must hold the last committed item
                assertThat(value(dax, "race", false)).as("round " + round).isEqualTo(value(dax, "race", true));
            }
        } finally {
            writers.shutdownNow();
        }
    }

    @Test
    void batchesGoThroughTheItemCache() throws Exception {
        dax.batchWriteItem(b -> b.requestItems(Map.of(table, List.of(
                WriteRequest.builder().putRequest(p -> p.item(item("b1", "1"))).build(),
                WriteRequest.builder().putRequest(p -> p.item(item("b2", "1"))).build()))));
        ddb.putItem(b -> b.tableName(table).item(item("b1", "2")));
        var read = dax.batchGetItem(b -> b.requestItems(Map.of(table, KeysAndAttributes.builder()
                .keys(key("b1"), key("b2"), key("b3")).build()))).responses().get(table);
        assertThat(read).extracting(i -> i.get("pk").s() + "=" + i.get("v").s())
                .containsExactlyInAnyOrder("b1=1", "b2=1");
        var consistent = dax.batchGetItem(b -> b.requestItems(Map.of(table, KeysAndAttributes.builder()
                .keys(key("b1")).consistentRead(true).build()))).responses().get(table);
        assertThat(consistent.get(0).get("v").s()).isEqualTo("2");
    }

    @Test
    void transactionsPassThroughAndTheirItemsAreReadAgain() {
        dax.putItem(b -> b.tableName(table).item(item("t", "1")));
        dax.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(key("t")).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("2")))).build()));
        assertThat(value(dax, "t", false)).isEqualTo("2");
        ddb.putItem(b -> b.tableName(table).item(item("t", "3")));
        var got = dax.transactGetItems(b -> b.transactItems(TransactGetItem.builder()
                .get(g -> g.tableName(table).key(key("t"))).build())).responses().get(0).item();
        assertThat(got.get("v").s()).as("TransactGetItems passes through").isEqualTo("3");
    }

    @Test
    void queriesAndScansAreAnsweredFromTheQueryCacheUntilTheTimeToLive() throws Exception {
        dax.putItem(b -> b.tableName(table).item(item("q", "1")));
        var query = software.amazon.awssdk.services.dynamodb.model.QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", AttributeValue.fromS("q")))
                .build();
        assertThat(dax.query(query).items().get(0).get("v").s()).isEqualTo("1");
        assertThat(dax.scan(b -> b.tableName(table)).count()).isEqualTo(1);
        dax.putItem(b -> b.tableName(table).item(item("q", "2")));
        dax.putItem(b -> b.tableName(table).item(item("r", "1")));
        assertThat(dax.query(query).items().get(0).get("v").s()).as("writes do not touch the query cache")
                .isEqualTo("1");
        assertThat(dax.scan(b -> b.tableName(table)).count()).isEqualTo(1);
        assertThat(dax.query(query.toBuilder().consistentRead(true).build()).items().get(0).get("v").s())
                .isEqualTo("2");
        afterTtl();
        assertThat(dax.query(query).items().get(0).get("v").s()).isEqualTo("2");
        assertThat(dax.scan(b -> b.tableName(table)).count()).isEqualTo(2);
    }

    @Test
    void everythingElsePassesThrough() {
        assertThat(dax.describeTable(b -> b.tableName(table)).table().tableName()).isEqualTo(table);
        assertThat(dax.listTables().tableNames()).contains(table);
    }

    @Test
    void theCachesStatisticsAreOnTheAdminPage() throws Exception {
        dax.getItem(b -> b.tableName(table).key(key("stats")));
        dax.getItem(b -> b.tableName(table).key(key("stats")));
        HttpResponse<String> page = HttpClient.newHttpClient().send(SignedHttp.get(endpoint.resolve(
                "/admin/caches")), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(page.statusCode()).isEqualTo(200);
        JsonNode stats = new ObjectMapper().readTree(page.body());
        assertThat(stats.at("/AcceleratorItemCache/Hits").asLong()).isPositive();
        assertThat(stats.at("/AcceleratorItemCache/Misses").asLong()).isPositive();
        assertThat(stats.at("/AcceleratorItemCache/Entries").asLong()).isPositive();
        assertThat(stats.has("AcceleratorQueryCache")).isTrue();
        assertThat(stats.at("/AcceleratorItemCache/Evictions").isNumber()).isTrue();
    }

    @Test
    void theAwsCliWorksAgainstTheAccelerator() throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("aws", "--version").start().waitFor() == 0, "no AWS CLI");
        dax.putItem(b -> b.tableName(table).item(item("cli", "yes")));
        ProcessBuilder pb = new ProcessBuilder("aws", "dynamodb", "get-item", "--endpoint-url",
                accelerator.toString(), "--table-name", table, "--key", "{\"pk\": {\"S\": \"cli\"}}", "--output",
                "json").redirectErrorStream(true);
        pb.environment().put("AWS_ACCESS_KEY_ID", Clients.administrator().accessKeyId());
        pb.environment().put("AWS_SECRET_ACCESS_KEY", Clients.administrator().secretAccessKey());
        pb.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        pb.environment().remove("AWS_PROFILE");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("\"yes\"");
    }
}
