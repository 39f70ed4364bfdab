package io.jynamo.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.jynamo.it.Tables.def;
import static io.jynamo.it.Tables.key;
import static io.jynamo.it.DynamoAssertions.assertError;
import static io.jynamo.it.DynamoAssertions.assertErrorCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Point-in-time recovery through the SDK: a table of 100,000 items changed over time by puts, updates, deletes, batches
 * and transactions, restored to several instants a second or two apart (before and after a transaction) and to the
 * latest restorable time, and from a backup: each restored table equals the source as committed at that instant, item
 * for item, and its index answers as the source's did. The recovery window follows the recovery period (a "day" is 30 s in the
 * suite's server), and every error has its {@code __type}.
 */
class PointInTimeIT extends JynamoIT {
    private static final int ITEMS = 100_000;

    /** The state the test expects of the source table: item by key ("pk"). */
    private final Map<String, Map<String, AttributeValue>> model = new HashMap<>();

    private String table() {
        String name = Tables.uniqueName("pitr");
        ddb.createTable(b -> b.tableName(name)
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("g", ScalarAttributeType.S),
                        def("n", ScalarAttributeType.N))
                .keySchema(key("pk", KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("by-g")
                        .keySchema(key("g", KeyType.HASH), key("n", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        Tables.awaitActive(ddb, name);
        return name;
    }

    private static Map<String, AttributeValue> item(int i, int version) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("k" + i));
        item.put("n", AttributeValue.fromN(Integer.toString(i)));
        item.put("v", AttributeValue.fromN(Integer.toString(version)));
        if (i % 50 == 0) {
            // sparse: 2% of the items are in the index
            item.put("g", AttributeValue.fromS("g" + (i % 7)));
        }
        return item;
    }

    private static Map<String, AttributeValue> keyOf(int i) {
        return Map.of("pk", AttributeValue.fromS("k" + i));
    }

    /** Writes a batch (puts of {@code put}, deletes of {@code delete}) and records it in the model. */
    private void batch(String table, List<Map<String, AttributeValue>> put, List<Integer> delete) {
        List<WriteRequest> requests = new ArrayList<>();
        put.forEach(i -> requests.add(WriteRequest.builder().putRequest(PutRequest.builder().item(i).build())
                .build()));
        delete.forEach(i -> requests.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(keyOf(i))
                .build()).build()));
        var unprocessed = ddb.batchWriteItem(b -> b.requestItems(Map.of(table, requests))).unprocessedItems();
        assertThat(unprocessed).isEmpty();
        synchronized (model) {
            put.forEach(i -> model.put(i.get("pk").s(), i));
            delete.forEach(i -> model.remove("k" + i));
        }
    }

