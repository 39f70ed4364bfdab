package io.jynamo.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BackupDescription;
import software.amazon.awssdk.services.dynamodb.model.BackupDetails;
import software.amazon.awssdk.services.dynamodb.model.BackupStatus;
import software.amazon.awssdk.services.dynamodb.model.BackupSummary;
import software.amazon.awssdk.services.dynamodb.model.BackupType;
import software.amazon.awssdk.services.dynamodb.model.BackupTypeFilter;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.jynamo.it.Tables.def;
import static io.jynamo.it.Tables.key;
import static io.jynamo.it.DynamoAssertions.assertError;
import static io.jynamo.it.DynamoAssertions.assertErrorCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On-demand backups through the SDK: CreateBackup takes the table as it is (items written later are not in it),
 * DescribeBackup, ListBackups and DeleteBackup show and manage it, RestoreTableFromBackup makes a new table that equals
 * the source item for item, with its indexes answering queries and DynamoDB's overrides applied; backups survive
 * DeleteTable; every error with its {@code __type} and message.
 */
class BackupIT extends JynamoIT {

    /**
     * A provisioned table keyed by pk/sk, with a global index on g and a local index on l, holding {@code n} items
     * (10 write units a second: the 3,000 kept for bursts cover the 2,000 of a thousand items and their local entries).
     */
    private String indexedTable(String prefix, int n) {
        String name = Tables.uniqueName(prefix);
        ddb.createTable(b -> b.tableName(name)
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("sk", ScalarAttributeType.N),
                        def("g", ScalarAttributeType.S), def("l", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(t -> t.readCapacityUnits(7L).writeCapacityUnits(10L))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("by-g")
                        .keySchema(key("g", KeyType.HASH), key("sk", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL))
                        .provisionedThroughput(t -> t.readCapacityUnits(2L).writeCapacityUnits(2L)).build())
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("by-l")
                        .keySchema(key("pk", KeyType.HASH), key("l", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE))
                .tags(t -> t.key("team").value("backups")));
        Tables.awaitActive(ddb, name);
        put(name, 0, n);
        return name;
    }

