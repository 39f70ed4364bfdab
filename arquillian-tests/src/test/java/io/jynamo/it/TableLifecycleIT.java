package io.jynamo.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableClass;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jynamo.it.DynamoAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** CreateTable, DescribeTable, ListTables, UpdateTable and DeleteTable as a user sees them through the SDK. */
class TableLifecycleIT extends JynamoIT {

    @Test
    void createTableReturnsTheDescriptionAndTheTableBecomesActiveShortlyAfter() {
        String name = Tables.uniqueName("life");
        Instant before = Instant.now().minusSeconds(1);
        CreateTableResponse created = ddb.createTable(b -> b.tableName(name)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("ts").attributeType(ScalarAttributeType.N).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("ts").keyType(KeyType.RANGE).build())
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(7L))
                .tags(t -> t.key("team").value("core")));

        TableDescription t = created.tableDescription();
        assertThat(t.tableStatus()).isEqualTo(TableStatus.CREATING);
        assertThat(t.tableName()).isEqualTo(name);
        assertThat(t.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("id", "ts");
        assertThat(t.provisionedThroughput().readCapacityUnits()).isEqualTo(5L);
        assertThat(t.provisionedThroughput().writeCapacityUnits()).isEqualTo(7L);
        assertThat(t.tableArn()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/" + name);
        assertThat(t.tableId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(t.creationDateTime()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(t.itemCount()).isZero();
        assertThat(t.tableSizeBytes()).isZero();

        // while it is CREATING, as in DynamoDB: described, but neither usable nor changeable
        Map<String, AttributeValue> item = Map.of("id", AttributeValue.fromS("a"), "ts", AttributeValue.fromN("1"));
        assertThat(ddb.describeTable(b -> b.tableName(name)).table().tableStatus()).isEqualTo(TableStatus.CREATING);
        assertError(() -> ddb.putItem(b -> b.tableName(name).item(item)), "ResourceNotFoundException",
                "Requested resource not found");
        String inUse = "Attempt to change a resource which is still in use: Table is being created: " + name;
        assertError(() -> ddb.updateTable(b -> b.tableName(name).deletionProtectionEnabled(true)),
                "ResourceInUseException", inUse);
        assertError(() -> ddb.deleteTable(b -> b.tableName(name)), "ResourceInUseException", inUse);
        assertError(() -> ddb.createTable(Tables.hashOnlyRequest(name)), "ResourceInUseException", inUse);

        Tables.awaitActive(ddb, name);
        ddb.putItem(b -> b.tableName(name).item(item));

        TableDescription described = Tables.awaitItemCount(ddb, name, 1);
        assertThat(described.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(described.tableSizeBytes()).isGreaterThan(0L);
        assertThat(described.billingModeSummary().billingMode()).isEqualTo(BillingMode.PROVISIONED);
        assertThat(described.tableClassSummary()).isNull();
        assertThat(described.deletionProtectionEnabled()).isFalse();
        assertThat(described.creationDateTime()).isEqualTo(t.creationDateTime());
        assertThat(described.attributeDefinitions()).containsExactlyInAnyOrderElementsOf(t.attributeDefinitions());
    }

    @Test
    void onDemandTablesReportZeroThroughputAndWhenTheyBecameOnDemand() {
        String name = Tables.createHashOnly(ddb, "ondemand");
        TableDescription t = ddb.describeTable(b -> b.tableName(name)).table();
        assertThat(t.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(t.billingModeSummary().lastUpdateToPayPerRequestDateTime()).isEqualTo(t.creationDateTime());
        assertThat(t.provisionedThroughput().readCapacityUnits()).isZero();
        assertThat(t.provisionedThroughput().writeCapacityUnits()).isZero();
        assertThat(t.provisionedThroughput().numberOfDecreasesToday()).isZero();
    }

    @Test
    void tableClassIsReportedOnlyWhenSet() {
        String name = Tables.uniqueName("class");
        ddb.createTable(b -> b.tableName(name)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .tableClass(TableClass.STANDARD_INFREQUENT_ACCESS));
        assertThat(ddb.describeTable(b -> b.tableName(name)).table().tableClassSummary().tableClass())
                .isEqualTo(TableClass.STANDARD_INFREQUENT_ACCESS);
        Tables.awaitActive(ddb, name);

        // the change is carried out in the background (the table-class job), as DynamoDB's is
        ddb.updateTable(b -> b.tableName(name).tableClass(TableClass.STANDARD));
        Tables.eventually(java.time.Duration.ofSeconds(30), () -> ddb.describeTable(b -> b.tableName(name)).table()
                .tableClassSummary().tableClass() == TableClass.STANDARD);
    }

    @Test
    void creatingATableThatExistsIsResourceInUse() {
        String name = Tables.createHashOnly(ddb, "dup");
        assertError(() -> ddb.createTable(Tables.hashOnlyRequest(name)), "ResourceInUseException",
                "Table already exists: " + name);
    }

    @Test
    void listTablesPagesThroughAllTablesInNameOrder() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(Tables.createHashOnly(ddb, "list"));
        }
        List<String> all = new ArrayList<>();
        String start = null;
        int pages = 0;
        do {
            String from = start;
            ListTablesResponse page = ddb.listTables(b -> b.limit(2).exclusiveStartTableName(from));
            assertThat(page.tableNames()).hasSizeLessThanOrEqualTo(2);
            all.addAll(page.tableNames());
            start = page.lastEvaluatedTableName();
            pages++;
        } while (start != null);
        assertThat(all).containsAll(mine).isSorted().doesNotHaveDuplicates();
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(ddb.listTables().tableNames()).containsAll(mine);
    }

    @Test
    void updateTableChangesThroughputAndBillingMode() {
        String name = Tables.uniqueName("upd");
        ddb.createTable(b -> b.tableName(name)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L)));
        Tables.awaitActive(ddb, name);

        TableDescription updated = ddb.updateTable(b -> b.tableName(name)
                .provisionedThroughput(p -> p.readCapacityUnits(20L).writeCapacityUnits(15L))).tableDescription();
        assertThat(updated.tableStatus()).isEqualTo(TableStatus.UPDATING);
        TableDescription after = ddb.describeTable(b -> b.tableName(name)).table();
        assertThat(after.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(after.provisionedThroughput().readCapacityUnits()).isEqualTo(20L);
        assertThat(after.provisionedThroughput().writeCapacityUnits()).isEqualTo(15L);
        assertThat(after.provisionedThroughput().lastIncreaseDateTime()).isNotNull();

        ddb.updateTable(b -> b.tableName(name).provisionedThroughput(p -> p.readCapacityUnits(1L)
                .writeCapacityUnits(1L)));
        TableDescription decreased = ddb.describeTable(b -> b.tableName(name)).table();
        assertThat(decreased.provisionedThroughput().numberOfDecreasesToday()).isEqualTo(1L);
        assertThat(decreased.provisionedThroughput().lastDecreaseDateTime()).isNotNull();

        assertError(() -> ddb.updateTable(b -> b.tableName(name).provisionedThroughput(p -> p.readCapacityUnits(1L)
                        .writeCapacityUnits(1L))), "ValidationException",
                "The provisioned throughput for the table will not change. The requested value equals the current "
                        + "value. Current ReadCapacityUnits provisioned for the table: 1. Requested "
                        + "ReadCapacityUnits: 1. Current WriteCapacityUnits provisioned for the table: 1. Requested "
                        + "WriteCapacityUnits: 1. Refer to the Amazon DynamoDB Developer Guide for current limits "
                        + "and how to request higher limits.");

        ddb.updateTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST));
        TableDescription onDemand = ddb.describeTable(b -> b.tableName(name)).table();
        assertThat(onDemand.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(onDemand.billingModeSummary().lastUpdateToPayPerRequestDateTime()).isNotNull();
        assertThat(onDemand.provisionedThroughput().readCapacityUnits()).isZero();

        assertError(() -> ddb.updateTable(b -> b.tableName(name).provisionedThroughput(p -> p.readCapacityUnits(3L)
                        .writeCapacityUnits(3L))), "ValidationException",
                "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be "
                        + "specified when BillingMode is PAY_PER_REQUEST");

        ddb.updateTable(b -> b.tableName(name).billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(4L).writeCapacityUnits(6L)));
        TableDescription back = ddb.describeTable(b -> b.tableName(name)).table();
        assertThat(back.billingModeSummary().billingMode()).isEqualTo(BillingMode.PROVISIONED);
        assertThat(back.provisionedThroughput().readCapacityUnits()).isEqualTo(4L);
        assertThat(back.provisionedThroughput().writeCapacityUnits()).isEqualTo(6L);
    }

    @Test
    void deleteTableRemovesTheTableAndItsItems() throws Exception {
        String name = Tables.createHashOnly(ddb, "del");
        ddb.putItem(b -> b.tableName(name).item(Map.of("pk", AttributeValue.fromS("x"))));
        Tables.awaitItemCount(ddb, name, 1);

        DeleteTableResponse deleted = ddb.deleteTable(b -> b.tableName(name));
        assertThat(deleted.tableDescription().tableName()).isEqualTo(name);
        assertThat(deleted.tableDescription().tableStatus()).isEqualTo(TableStatus.DELETING);
        assertThat(deleted.tableDescription().itemCount()).isEqualTo(1L);
        assertThat(deleted.tableDescription().keySchema()).as("DynamoDB leaves the schema out").isEmpty();

        // while it is DELETING, as in DynamoDB: described and listed, its items gone, the name still taken
        assertThat(ddb.describeTable(b -> b.tableName(name)).table().tableStatus()).isEqualTo(TableStatus.DELETING);
        assertThat(ddb.listTables().tableNames()).contains(name);
        assertError(() -> ddb.getItem(b -> b.tableName(name).key(Map.of("pk", AttributeValue.fromS("x")))),
                "ResourceNotFoundException", "Requested resource not found");
        assertError(() -> ddb.deleteTable(b -> b.tableName(name)), "ResourceInUseException",
                "Attempt to change a resource which is still in use: Table is being deleted: " + name);
        assertError(() -> ddb.createTable(Tables.hashOnlyRequest(name)), "ResourceInUseException",
                "Table already exists: " + name);

        Tables.awaitGone(ddb, name);
        assertThat(ddb.listTables().tableNames()).doesNotContain(name);
        assertError(() -> ddb.describeTable(b -> b.tableName(name)), "ResourceNotFoundException",
                "Requested resource not found: Table: " + name + " not found");
        assertError(() -> ddb.getItem(b -> b.tableName(name).key(Map.of("pk", AttributeValue.fromS("x")))),
                "ResourceNotFoundException", "Requested resource not found");

        // a table of the same name starts empty
        ddb.createTable(Tables.hashOnlyRequest(name));
        Tables.awaitActive(ddb, name);
        assertThat(ddb.getItem(b -> b.tableName(name).key(Map.of("pk", AttributeValue.fromS("x")))).hasItem())
                .isFalse();
        try (var c = TestDatabase.connect(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM catalog_table WHERE name = '" + name + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void deletionProtectionPreventsDeleteTableUntilDisabled() {
        String name = Tables.uniqueName("protected");
        ddb.createTable(b -> b.tableName(name)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .deletionProtectionEnabled(true));
        Tables.awaitActive(ddb, name);
        assertError(() -> ddb.deleteTable(b -> b.tableName(name)), "ValidationException",
                "Resource cannot be deleted as it is currently protected against deletion. Disable deletion "
                        + "protection first.");
        ddb.updateTable(b -> b.tableName(name).deletionProtectionEnabled(false));
        ddb.deleteTable(b -> b.tableName(name));
        Tables.awaitGone(ddb, name);
        assertThat(ddb.listTables().tableNames()).doesNotContain(name);
    }

    @Test
    void operationsOnMissingTablesAreResourceNotFound() {
        assertError(() -> ddb.describeTable(b -> b.tableName("no_such_table")), "ResourceNotFoundException",
                "Requested resource not found: Table: no_such_table not found");
        assertError(() -> ddb.deleteTable(b -> b.tableName("no_such_table")), "ResourceNotFoundException",
                "Requested resource not found: Table: no_such_table not found");
        assertError(() -> ddb.updateTable(b -> b.tableName("no_such_table").billingMode(BillingMode.PAY_PER_REQUEST)),
                "ResourceNotFoundException", "Requested resource not found: Table: no_such_table not found");
        assertError(() -> ddb.putItem(b -> b.tableName("no_such_table").item(Map.of("a", AttributeValue.fromS("b")))),
                "ResourceNotFoundException", "Requested resource not found");
        assertError(() -> ddb.deleteItem(b -> b.tableName("no_such_table").key(Map.of("a", AttributeValue.fromS("b")))),
                "ResourceNotFoundException", "Requested resource not found");
    }
}