    /** Loads items 0 .. ITEMS-1 (version 0) with four writers. */
    private void load(String table) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                done.add(writers.submit(() -> {
                    List<Map<String, AttributeValue>> chunk = new ArrayList<>();
                    for (int i = writer; i < ITEMS; i += 4) {
                        chunk.add(item(i, 0));
                        if (chunk.size() == 25) {
                            batch(table, List.copyOf(chunk), List.of());
                            chunk.clear();
                        }
                    }
                    if (!chunk.isEmpty()) {
                        batch(table, chunk, List.of());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            writers.shutdown();
        }
    }

    /** Changes some items at random: single puts, updates and deletes, and a batch. */
    private void changeSome(String table, Random random, int version) {
        for (int n = 0; n < 60; n++) {
            int i = random.nextInt(ITEMS);
            switch (n % 3) {
                case 0 -> {
                    Map<String, AttributeValue> item = item(i, version);
                    ddb.putItem(b -> b.tableName(table).item(item));
                    model.put("k" + i, item);
                }
                case 1 -> {
                    ddb.updateItem(b -> b.tableName(table).key(keyOf(i)).updateExpression("SET v = :v, n = :n")
                            .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Integer.toString(version)),
                                    ":n", AttributeValue.fromN(Integer.toString(i)))));
                    Map<String, AttributeValue> updated = new HashMap<>(model.getOrDefault("k" + i, keyOf(i)));
                    updated.put("v", AttributeValue.fromN(Integer.toString(version)));
                    updated.put("n", AttributeValue.fromN(Integer.toString(i)));
                    model.put("k" + i, updated);
                }
                default -> {
                    ddb.deleteItem(b -> b.tableName(table).key(keyOf(i)));
                    model.remove("k" + i);
                }
            }
        }
        List<Map<String, AttributeValue>> puts = new ArrayList<>();
        List<Integer> deletes = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        while (used.size() < 25) {
            int i = random.nextInt(ITEMS);
            if (used.add(i)) {
                if (used.size() % 2 == 0) {
                    puts.add(item(i, version));
                } else {
                    deletes.add(i);
                }
            }
        }
        batch(table, puts, deletes);
    }

    /** A transaction of puts, an update and deletes, on items 0..9 (the same ones every time). */
    private void transaction(String table, int version) {
        List<TransactWriteItem> actions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int k = i;
            if (i < 6) {
                Map<String, AttributeValue> item = item(i, version);
                actions.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build());
                model.put("k" + i, item);
            } else if (i < 8) {
                actions.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(keyOf(k))
                        .updateExpression("SET v = :v").expressionAttributeValues(Map.of(":v",
                                AttributeValue.fromN(Integer.toString(version))))).build());
                Map<String, AttributeValue> updated = new HashMap<>(model.getOrDefault("k" + i, keyOf(i)));
                updated.put("v", AttributeValue.fromN(Integer.toString(version)));
                model.put("k" + i, updated);
            } else {
                actions.add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(keyOf(k))).build());
                model.remove("k" + i);
            }
        }
        ddb.transactWriteItems(b -> b.transactItems(actions));
    }

    private Set<Map<String, AttributeValue>> expected() {
        return new HashSet<>(model.values());
    }

    private Set<Map<String, AttributeValue>> scanAll(String table) {
        Set<Map<String, AttributeValue>> items = new HashSet<>();
        ddb.scanPaginator(b -> b.tableName(table)).items().forEach(items::add);
        return items;
    }

    private static Set<Map<String, AttributeValue>> inIndex(Set<Map<String, AttributeValue>> items, String g) {
        Set<Map<String, AttributeValue>> found = new HashSet<>();
        items.stream().filter(i -> i.containsKey("g") && i.get("g").s().equals(g)).forEach(found::add);
        return found;
    }

    /** An instant between two changes, a little over a second clear of both. */
    private static Instant pause() throws InterruptedException {
        Thread.sleep(1_200);
        Instant at = Instant.now();
        Thread.sleep(1_200);
        return at;
    }

    private TableDescription awaitRestored(String table) {
        TableDescription[] last = new TableDescription[1];
        Tables.eventually(Duration.ofSeconds(180), () -> {
            last[0] = ddb.describeTable(b -> b.tableName(table)).table();
            return last[0].tableStatus() == TableStatus.ACTIVE;
        });
        return last[0];
    }

    private PointInTimeRecoveryDescription pitr(String table) {
        return ddb.describeContinuousBackups(b -> b.tableName(table)).continuousBackupsDescription()
                .pointInTimeRecoveryDescription();
    }

    private void assertRestoredEquals(String restored, Set<Map<String, AttributeValue>> expected) {
        awaitRestored(restored);
        Set<Map<String, AttributeValue>> items = scanAll(restored);
        assertThat(items.size()).isEqualTo(expected.size());
        assertThat(items).isEqualTo(expected);
        Set<Map<String, AttributeValue>> byG = new HashSet<>();
        ddb.queryPaginator(b -> b.tableName(restored).indexName("by-g").keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("g3")))).items().forEach(byG::add);
        assertThat(byG).isEqualTo(inIndex(expected, "g3")).isNotEmpty();
    }

    @Test
    void restoresEqualTheTableAsCommittedAtEachInstant() throws Exception {
        String source = table();
        load(source);
        // a backup of the 100,000 items too: in use while it is being made, and while a restore reads it
        String backup = ddb.createBackup(b -> b.tableName(source).backupName("full")).backupDetails().backupArn();
        assertError(() -> ddb.deleteBackup(b -> b.backupArn(backup)), "BackupInUseException",
                "Backup is being created: " + backup);
        Set<Map<String, AttributeValue>> atBackup = expected();
        ContinuousBackupsDescription enabled = ddb.updateContinuousBackups(b -> b.tableName(source)
                .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true)))
                .continuousBackupsDescription();
        assertThat(enabled.pointInTimeRecoveryDescription().pointInTimeRecoveryStatus())
                .isEqualTo(PointInTimeRecoveryStatus.ENABLED);
        assertThat(enabled.pointInTimeRecoveryDescription().recoveryPeriodInDays()).isEqualTo(35);
        Set<Map<String, AttributeValue>> atStart = expected();
        Instant t0 = pause();

        Random random = new Random(14);
        changeSome(source, random, 1);
        Instant t1 = pause();
        Set<Map<String, AttributeValue>> beforeTransaction = expected();

        transaction(source, 2);
        Instant t2 = pause();
        Set<Map<String, AttributeValue>> afterTransaction = expected();

        changeSome(source, random, 3);
        transaction(source, 4);
        changeSome(source, random, 5);
        Thread.sleep(1_200);
        Set<Map<String, AttributeValue>> atEnd = expected();

        PointInTimeRecoveryDescription window = pitr(source);
        assertThat(window.earliestRestorableDateTime()).isBefore(t0);
        assertThat(window.latestRestorableDateTime()).isAfter(t2);

        Map<String, Instant> instants = Map.of("t0", t0, "t1", t1, "t2", t2);
        Map<String, String> targets = new HashMap<>();
        for (var e : instants.entrySet()) {
            String target = Tables.uniqueName("pitr-" + e.getKey());
            TableDescription restoring = ddb.restoreTableToPointInTime(b -> b.sourceTableName(source)
                    .targetTableName(target).restoreDateTime(e.getValue())).tableDescription();
            assertThat(restoring.tableStatus()).isEqualTo(TableStatus.CREATING);
            assertThat(restoring.restoreSummary().restoreInProgress()).isTrue();
            assertThat(restoring.restoreSummary().sourceBackupArn()).isNull();
            assertThat(restoring.restoreSummary().sourceTableArn()).endsWith(":table/" + source);
            assertThat(restoring.restoreSummary().restoreDateTime()).isEqualTo(e.getValue().truncatedTo(
                    java.time.temporal.ChronoUnit.MILLIS));
            targets.put(e.getKey(), target);
        }
        String latest = Tables.uniqueName("pitr-latest");
        String sourceArn = ddb.describeTable(b -> b.tableName(source)).table().tableArn();
        ddb.restoreTableToPointInTime(b -> b.sourceTableArn(sourceArn).targetTableName(latest)
                .useLatestRestorableTime(true));

        Tables.eventually(Duration.ofSeconds(60), () -> ddb.describeBackup(b -> b.backupArn(backup))
                .backupDescription().backupDetails().backupStatusAsString().equals("AVAILABLE"));
        String fromBackup = Tables.uniqueName("pitr-backup");
        ddb.restoreTableFromBackup(b -> b.targetTableName(fromBackup).backupArn(backup));
        assertError(() -> ddb.deleteBackup(b -> b.backupArn(backup)), "BackupInUseException",
                "Backup is being restored to a table: " + backup);

        assertRestoredEquals(fromBackup, atBackup);
        assertRestoredEquals(targets.get("t0"), atStart);
        assertRestoredEquals(targets.get("t1"), beforeTransaction);
        assertRestoredEquals(targets.get("t2"), afterTransaction);
        assertRestoredEquals(latest, atEnd);
        assertThat(ddb.describeTable(b -> b.tableName(latest)).table().restoreSummary().restoreInProgress())
                .isFalse();
    }

    @Test
    void theWindowFollowsTheRecoveryPeriod() throws Exception {
        String source = table();
        // a day is 30 s in the suite's server
        ddb.updateContinuousBackups(b -> b.tableName(source).pointInTimeRecoverySpecification(s -> s
                .pointInTimeRecoveryEnabled(true).recoveryPeriodInDays(1)));
        assertThat(pitr(source).recoveryPeriodInDays()).isEqualTo(1);
        for (int i = 0; i < 20; i++) {
            Map<String, AttributeValue> item = item(i, 1);
            ddb.putItem(b -> b.tableName(source).item(item));
            model.put("k" + i, item);
        }
        Instant early = pause();
        Set<Map<String, AttributeValue>> atEarly = expected();
        for (int i = 0; i < 10; i++) {
            int k = i;
            ddb.deleteItem(b -> b.tableName(source).key(keyOf(k)));
            model.remove("k" + i);
        }
        Instant deleted = Instant.now();
        // the window moves on: after a "day", the early instant is out of it, and the base holds what it was
        Tables.eventually(Duration.ofSeconds(60), () -> pitr(source).earliestRestorableDateTime().isAfter(deleted));
        Set<Map<String, AttributeValue>> now = expected();
        assertError(() -> ddb.restoreTableToPointInTime(b -> b.sourceTableName(source)
                        .targetTableName(Tables.uniqueName("pitr-old")).restoreDateTime(early)),
                "InvalidRestoreTimeException", "Invalid restore time: RestoreDateTime must be between "
                        + "EarliestRestorableDateTime and LatestRestorableDateTime");
        String restored = Tables.uniqueName("pitr-window");
        Instant earliest = pitr(source).earliestRestorableDateTime();
        ddb.restoreTableToPointInTime(b -> b.sourceTableName(source).targetTableName(restored)
                .restoreDateTime(earliest.plusSeconds(1)));
        awaitRestored(restored);
        assertThat(scanAll(restored)).isEqualTo(now).isNotEqualTo(atEarly);

        // disabling forgets the window
        ContinuousBackupsDescription disabled = ddb.updateContinuousBackups(b -> b.tableName(source)
                .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(false)))
                .continuousBackupsDescription();
        assertThat(disabled.pointInTimeRecoveryDescription().pointInTimeRecoveryStatus())
                .isEqualTo(PointInTimeRecoveryStatus.DISABLED);
        assertThat(disabled.pointInTimeRecoveryDescription().earliestRestorableDateTime()).isNull();
        assertError(() -> ddb.restoreTableToPointInTime(b -> b.sourceTableName(source)
                        .targetTableName(Tables.uniqueName("pitr-off")).useLatestRestorableTime(true)),
                "PointInTimeRecoveryUnavailableException",
                "Point in time recovery is not enabled for table '" + source + "'");
    }

    @Test
    void pointInTimeOperationsAnswerDynamoDbsErrors() {
        String source = Tables.createHashOnly(ddb, "pitr-err");
        assertError(() -> ddb.updateContinuousBackups(b -> b.tableName("no-such-table")
                        .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true))),
                "TableNotFoundException", "Table not found: no-such-table");
        assertError(() -> ddb.updateContinuousBackups(b -> b.tableName(source)
                        .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true)
                                .recoveryPeriodInDays(36))),
                "ValidationException", "1 validation error detected: Value '36' at "
                        + "'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 35");
        assertError(() -> ddb.restoreTableToPointInTime(b -> b.sourceTableName("no-such-table")
                        .targetTableName(Tables.uniqueName("t")).useLatestRestorableTime(true)),
                "TableNotFoundException", "Table not found: no-such-table");
        assertError(() -> ddb.restoreTableToPointInTime(b -> b.sourceTableName(source)
                        .targetTableName(Tables.uniqueName("t")).useLatestRestorableTime(true)),
                "PointInTimeRecoveryUnavailableException",
                "Point in time recovery is not enabled for table '" + source + "'");

        ddb.updateContinuousBackups(b -> b.tableName(source).pointInTimeRecoverySpecification(s -> s
                .pointInTimeRecoveryEnabled(true)));
        PointInTimeRecoveryDescription d = pitr(source);
        assertThat(d.pointInTimeRecoveryStatus()).isEqualTo(PointInTimeRecoveryStatus.ENABLED);
        assertThat(d.earliestRestorableDateTime()).isBeforeOrEqualTo(d.latestRestorableDateTime());
        assertError(() -> ddb.restoreTableToPointInTime(b -> b.sourceTableName(source).targetTableName(source)
                        .useLatestRestorableTime(true)),
                "TableAlreadyExistsException", "Table already exists: " + source);
        assertError(() -> ddb.restoreTableToPointInTime(b -> b.sourceTableName(source)
                        .targetTableName(Tables.uniqueName("t")).restoreDateTime(Instant.now().plusSeconds(60))),
                "InvalidRestoreTimeException", "Invalid restore time: RestoreDateTime must be between "
                        + "EarliestRestorableDateTime and LatestRestorableDateTime");
        assertErrorCode(() -> ddb.restoreTableToPointInTime(b -> b.targetTableName(Tables.uniqueName("t"))
                .useLatestRestorableTime(true)), "ValidationException");
    }
}