    private static Map<String, AttributeValue> item(int i) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("p" + (i % 37)));
        item.put("sk", AttributeValue.fromN(Integer.toString(i)));
        item.put("payload", AttributeValue.fromS("value " + i + " " + "x".repeat(i % 50)));
        if (i % 3 == 0) {
            // sparse: only some items are in the global index
            item.put("g", AttributeValue.fromS("g" + (i % 5)));
        }
        item.put("l", AttributeValue.fromS("l" + (i % 7)));
        return item;
    }

    /** Puts items {@code from} (inclusive) to {@code to} (exclusive) with BatchWriteItem. */
    private void put(String table, int from, int to) {
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = from; i < to; i++) {
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item(i)).build()).build());
            if (batch.size() == 25 || i == to - 1) {
                List<WriteRequest> requests = List.copyOf(batch);
                ddb.batchWriteItem(b -> b.requestItems(Map.of(table, requests)));
                batch.clear();
            }
        }
    }

    private Set<Map<String, AttributeValue>> scanAll(String table) {
        Set<Map<String, AttributeValue>> items = new HashSet<>();
        ddb.scanPaginator(b -> b.tableName(table)).items().forEach(items::add);
        return items;
    }

    private BackupDescription awaitAvailable(String arn) {
        BackupDescription[] last = new BackupDescription[1];
        Tables.eventually(Duration.ofSeconds(60), () -> {
            last[0] = ddb.describeBackup(b -> b.backupArn(arn)).backupDescription();
            return last[0].backupDetails().backupStatus() == BackupStatus.AVAILABLE;
        });
        return last[0];
    }

    private TableDescription awaitRestored(String table) {
        TableDescription[] last = new TableDescription[1];
        Tables.eventually(Duration.ofSeconds(120), () -> {
            last[0] = ddb.describeTable(b -> b.tableName(table)).table();
            return last[0].tableStatus() == TableStatus.ACTIVE;
        });
        return last[0];
    }

    @Test
    void aBackupHoldsTheTableAsItWasAndRestoresItemForItemWithItsIndexes() {
        String source = indexedTable("backup-src", 1_000);
        Set<Map<String, AttributeValue>> atBackup = scanAll(source);
        Instant before = Instant.now().minusSeconds(1);

        BackupDetails created = ddb.createBackup(b -> b.tableName(source).backupName("nightly.v1_x-y"))
                .backupDetails();
        assertThat(created.backupArn()).matches("arn:aws:dynamodb:[a-z0-9-]+:\\d{12}:table/" + source
                + "/backup/\\d{14}-[0-9a-f]{8}");
        assertThat(created.backupArn()).contains(String.format("/backup/%014d-",
                created.backupCreationDateTime().toEpochMilli()));
        assertThat(created.backupName()).isEqualTo("nightly.v1_x-y");
        assertThat(created.backupType()).isEqualTo(BackupType.USER);
        assertThat(created.backupStatus()).isIn(BackupStatus.CREATING, BackupStatus.AVAILABLE);
        assertThat(created.backupCreationDateTime()).isAfter(before);
        assertThat(created.backupExpiryDateTime()).isNull();

        BackupDescription d = awaitAvailable(created.backupArn());
        assertThat(d.backupDetails().backupSizeBytes()).isPositive();
        assertThat(d.sourceTableDetails().tableName()).isEqualTo(source);
        assertThat(d.sourceTableDetails().itemCount()).isEqualTo(1_000L);
        assertThat(d.sourceTableDetails().tableSizeBytes()).isEqualTo(d.backupDetails().backupSizeBytes());
        assertThat(d.sourceTableDetails().keySchema()).containsExactly(key("pk", KeyType.HASH),
                key("sk", KeyType.RANGE));
        assertThat(d.sourceTableDetails().provisionedThroughput().readCapacityUnits()).isEqualTo(7L);
        assertThat(d.sourceTableDetails().billingModeAsString()).isEqualTo("PROVISIONED");
        assertThat(d.sourceTableFeatureDetails().globalSecondaryIndexes()).singleElement()
                .satisfies(i -> assertThat(i.indexName()).isEqualTo("by-g"));
        assertThat(d.sourceTableFeatureDetails().localSecondaryIndexes()).singleElement()
                .satisfies(i -> assertThat(i.indexName()).isEqualTo("by-l"));
        assertThat(d.sourceTableFeatureDetails().streamDescription().streamViewType())
                .isEqualTo(StreamViewType.NEW_IMAGE);
        assertThat(d.sourceTableFeatureDetails().timeToLiveDescription().timeToLiveStatusAsString())
                .isEqualTo("DISABLED");

        // changes after the backup are not in it
        put(source, 1_000, 1_100);
        ddb.deleteItem(b -> b.tableName(source).key(Map.of("pk", AttributeValue.fromS("p0"),
                "sk", AttributeValue.fromN("0"))));

        String target = Tables.uniqueName("backup-restored");
        TableDescription restoring = ddb.restoreTableFromBackup(b -> b.targetTableName(target)
                .backupArn(created.backupArn())).tableDescription();
        assertThat(restoring.tableStatus()).isEqualTo(TableStatus.CREATING);
        assertThat(restoring.restoreSummary().sourceBackupArn()).isEqualTo(created.backupArn());
        assertThat(restoring.restoreSummary().sourceTableArn()).endsWith(":table/" + source);
        assertThat(restoring.restoreSummary().restoreDateTime()).isEqualTo(created.backupCreationDateTime());
        assertThat(restoring.restoreSummary().restoreInProgress()).isTrue();

        TableDescription restored = awaitRestored(target);
        assertThat(restored.restoreSummary().restoreInProgress()).isFalse();
        assertThat(restored.restoreSummary().sourceBackupArn()).isEqualTo(created.backupArn());
        assertThat(restored.billingModeSummary().billingModeAsString()).isEqualTo("PROVISIONED");
        assertThat(restored.provisionedThroughput().readCapacityUnits()).isEqualTo(7L);
        assertThat(restored.provisionedThroughput().writeCapacityUnits()).isEqualTo(10L);
        assertThat(restored.globalSecondaryIndexes()).singleElement().satisfies(i -> {
            assertThat(i.indexName()).isEqualTo("by-g");
            assertThat(i.provisionedThroughput().readCapacityUnits()).isEqualTo(2L);
        });
        assertThat(restored.localSecondaryIndexes()).singleElement()
                .satisfies(i -> assertThat(i.indexName()).isEqualTo("by-l"));
        // DynamoDB does not restore streams, tags or TTL
        assertThat(restored.streamSpecification()).isNull();
        assertThat(ddb.listTagsOfResource(b -> b.resourceArn(restored.tableArn())).tags()).isEmpty();

        assertThat(scanAll(target)).isEqualTo(atBackup);
        // the indexes answer as the source's did when the backup was taken
        var byG = ddb.query(b -> b.tableName(target).indexName("by-g").keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("g2")))).items();
        assertThat(byG).hasSize((int) atBackup.stream().filter(i -> i.containsKey("g")
                && i.get("g").s().equals("g2")).count()).isNotEmpty();
        var byL = ddb.query(b -> b.tableName(target).indexName("by-l")
                .keyConditionExpression("pk = :p AND l = :l").expressionAttributeValues(Map.of(
                        ":p", AttributeValue.fromS("p3"), ":l", AttributeValue.fromS("l3")))).items();
        assertThat(byL).hasSize((int) atBackup.stream().filter(i -> i.get("pk").s().equals("p3")
                && i.get("l").s().equals("l3")).count()).isNotEmpty();
        // the restored table takes writes once ACTIVE
        ddb.putItem(b -> b.tableName(target).item(item(5_000)));
    }

    @Test
    void overridesChangeBillingAndLeaveIndexesOut() {
        String source = indexedTable("backup-ovr", 60);
        String arn = ddb.createBackup(b -> b.tableName(source).backupName("ovr")).backupDetails().backupArn();
        awaitAvailable(arn);

        // on-demand maxima need an on-demand target
        assertError(() -> ddb.restoreTableFromBackup(b -> b.targetTableName(Tables.uniqueName("backup-ovr-max"))
                        .backupArn(arn).onDemandThroughputOverride(o -> o.maxReadRequestUnits(10L))),
                "ValidationException", "One or more parameter values were invalid: Cannot override "
                        + "MaxReadRequestUnits for OnDemandThroughput unless BillingModeOverride is PAY_PER_REQUEST");
        String onDemand = Tables.uniqueName("backup-ovr-ppr");
        ddb.restoreTableFromBackup(b -> b.targetTableName(onDemand).backupArn(arn)
                .billingModeOverride(BillingMode.PAY_PER_REQUEST).globalSecondaryIndexOverride(List.of())
                .onDemandThroughputOverride(o -> o.maxReadRequestUnits(10L).maxWriteRequestUnits(20L)));
        TableDescription t = awaitRestored(onDemand);
        assertThat(t.billingModeSummary().billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
        assertThat(t.onDemandThroughput().maxReadRequestUnits()).isEqualTo(10L);
        assertThat(t.onDemandThroughput().maxWriteRequestUnits()).isEqualTo(20L);
        assertThat(t.provisionedThroughput().readCapacityUnits()).isZero();
        assertThat(t.globalSecondaryIndexes()).isEmpty();
        assertThat(t.localSecondaryIndexes()).hasSize(1);
        // the global index's key attribute is no longer defined
        assertThat(t.attributeDefinitions()).extracting(AttributeDefinition::attributeName)
                .containsExactlyInAnyOrder("pk", "sk", "l");
        assertThat(scanAll(onDemand)).hasSize(60);

        String bigger = Tables.uniqueName("backup-ovr-pt");
        ddb.restoreTableFromBackup(b -> b.targetTableName(bigger).backupArn(arn)
                .provisionedThroughputOverride(p -> p.readCapacityUnits(100L).writeCapacityUnits(50L)));
        assertThat(awaitRestored(bigger).provisionedThroughput().readCapacityUnits()).isEqualTo(100L);

        String unknown = Tables.uniqueName("backup-ovr-bad");
        assertError(() -> ddb.restoreTableFromBackup(b -> b.targetTableName(unknown).backupArn(arn)
                        .globalSecondaryIndexOverride(GlobalSecondaryIndex.builder().indexName("new-index")
                                .keySchema(key("l", KeyType.HASH))
                                .projection(p -> p.projectionType(ProjectionType.ALL))
                                .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))
                                .build())),
                "ValidationException", "One or more parameter values were invalid: Index new-index does not exist in "
                        + "the source table; new indexes cannot be created at the time of restore");

        // an on-demand source keeps its maxima when restored as it is
        String onDemandArn = ddb.createBackup(b -> b.tableName(onDemand).backupName("ppr")).backupDetails()
                .backupArn();
        awaitAvailable(onDemandArn);
        String again = Tables.uniqueName("backup-ovr-again");
        ddb.restoreTableFromBackup(b -> b.targetTableName(again).backupArn(onDemandArn));
        assertThat(awaitRestored(again).onDemandThroughput().maxWriteRequestUnits()).isEqualTo(20L);
        // restored as provisioned, it needs throughput for the table and for every global index
        assertError(() -> ddb.restoreTableFromBackup(b -> b.targetTableName(unknown).backupArn(onDemandArn)
                        .billingModeOverride(BillingMode.PROVISIONED)),
                "ValidationException", "One or more parameter values were invalid: ProvisionedThroughputOverride "
                        + "must be specified when BillingModeOverride is PROVISIONED");
        assertErrorCode(() -> ddb.describeTable(b -> b.tableName(unknown)), "ResourceNotFoundException");
    }

    @Test
    void backupsSurviveDeleteTableAndRestoreUnderTheSameName() {
        String table = Tables.createHashOnly(ddb, "backup-del");
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("kept"))));
        String arn = ddb.createBackup(b -> b.tableName(table).backupName("before-delete")).backupDetails()
                .backupArn();
        awaitAvailable(arn);
        ddb.deleteTable(b -> b.tableName(table));
        Tables.awaitGone(ddb, table);

        assertThat(ddb.listBackups(b -> b.tableName(table)).backupSummaries())
                .extracting(BackupSummary::backupArn).containsExactly(arn);
        assertThat(ddb.describeBackup(b -> b.backupArn(arn)).backupDescription().sourceTableDetails().tableName())
                .isEqualTo(table);
        ddb.restoreTableFromBackup(b -> b.targetTableName(table).backupArn(arn));
        awaitRestored(table);
        assertThat(scanAll(table)).containsExactly(Map.of("pk", AttributeValue.fromS("kept")));
    }

    @Test
    void listBackupsFiltersByTableTypeAndTimeAndPages() {
        String table = Tables.createHashOnly(ddb, "backup-list");
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            arns.add(ddb.createBackup(b -> b.tableName(table).backupName("bk" + n)).backupDetails().backupArn());
        }
        arns.forEach(this::awaitAvailable);
        // by ARN too
        TableDescription t = ddb.describeTable(b -> b.tableName(table)).table();
        assertThat(ddb.listBackups(b -> b.tableName(t.tableArn())).backupSummaries())
                .extracting(BackupSummary::backupArn).containsExactlyElementsOf(arns);

        BackupSummary first = ddb.listBackups(b -> b.tableName(table)).backupSummaries().get(0);
        assertThat(first.tableName()).isEqualTo(table);
        assertThat(first.tableId()).isEqualTo(t.tableId());
        assertThat(first.tableArn()).isEqualTo(t.tableArn());
        assertThat(first.backupName()).isEqualTo("bk0");
        assertThat(first.backupStatus()).isEqualTo(BackupStatus.AVAILABLE);
        assertThat(first.backupType()).isEqualTo(BackupType.USER);

        List<String> paged = new ArrayList<>();
        String start = null;
        int pages = 0;
        do {
            String from = start;
            ListBackupsResponse page = ddb.listBackups(b -> b.tableName(table).limit(1)
                    .exclusiveStartBackupArn(from));
            page.backupSummaries().forEach(s -> paged.add(s.backupArn()));
            start = page.lastEvaluatedBackupArn();
            pages++;
        } while (start != null);
        assertThat(paged).containsExactlyElementsOf(arns);
        assertThat(pages).isEqualTo(3);

        Instant second = ddb.describeBackup(b -> b.backupArn(arns.get(1))).backupDescription().backupDetails()
                .backupCreationDateTime();
        // the lower bound is inclusive, the upper exclusive
        assertThat(ddb.listBackups(b -> b.tableName(table).timeRangeLowerBound(second)).backupSummaries())
                .extracting(BackupSummary::backupArn).containsExactlyElementsOf(arns.subList(1, 3));
        assertThat(ddb.listBackups(b -> b.tableName(table).timeRangeUpperBound(second)).backupSummaries())
                .extracting(BackupSummary::backupArn).containsExactly(arns.get(0));
        assertThat(ddb.listBackups(b -> b.tableName(table).backupType(BackupTypeFilter.SYSTEM)).backupSummaries())
                .isEmpty();
        assertThat(ddb.listBackups(b -> b.tableName(table).backupType(BackupTypeFilter.ALL)).backupSummaries())
                .hasSize(3);

        BackupDescription deleted = ddb.deleteBackup(b -> b.backupArn(arns.get(0))).backupDescription();
        assertThat(deleted.backupDetails().backupStatus()).isEqualTo(BackupStatus.DELETED);
        assertThat(ddb.listBackups(b -> b.tableName(table)).backupSummaries())
                .extracting(BackupSummary::backupArn).containsExactlyElementsOf(arns.subList(1, 3));
        assertError(() -> ddb.describeBackup(b -> b.backupArn(arns.get(0))), "BackupNotFoundException",
                "Backup not found: " + arns.get(0));
        assertError(() -> ddb.deleteBackup(b -> b.backupArn(arns.get(0))), "BackupNotFoundException",
                "Backup not found: " + arns.get(0));
    }

    @Test
    void aBackupPlanMakesSystemBackupsAndDeletesThemWhenTheyExpire() {
        String table = Tables.createHashOnly(ddb, "backup-plan");
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("planned"))));
        String arn = ddb.describeTable(b -> b.tableName(table)).table().tableArn();
        // every 3 s, each kept 6 s (the suite runs backup-retention every 2 s)
        ddb.tagResource(b -> b.resourceArn(arn).tags(t -> t.key("jynamo:backup-plan").value("every=3s keep=6s")));

        Tables.eventually(Duration.ofSeconds(30), () -> !systemBackups(table).isEmpty());
        BackupSummary first = systemBackups(table).get(0);
        assertThat(first.backupType()).isEqualTo(BackupType.SYSTEM);
        assertThat(first.backupName()).matches("plan\\.\\d{8}T\\d{6}Z");
        assertThat(Duration.between(first.backupCreationDateTime(), first.backupExpiryDateTime()))
                .isEqualTo(Duration.ofSeconds(6));
        // not listed as the default type (USER)
        assertThat(ddb.listBackups(b -> b.tableName(table)).backupSummaries()).isEmpty();

        // more are made, and the first is gone once expired
        Tables.eventually(Duration.ofSeconds(30), () -> systemBackups(table).stream()
                .noneMatch(s -> s.backupArn().equals(first.backupArn())) && !systemBackups(table).isEmpty());
        assertError(() -> ddb.describeBackup(b -> b.backupArn(first.backupArn())), "BackupNotFoundException",
                "Backup not found: " + first.backupArn());
        BackupSummary later = systemBackups(table).get(0);
        awaitAvailable(later.backupArn());
        String restored = Tables.uniqueName("backup-plan-restored");
        ddb.restoreTableFromBackup(b -> b.targetTableName(restored).backupArn(later.backupArn()));
        awaitRestored(restored);
        assertThat(scanAll(restored)).containsExactly(Map.of("pk", AttributeValue.fromS("planned")));

        ddb.untagResource(b -> b.resourceArn(arn).tagKeys("jynamo:backup-plan"));
        // without a plan, the remaining ones still expire
        Tables.eventually(Duration.ofSeconds(30), () -> systemBackups(table).isEmpty());
    }

    private List<BackupSummary> systemBackups(String table) {
        return ddb.listBackups(b -> b.tableName(table).backupType(BackupTypeFilter.SYSTEM)).backupSummaries();
    }

    @Test
    void restoringNeedsTheRestoreActionOnTheBackupAndWritesOnTheNewTable() {
        String table = Tables.createHashOnly(ddb, "backup-authz");
        String tableArn = ddb.describeTable(b -> b.tableName(table)).table().tableArn();
        String account = tableArn.split(":")[4];
        String backupOnly = Tables.uniqueName("backup-authz-target");
        String restorer = Tables.uniqueName("backup-authz-target");
        // may back up and restore this table's backups, but write only to the second target
        software.amazon.awssdk.auth.credentials.AwsCredentials credentials;
        try (var iam = Clients.iam(endpoint, Clients.administrator())) {
            credentials = Users.withPolicy(iam, "restorer", "{\"Version\":\"2012-10-17\",\"Statement\":["
                    + "{\"Effect\":\"Allow\",\"Action\":[\"dynamodb:CreateBackup\",\"dynamodb:DescribeBackup\","
                    + "\"dynamodb:RestoreTableFromBackup\"],\"Resource\":[\"" + tableArn + "\",\"" + tableArn
                    + "/backup/*\"]},{\"Effect\":\"Allow\",\"Action\":[\"dynamodb:PutItem\",\"dynamodb:UpdateItem\","
                    + "\"dynamodb:DeleteItem\",\"dynamodb:GetItem\",\"dynamodb:Query\",\"dynamodb:Scan\","
                    + "\"dynamodb:BatchWriteItem\"],\"Resource\":\"arn:aws:dynamodb:us-east-1:" + account + ":table/"
                    + restorer + "\"}]}");
        }
        try (var user = Clients.dynamoDb(endpoint, credentials)) {
            String arn = user.createBackup(b -> b.tableName(table).backupName("by-user")).backupDetails().backupArn();
            awaitAvailable(arn);
            assertThat(user.describeBackup(b -> b.backupArn(arn)).backupDescription().backupDetails().backupName())
                    .isEqualTo("by-user");
            // no write access to this target: refused, and no table made
            assertErrorCode(() -> user.restoreTableFromBackup(b -> b.targetTableName(backupOnly).backupArn(arn)),
                    "AccessDeniedException");
            assertErrorCode(() -> ddb.describeTable(b -> b.tableName(backupOnly)), "ResourceNotFoundException");
            // not allowed to list backups at all
            assertErrorCode(user::listBackups, "AccessDeniedException");
            user.restoreTableFromBackup(b -> b.targetTableName(restorer).backupArn(arn));
            awaitRestored(restorer);
        }
    }

    @Test
    void backupOperationsAnswerDynamoDbsErrors() throws Exception {
        String table = Tables.createHashOnly(ddb, "backup-err");
        assertError(() -> ddb.createBackup(b -> b.tableName("no-such-table").backupName("x-1")),
                "TableNotFoundException", "Table not found: no-such-table");
        assertError(() -> ddb.createBackup(b -> b.tableName(table).backupName("no spaces")), "ValidationException",
                "1 validation error detected: Value 'no spaces' at 'backupName' failed to satisfy constraint: Member "
                        + "must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        assertError(() -> ddb.createBackup(b -> b.tableName(table).backupName("ab")), "ValidationException",
                "1 validation error detected: Value 'ab' at 'backupName' failed to satisfy constraint: Member must "
                        + "have length greater than or equal to 3");
        String missing = "arn:aws:dynamodb:us-east-1:000000000000:table/" + table + "/backup/01700000000000-00000000";
        assertError(() -> ddb.describeBackup(b -> b.backupArn(missing)), "BackupNotFoundException",
                "Backup not found: " + missing);
        assertError(() -> ddb.describeBackup(b -> b.backupArn("too-short")), "ValidationException",
                "1 validation error detected: Value 'too-short' at 'backupArn' failed to satisfy constraint: Member "
                        + "must have length greater than or equal to 37");
        assertError(() -> ddb.restoreTableFromBackup(b -> b.targetTableName(Tables.uniqueName("r"))
                .backupArn(missing)), "BackupNotFoundException", "Backup not found: " + missing);
        // a time given as text instead of epoch seconds
        var answer = java.net.http.HttpClient.newHttpClient().send(SignedHttp.post(endpoint, Map.of("Content-Type",
                "application/x-amz-json-1.0", "X-Amz-Target", "DynamoDB_20120810.ListBackups"),
                "{\"TimeRangeLowerBound\":\"2026-01-01T00:00:00Z\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("com.amazon.coral.service#SerializationException")
                .contains("class java.lang.String can not be converted to milliseconds since epoch");
        assertError(() -> ddb.listBackups(b -> b.limit(101)), "ValidationException",
                "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have "
                        + "value less than or equal to 100");

        // a table is not backed up while it is being created
        String fresh = Tables.uniqueName("backup-err-new");
        ddb.createTable(Tables.hashOnlyRequest(fresh));
        assertError(() -> ddb.createBackup(b -> b.tableName(fresh).backupName("too-soon")),
                "ContinuousBackupsUnavailableException", "Backups are being enabled for the table: " + fresh
                        + ". Please retry later");

        String arn = ddb.createBackup(b -> b.tableName(table).backupName("err")).backupDetails().backupArn();
        awaitAvailable(arn);
        assertError(() -> ddb.restoreTableFromBackup(b -> b.targetTableName(table).backupArn(arn)),
                "TableAlreadyExistsException", "Table already exists: " + table);
        // a table being deleted (DELETING for a while) cannot be the target yet
        String deleting = Tables.createHashOnly(ddb, "backup-err-deleting");
        ddb.deleteTable(b -> b.tableName(deleting));
        assertError(() -> ddb.restoreTableFromBackup(b -> b.targetTableName(deleting).backupArn(arn)),
                "TableInUseException", "Table is being deleted: " + deleting);
    }
}
