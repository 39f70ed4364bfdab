package io.jynamo.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.jynamo.it.DynamoAssertions.assertError;
import static io.jynamo.it.TransactWriteItemsIT.n;
import static io.jynamo.it.TransactWriteItemsIT.s;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time to Live: UpdateTimeToLive and DescribeTimeToLive with DynamoDB's rules and messages, and the ttl-expiry job
 * (every 2 s in these tests; the change interval is 3 s here) deleting exactly the items DynamoDB would: TTL a Number
 * of epoch seconds in the past, less than five years past. Deletions update indexes and leave REMOVE stream records
 * made by the TTL service.
 */
class TimeToLiveIT extends JynamoIT {
    private DynamoDbStreamsClient streams;

    @BeforeEach
    void streamsClient() {
        if (streams == null) {
            streams = Clients.streams(endpoint);
        }
    }

    private TimeToLiveDescription ttl(String table) {
        return ddb.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
    }

    private void updateTtl(String table, boolean enabled, String attribute) {
        ddb.updateTimeToLive(b -> b.tableName(table).timeToLiveSpecification(s -> s.enabled(enabled)
                .attributeName(attribute)));
    }

    @Test
    void timeToLiveIsEnabledOnOneAttributeAndChangedAtMostOncePerInterval() throws Exception {
        String table = Tables.createHashOnly(ddb, "ttl-settings");
        assertThat(ttl(table).timeToLiveStatus()).isEqualTo(TimeToLiveStatus.DISABLED);
        assertThat(ttl(table).attributeName()).isNull();
        assertError(() -> updateTtl(table, false, "expires"), "ValidationException", "TimeToLive is already disabled");

        var response = ddb.updateTimeToLive(b -> b.tableName(table).timeToLiveSpecification(s -> s.enabled(true)
                .attributeName("expires")));
        assertThat(response.timeToLiveSpecification().enabled()).isTrue();
        assertThat(response.timeToLiveSpecification().attributeName()).isEqualTo("expires");
        assertThat(ttl(table).timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(ttl(table).attributeName()).isEqualTo("expires");

        assertError(() -> updateTtl(table, true, "expires"), "ValidationException", "TimeToLive is already enabled");
        assertError(() -> updateTtl(table, true, "other"), "ValidationException",
                "TimeToLive is active on a different AttributeName: current AttributeName is expires");
        assertError(() -> updateTtl(table, false, "other"), "ValidationException",
                "TimeToLive is active on a different AttributeName: current AttributeName is expires");
        assertError(() -> updateTtl(table, false, "expires"), "ValidationException",
                "Time to live has been modified multiple times within a fixed interval");
        Thread.sleep(3500);
        updateTtl(table, false, "expires");
        assertThat(ttl(table).timeToLiveStatus()).isEqualTo(TimeToLiveStatus.DISABLED);

        assertError(() -> ddb.describeTimeToLive(b -> b.tableName("no-such-table")), "ResourceNotFoundException",
                "Requested resource not found: Table: no-such-table not found");
        assertError(() -> updateTtl("no-such-table", true, "x"), "ResourceNotFoundException",
                "Requested resource not found: Table: no-such-table not found");
        assertError(() -> updateTtl(table, true, "x".repeat(256)), "ValidationException",
                "1 validation error detected: Value '" + "x".repeat(256) + "' at 'timeToLiveSpecification"
                        + ".attributeName' failed to satisfy constraint: Member must have length less than or equal "
                        + "to 255");
    }

    @Test
    void theExpiryJobDeletesExactlyTheExpiredItemsWithTheirIndexEntriesAndStreamRecords() throws Exception {
        String table = Tables.uniqueName("ttl-expiry");
        ddb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("kind").attributeType(ScalarAttributeType.S)
                                .build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(g -> g.indexName("byKind")
                        .keySchema(KeySchemaElement.builder().attributeName("kind").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.OLD_IMAGE)));
        Tables.awaitActive(ddb, table);
        long now = Instant.now().getEpochSecond();
        long sixYearsAgo = Instant.now().atOffset(ZoneOffset.UTC).minusYears(6).toEpochSecond();
        // written before TTL is enabled: they expire too
        put(table, "expired", n(now - 60));
        put(table, "expired-fraction", AttributeValue.fromN((now - 60) + ".75"));
        put(table, "expired-exponent", AttributeValue.fromN(((now - 600) / 10) + "e1"));
        put(table, "future", n(now + 3600));
        put(table, "text", s(Long.toString(now - 60)));
        put(table, "ancient", n(sixYearsAgo));
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s("no-ttl"), "kind", s("item"))));
        updateTtl(table, true, "ttl");

        List<String> expired = List.of("expired", "expired-fraction", "expired-exponent");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (expired.stream().anyMatch(pk -> exists(table, pk)) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(expired).noneMatch(pk -> exists(table, pk));
        assertThat(List.of("future", "text", "ancient", "no-ttl")).allMatch(pk -> exists(table, pk));
        assertThat(ddb.query(b -> b.tableName(table).indexName("byKind").keyConditionExpression("kind = :k")
                .expressionAttributeValues(Map.of(":k", s("item")))).items())
                .extracting(i -> i.get("pk").s()).containsExactlyInAnyOrder("future", "text", "ancient", "no-ttl");

        String arn = ddb.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        String shard = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
        String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> records = streams.getRecords(b -> b.shardIterator(iterator)).records();
        // the seven puts, then the three expiries
        assertThat(records).extracting(Record::eventNameAsString).containsExactly("INSERT", "INSERT", "INSERT",
                "INSERT", "INSERT", "INSERT", "INSERT", "REMOVE", "REMOVE", "REMOVE");
        List<Record> removals = records.subList(7, 10);
        assertThat(removals).extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactlyInAnyOrderElementsOf(expired);
        assertThat(removals).allSatisfy(r -> {
            assertThat(r.userIdentity().type()).isEqualTo("Service");
            assertThat(r.userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
            assertThat(r.dynamodb().oldImage()).containsKey("ttl");
        });

        // an item about to expire whose TTL is moved to the future before it does is not deleted
        put(table, "reprieved", n(Instant.now().getEpochSecond() + 3));
        ddb.updateItem(b -> b.tableName(table).key(Map.of("pk", s("reprieved"))).updateExpression("SET #t = :t")
                .expressionAttributeNames(Map.of("#t", "ttl")).expressionAttributeValues(Map.of(":t",
                        n(Instant.now().getEpochSecond() + 7200))));
        Thread.sleep(7000);
        assertThat(exists(table, "reprieved")).isTrue();
    }

    private void put(String table, String pk, AttributeValue ttl) {
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s(pk), "kind", s("item"), "ttl", ttl)));
    }

    private boolean exists(String table, String pk) {
        return ddb.getItem(b -> b.tableName(table).key(Map.of("pk", s(pk))).consistentRead(true)).hasItem();
    }
}
