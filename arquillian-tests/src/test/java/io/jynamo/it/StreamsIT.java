package io.jynamo.it;

import io.jynamo.core.streams.ShardIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.jynamo.it.DynamoAssertions.assertError;
import static io.jynamo.it.DynamoAssertions.assertErrorCode;
import static io.jynamo.it.TransactWriteItemsIT.n;
import static io.jynamo.it.TransactWriteItemsIT.s;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DynamoDB Streams through the AWS SDK's DynamoDbStreamsClient, on the same endpoint as DynamoDB: stream settings on
 * tables, the records every kind of write leaves (in order, only for real changes, with the view type's images),
 * iterators, a stream's life after it is disabled, trimming, and the errors.
 */
class StreamsIT extends JynamoIT {
    private DynamoDbStreamsClient streams;

    @BeforeEach
    void streamsClient() {
        if (streams == null) {
            streams = Clients.streams(endpoint);
        }
    }

    private String createTable(StreamViewType viewType) {
        String name = Tables.uniqueName("streamed");
        ddb.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(viewType)));
        Tables.awaitActive(ddb, name);
        return name;
    }

    private String streamArn(String table) {
        return ddb.describeTable(b -> b.tableName(table)).table().latestStreamArn();
    }

    private String shardIterator(String arn, ShardIteratorType type, String sequenceNumber) {
        String shard = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
        return streams.getShardIterator(b -> b.streamArn(arn).shardId(shard).shardIteratorType(type)
                .sequenceNumber(sequenceNumber)).shardIterator();
    }

    /** Reads from the iterator, three records at a time, until a read returns nothing. */
    private List<Record> readAll(String iterator) {
        List<Record> records = new ArrayList<>();
        String next = iterator;
        while (next != null) {
            String current = next;
            GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(current).limit(3));
            records.addAll(page.records());
            if (page.records().isEmpty()) {
                break;
            }
            next = page.nextShardIterator();
        }
        return records;
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", s(pk));
    }

    @Test
    void aTableWithAStreamDescribesIt() {
        String table = createTable(StreamViewType.NEW_AND_OLD_IMAGES);
        TableDescription t = ddb.describeTable(b -> b.tableName(table)).table();
        assertThat(t.streamSpecification().streamEnabled()).isTrue();
        assertThat(t.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(t.latestStreamLabel()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}");
        assertThat(t.latestStreamArn()).isEqualTo(t.tableArn() + "/stream/" + t.latestStreamLabel());

        var listed = streams.listStreams(b -> b.tableName(table)).streams();
        assertThat(listed).singleElement().satisfies(s -> {
            assertThat(s.streamArn()).isEqualTo(t.latestStreamArn());
            assertThat(s.tableName()).isEqualTo(table);
            assertThat(s.streamLabel()).isEqualTo(t.latestStreamLabel());
        });
        var d = streams.describeStream(b -> b.streamArn(t.latestStreamArn())).streamDescription();
        assertThat(d.streamStatus()).isEqualTo(StreamStatus.ENABLED);
        assertThat(d.streamViewTypeAsString()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(d.tableName()).isEqualTo(table);
        assertThat(d.keySchema()).singleElement().satisfies(k -> assertThat(k.attributeName()).isEqualTo("pk"));
        assertThat(d.shards()).singleElement().satisfies(shard -> {
            assertThat(shard.shardId()).matches("shardId-\\d{20}-[0-9a-f]{8}");
            assertThat(shard.sequenceNumberRange().startingSequenceNumber()).matches("\\d{21}");
            assertThat(shard.sequenceNumberRange().endingSequenceNumber()).isNull();
        });
        assertThat(streams.describeStream(b -> b.streamArn(t.latestStreamArn())
                .exclusiveStartShardId(d.shards().get(0).shardId())).streamDescription().shards()).isEmpty();

        // a table without a stream has none of it
        String plain = Tables.createHashOnly(ddb, "unstreamed");
        TableDescription p = ddb.describeTable(b -> b.tableName(plain)).table();
        assertThat(p.streamSpecification()).isNull();
        assertThat(p.latestStreamArn()).isNull();
        assertThat(streams.listStreams(b -> b.tableName(plain)).streams()).isEmpty();
    }

    @Test
    void everyKindOfWriteLeavesItsRecordsInOrderAndOnlyForRealChanges() {
        String table = createTable(StreamViewType.NEW_AND_OLD_IMAGES);
        String arn = streamArn(table);

        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s("a"), "v", n(1))));           // INSERT
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s("a"), "v", n(1))));           // nothing changes
        ddb.updateItem(b -> b.tableName(table).key(key("a")).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", n(2))));                                  // MODIFY
        ddb.updateItem(b -> b.tableName(table).key(key("a")).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", n(2))));                                  // nothing changes
        ddb.deleteItem(b -> b.tableName(table).key(key("missing")));                              // nothing there
        ddb.batchWriteItem(b -> b.requestItems(Map.of(table, List.of(
                WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", s("b")))).build(),     // INSERT
                WriteRequest.builder().deleteRequest(d -> d.key(key("a"))).build()))));           // REMOVE
        ddb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of("pk", s("c")))).build(),
                TransactWriteItem.builder().update(u -> u.tableName(table).key(key("b"))
                        .updateExpression("SET w = :w").expressionAttributeValues(Map.of(":w", s("x")))).build()));
        ddb.batchWriteItem(b -> b.requestItems(Map.of(table, List.of(
                WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", s("c"), "v", n(3)))).build()))));

        List<Record> records = readAll(shardIterator(arn, ShardIteratorType.TRIM_HORIZON, null));
        // DynamoDB orders the records of each item; a batch writes (and records) its items in key order, a
        // transaction in the order of its actions
        assertThat(records).extracting(r -> r.eventNameAsString() + " " + r.dynamodb().keys().get("pk").s())
                .containsExactly("INSERT a", "MODIFY a", "REMOVE a", "INSERT b", "INSERT c", "MODIFY b", "MODIFY c");
        assertThat(records.get(6).dynamodb().oldImage()).isEqualTo(key("c"));
        assertThat(records.get(6).dynamodb().newImage()).isEqualTo(Map.of("pk", s("c"), "v", n(3)));
        Record modify = records.get(1);
        assertThat(modify.dynamodb().oldImage()).isEqualTo(Map.of("pk", s("a"), "v", n(1)));
        assertThat(modify.dynamodb().newImage()).isEqualTo(Map.of("pk", s("a"), "v", n(2)));
        assertThat(modify.eventVersion()).isEqualTo("1.1");
        assertThat(modify.eventSource()).isEqualTo("aws:dynamodb");
        assertThat(modify.awsRegion()).isEqualTo("us-east-1");
        assertThat(modify.eventID()).matches("[0-9a-f]{32}");
        assertThat(modify.dynamodb().streamViewTypeAsString()).isEqualTo("NEW_AND_OLD_IMAGES");
        // the key ("pk" + "a": 3 bytes) plus each image ("pk" 3 + "v" and a one-digit number 3), as DynamoDB sums them
        assertThat(modify.dynamodb().sizeBytes()).isEqualTo(3L + 6 + 6);
        assertThat(modify.dynamodb().approximateCreationDateTime())
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(records.get(2).dynamodb().newImage()).isEmpty();
        assertThat(records.get(2).dynamodb().oldImage()).containsEntry("v", n(2));
        assertThat(records.get(0).dynamodb().oldImage()).isEmpty();
        assertThat(records.get(0).userIdentity()).isNull();
        List<String> numbers = records.stream().map(r -> r.dynamodb().sequenceNumber()).toList();
        assertThat(numbers).allMatch(sn -> sn.matches("\\d{21}")).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void theViewTypeDecidesWhatARecordCarries() {
        String table = createTable(StreamViewType.KEYS_ONLY);
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s("k"), "big", s("x".repeat(100)))));
        Record r = readAll(shardIterator(streamArn(table), ShardIteratorType.TRIM_HORIZON, null)).get(0);
        assertThat(r.dynamodb().keys()).isEqualTo(key("k"));
        assertThat(r.dynamodb().hasNewImage()).isFalse();
        assertThat(r.dynamodb().hasOldImage()).isFalse();
        assertThat(r.dynamodb().sizeBytes()).isEqualTo(3L);

        String newOnly = createTable(StreamViewType.NEW_IMAGE);
        ddb.putItem(b -> b.tableName(newOnly).item(Map.of("pk", s("k"), "v", s("1"))));
        ddb.putItem(b -> b.tableName(newOnly).item(Map.of("pk", s("k"), "v", s("2"))));
        List<Record> records = readAll(shardIterator(streamArn(newOnly), ShardIteratorType.TRIM_HORIZON, null));
        assertThat(records).extracting(Record::eventNameAsString).containsExactly("INSERT", "MODIFY");
        assertThat(records.get(1).dynamodb().newImage()).containsEntry("v", s("2"));
        assertThat(records.get(1).dynamodb().hasOldImage()).isFalse();
    }

    @Test
    void iteratorsStartWhereAskedAndGoOnFromWhereTheyStopped() {
        String table = createTable(StreamViewType.KEYS_ONLY);
        String arn = streamArn(table);
        ddb.putItem(b -> b.tableName(table).item(key("1")));
        ddb.putItem(b -> b.tableName(table).item(key("2")));
        String latest = shardIterator(arn, ShardIteratorType.LATEST, null);
        ddb.putItem(b -> b.tableName(table).item(key("3")));

        GetRecordsResponse fromLatest = streams.getRecords(b -> b.shardIterator(latest));
        assertThat(fromLatest.records()).extracting(r -> r.dynamodb().keys().get("pk").s()).containsExactly("3");
        List<Record> all = readAll(shardIterator(arn, ShardIteratorType.TRIM_HORIZON, null));
        String second = all.get(1).dynamodb().sequenceNumber();
        assertThat(readAll(shardIterator(arn, ShardIteratorType.AT_SEQUENCE_NUMBER, second)))
                .extracting(r -> r.dynamodb().keys().get("pk").s()).containsExactly("2", "3");
        assertThat(readAll(shardIterator(arn, ShardIteratorType.AFTER_SEQUENCE_NUMBER, second)))
                .extracting(r -> r.dynamodb().keys().get("pk").s()).containsExactly("3");

        // an open shard always gives an iterator to go on with, even with nothing new
        GetRecordsResponse nothing = streams.getRecords(b -> b.shardIterator(fromLatest.nextShardIterator()));
        assertThat(nothing.records()).isEmpty();
        assertThat(nothing.nextShardIterator()).isNotNull();
        ddb.putItem(b -> b.tableName(table).item(key("4")));
        assertThat(streams.getRecords(b -> b.shardIterator(nothing.nextShardIterator())).records())
                .extracting(r -> r.dynamodb().keys().get("pk").s()).containsExactly("4");
    }

    @Test
    void aDisabledStreamStaysReadableAndANewOneStartsAfresh() {
        String table = createTable(StreamViewType.KEYS_ONLY);
        String first = streamArn(table);
        ddb.putItem(b -> b.tableName(table).item(key("before")));
        String iterator = shardIterator(first, ShardIteratorType.TRIM_HORIZON, null);

        ddb.updateTable(b -> b.tableName(table).streamSpecification(s -> s.streamEnabled(false)));
        ddb.putItem(b -> b.tableName(table).item(key("unrecorded")));
        TableDescription t = ddb.describeTable(b -> b.tableName(table)).table();
        assertThat(t.streamSpecification()).isNull();
        assertThat(t.latestStreamArn()).isEqualTo(first);
        var d = streams.describeStream(b -> b.streamArn(first)).streamDescription();
        assertThat(d.streamStatus()).isEqualTo(StreamStatus.DISABLED);
        assertThat(d.shards().get(0).sequenceNumberRange().endingSequenceNumber()).isNotNull();

        GetRecordsResponse last = streams.getRecords(b -> b.shardIterator(iterator));
        assertThat(last.records()).extracting(r -> r.dynamodb().keys().get("pk").s()).containsExactly("before");
        // the closed shard is read to its end: no iterator to go on with
        assertThat(last.nextShardIterator()).isNull();

        ddb.updateTable(b -> b.tableName(table).streamSpecification(s -> s.streamEnabled(true)
                .streamViewType(StreamViewType.NEW_IMAGE)));
        String second = streamArn(table);
        assertThat(second).isNotEqualTo(first);
        ddb.putItem(b -> b.tableName(table).item(key("after")));
        assertThat(readAll(shardIterator(second, ShardIteratorType.TRIM_HORIZON, null)))
                .extracting(r -> r.dynamodb().keys().get("pk").s()).containsExactly("after");
        assertThat(streams.listStreams(b -> b.tableName(table)).streams()).extracting(s -> s.streamArn())
                .containsExactly(first, second);

        // deleting the table disables its stream, which stays listed and readable
        ddb.deleteTable(b -> b.tableName(table));
        assertThat(streams.describeStream(b -> b.streamArn(second)).streamDescription().streamStatus())
                .isEqualTo(StreamStatus.DISABLED);
    }

    @Test
    void streamSettingsAreValidatedAsDynamoDbDoes() {
        String table = createTable(StreamViewType.KEYS_ONLY);
        assertError(() -> ddb.updateTable(b -> b.tableName(table).streamSpecification(s -> s.streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_IMAGE))), "ValidationException",
                "Table already has an enabled stream: TableName: " + table);
        assertError(() -> ddb.updateTable(b -> b.tableName(table).streamSpecification(s -> s.streamEnabled(false)
                        .streamViewType(StreamViewType.NEW_IMAGE))), "ValidationException",
                "One or more parameter values were invalid: If stream is being disabled, then UpdateViewType must "
                        + "not be specified");
        ddb.updateTable(b -> b.tableName(table).streamSpecification(s -> s.streamEnabled(false)));
        assertError(() -> ddb.updateTable(b -> b.tableName(table).streamSpecification(s -> s.streamEnabled(false))),
                "ValidationException", "Table has no stream to disable: TableName: " + table);
        assertError(() -> ddb.updateTable(b -> b.tableName(table).streamSpecification(s -> s.streamEnabled(true))),
                "ValidationException", "One or more parameter values were invalid: If stream is being enabled then "
                        + "UpdateViewType is required");
        assertError(() -> ddb.createTable(Tables.hashOnlyRequest(Tables.uniqueName("bad-stream")).toBuilder()
                        .streamSpecification(s -> s.streamEnabled(true)).build()), "ValidationException",
                "One or more parameter values were invalid: Table is being created with a stream enabled, "
                        + "UpdateViewType is required");
    }

    @Test
    void streamRequestsAreValidated() throws Exception {
        String table = createTable(StreamViewType.KEYS_ONLY);
        String arn = streamArn(table);
        String shard = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
        String unknown = arn.substring(0, arn.lastIndexOf('/') + 1) + "2001-01-01T00:00:00.000";

        assertError(() -> streams.describeStream(b -> b.streamArn(unknown)), "ResourceNotFoundException",
                "Requested resource not found: Stream: " + unknown + " not found");
        assertError(() -> streams.describeStream(b -> b.streamArn("arn:aws:dynamodb:us-east-1:000000000000:nonsense")),
                "ValidationException", "Invalid StreamArn");
        assertError(() -> streams.getShardIterator(b -> b.streamArn(arn).shardId("shardId-00000000000000000000-00000000")
                        .shardIteratorType(ShardIteratorType.LATEST)), "ResourceNotFoundException",
                "Requested resource not found: Shard does not exist");
        assertErrorCode(() -> streams.getShardIterator(b -> b.streamArn(arn).shardId(shard)
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)), "ValidationException");
        assertErrorCode(() -> streams.getShardIterator(b -> b.streamArn(arn).shardId(shard)
                .shardIteratorType(ShardIteratorType.LATEST).sequenceNumber("100000000000000000001")),
                "ValidationException");
        assertError(() -> streams.getRecords(b -> b.shardIterator(arn + "|1|garbage")), "ValidationException",
                "Invalid ShardIterator");
        String iterator = shardIterator(arn, ShardIteratorType.LATEST, null);
        assertError(() -> streams.getRecords(b -> b.shardIterator(iterator).limit(1001)), "ValidationException",
                "1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint: Member must have "
                        + "value less than or equal to 1000");

        // iterators are signed with the server's key: one made without it is refused, whatever it says
        ShardIterator.Signer server = new ShardIterator.Signer(iteratorKey());
        ShardIterator issued = server.decode(iterator);
        String forged = new ShardIterator.Signer("guessed".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .encode(issued.next(0, Instant.now().plus(Duration.ofDays(365))));
        assertError(() -> streams.getRecords(b -> b.shardIterator(forged)), "ValidationException",
                "Invalid ShardIterator");

        // an iterator issued more than 15 minutes ago has expired (made here with the server's own key)
        String old = server.encode(new ShardIterator(issued.streamArn(), issued.streamId(), issued.position(),
                Instant.now().minus(Duration.ofMinutes(16))));
        assertError(() -> streams.getRecords(b -> b.shardIterator(old)), "ExpiredIteratorException",
                "The provided iterator exceeds the maximum age allowed.");
    }

    /** A sequence number past the end of an open shard reads on from its end: nothing is skipped, nothing invented. */
    @Test
    void anIteratorAfterTheEndOfTheShardReadsTheRecordsYetToCome() {
        String table = createTable(StreamViewType.KEYS_ONLY);
        String arn = streamArn(table);
        ddb.putItem(b -> b.tableName(table).item(key("before")));
        String last = readAll(shardIterator(arn, ShardIteratorType.TRIM_HORIZON, null)).get(0).dynamodb()
                .sequenceNumber();
        String beyond = new java.math.BigInteger(last).add(java.math.BigInteger.valueOf(1000)).toString();
        String iterator = shardIterator(arn, ShardIteratorType.AFTER_SEQUENCE_NUMBER, beyond);
        var empty = streams.getRecords(b -> b.shardIterator(iterator));
        assertThat(empty.records()).isEmpty();
        assertThat(empty.nextShardIterator()).isNotNull();
        ddb.putItem(b -> b.tableName(table).item(key("after")));
        assertThat(readAll(empty.nextShardIterator())).extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactly("after");
    }

    /** Only enabling a stream makes a new one (Alternator's tests against DynamoDB); other changes keep its ARN. */
    @Test
    void anUnrelatedTableChangeKeepsTheStream() {
        String table = createTable(StreamViewType.NEW_IMAGE);
        String arn = streamArn(table);
        TableDescription updated = ddb.updateTable(b -> b.tableName(table)
                .billingMode(software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST))
                .tableDescription();
        assertThat(updated.latestStreamArn()).isEqualTo(arn);
        assertThat(ddb.describeTable(b -> b.tableName(table)).table().latestStreamArn()).isEqualTo(arn);
        assertThat(streams.listStreams(b -> b.tableName(table)).streams()).singleElement()
                .satisfies(s -> assertThat(s.streamArn()).isEqualTo(arn));
        assertError(() -> ddb.updateTable(b -> b.tableName(table).streamSpecification(s -> s.streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_IMAGE))), "ValidationException",
                "Table already has an enabled stream: TableName: " + table);
    }

    /** The key the server signs shard iterators with, as it keeps it in its database. */
    private static byte[] iteratorKey() throws java.sql.SQLException {
        try (Connection c = TestDatabase.connect(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT secret FROM server_secret WHERE name = 'shard-iterator'")) {
            assertThat(rs.next()).isTrue();
            return rs.getBytes(1);
        }
    }

    @Test
    void recordsGoToHourlyPartitionsWhichAreDroppedWhenADayOld() throws Exception {
        String table = createTable(StreamViewType.KEYS_ONLY);
        String arn = streamArn(table);
        ddb.putItem(b -> b.tableName(table).item(key("first")));
        ddb.putItem(b -> b.tableName(table).item(key("second")));
        String horizon = shardIterator(arn, ShardIteratorType.TRIM_HORIZON, null);
        Instant thirtyHoursAgo = Instant.now().minus(Duration.ofHours(30)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        String oldPartition = "stream_record_p" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHH")
                .withZone(java.time.ZoneOffset.UTC).format(thirtyHoursAgo);
        try (Connection c = TestDatabase.connect(); var st = c.createStatement()) {
            // the records are in this hour's partition, made ahead of time, not in the default one
            try (var rs = st.executeQuery("SELECT count(*) FROM ONLY stream_record_default d JOIN stream s ON "
                    + "s.id = d.stream_id WHERE s.table_name = '" + table + "'")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
            // the partition of an hour 30 hours ago, as it would have been made then, with the first record in it
            st.execute("CREATE TABLE IF NOT EXISTS " + oldPartition + " PARTITION OF stream_record FOR VALUES FROM ('"
                    + thirtyHoursAgo + "') TO ('" + thirtyHoursAgo.plus(Duration.ofHours(1)) + "')");
            try (PreparedStatement ps = c.prepareStatement("UPDATE stream_record SET created_at = ? WHERE event_id ="
                    + " (SELECT event_id FROM stream_record r JOIN stream s ON s.id = r.stream_id WHERE s.table_name"
                    + " = ? ORDER BY r.id LIMIT 1)")) {
                ps.setTimestamp(1, java.sql.Timestamp.from(thirtyHoursAgo.plusSeconds(60)));
                ps.setString(2, table);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        boolean dropped = false;
        while (!dropped && System.nanoTime() < deadline) {
            Thread.sleep(500);
            try (Connection c = TestDatabase.connect(); var st = c.createStatement();
                 var rs = st.executeQuery("SELECT to_regclass('" + oldPartition + "') IS NULL")) {
                rs.next();
                dropped = rs.getBoolean(1);
            }
        }
        assertThat(dropped).as("partition %s dropped by the trim job", oldPartition).isTrue();
        assertThat(readAll(shardIterator(arn, ShardIteratorType.TRIM_HORIZON, null)))
                .extracting(r -> r.dynamodb().keys().get("pk").s()).containsExactly("second");
        assertError(() -> streams.getRecords(b -> b.shardIterator(horizon)), "TrimmedDataAccessException",
                "The data you are trying to access has been trimmed.");
    }

    @Test
    void aReaderFollowingTheStreamWhileManyClientsWriteMissesNothingAndSeesEachItemInOrder() throws Exception {
        String table = createTable(StreamViewType.NEW_IMAGE);
        String arn = streamArn(table);
        String start = shardIterator(arn, ShardIteratorType.LATEST, null);
        int writers = 6;
        int updates = 30;
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Record> followed = new java.util.concurrent.CopyOnWriteArrayList<>();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(writers + 1);
        try {
            var reader = pool.submit(() -> {
                String iterator = start;
                while (true) {
                    boolean last = !writing.get();
                    String current = iterator;
                    GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(current));
                    followed.addAll(page.records());
                    iterator = page.nextShardIterator();
                    if (last && page.records().isEmpty()) {
                        return null;
                    }
                }
            });
            List<java.util.concurrent.Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String pk = "item-" + w;
                writes.add(pool.submit(() -> {
                    for (int i = 1; i <= updates; i++) {
                        int value = i;
                        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s(pk), "v", n(value))));
                    }
                    return null;
                }));
            }
            for (var f : writes) {
                f.get(2, TimeUnit.MINUTES);
            }
            writing.set(false);
            reader.get(2, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        List<Record> all = readAll(start);
        assertThat(all).hasSize(writers * updates);
        // the reader that followed the stream as it was written saw every record, once, in the same order
        assertThat(followed).extracting(r -> r.dynamodb().sequenceNumber())
                .containsExactlyElementsOf(all.stream().map(r -> r.dynamodb().sequenceNumber()).toList());
        for (int w = 0; w < writers; w++) {
            String pk = "item-" + w;
            assertThat(all.stream().filter(r -> r.dynamodb().keys().get("pk").s().equals(pk))
                    .map(r -> Integer.parseInt(r.dynamodb().newImage().get("v").n())).toList())
                    .as("values of %s in stream order", pk)
                    .isEqualTo(java.util.stream.IntStream.rangeClosed(1, updates).boxed().toList());
        }
    }

    @Test
    void recordsOlderThanADayAreTrimmed() throws Exception {
        String table = createTable(StreamViewType.KEYS_ONLY);
        String arn = streamArn(table);
        ddb.putItem(b -> b.tableName(table).item(key("old")));
        String horizon = shardIterator(arn, ShardIteratorType.TRIM_HORIZON, null);
        assertThat(streams.getRecords(b -> b.shardIterator(horizon)).records()).hasSize(1);
        ddb.putItem(b -> b.tableName(table).item(key("young")));

        try (Connection c = TestDatabase.connect();
             PreparedStatement ps = c.prepareStatement("UPDATE stream_record SET created_at = created_at - "
                     + "interval '25 hours' WHERE event_id IN (SELECT event_id FROM stream_record r JOIN stream s ON "
                     + "s.id = r.stream_id WHERE s.table_name = ? ORDER BY r.sequence LIMIT 1)")) {
            ps.setString(1, table);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        // the trim job runs every 2 s in these tests
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<Record> left;
        do {
            Thread.sleep(500);
            left = readAll(shardIterator(arn, ShardIteratorType.TRIM_HORIZON, null));
        } while (left.size() > 1 && System.nanoTime() < deadline);
        assertThat(left).extracting(r -> r.dynamodb().keys().get("pk").s()).containsExactly("young");
        assertError(() -> streams.getRecords(b -> b.shardIterator(horizon)), "TrimmedDataAccessException",
                "The data you are trying to access has been trimmed.");
    }
}
