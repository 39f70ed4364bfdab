package io.jynamo.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableClass;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.jynamo.it.DynamoAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Table classes as DynamoDB keeps them (TableClassSummary, a change carried out in the background while the table
 * shows UPDATING, two changes in 30 days, a change alone in its request) and as Jynamo stores them: an
 * infrequent-access table's partitions compress items past 128 bytes (PostgreSQL's toast_tuple_target), a standard
 * one's keep the default.
 * The suite's server runs the table-class job every 3 seconds.
 */
class TableClassIT extends JynamoIT {
    private TableDescription describe(String table) {
        return ddb.describeTable(b -> b.tableName(table)).table();
    }

    /** The toast_tuple_target of the table's item partition; null when it has PostgreSQL's default. */
    private static String toastTarget(String table) throws SQLException {
        try (Connection c = TestDatabase.connect()) {
            long id = TestDatabase.tableId(c, table);
            try (PreparedStatement ps = c.prepareStatement("SELECT option FROM pg_class, unnest(reloptions) option"
                    + " WHERE relname = ? AND option LIKE 'toast_tuple_target=%'")) {
                ps.setString(1, "item_" + id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        }
    }

    @Test
    void aClassChangeRunsInTheBackgroundTwiceIn30DaysAndChangesHowItemsAreStored() throws Exception {
        String table = Tables.uniqueName("classes");
        ddb.createTable(Tables.hashOnlyRequest(table).toBuilder().tableClass(TableClass.STANDARD_INFREQUENT_ACCESS)
                .build());
        Tables.awaitActive(ddb, table);
        assertThat(describe(table).tableClassSummary().tableClass()).isEqualTo(TableClass.STANDARD_INFREQUENT_ACCESS);
        assertThat(describe(table).tableClassSummary().lastUpdateDateTime()).isNull();
        assertThat(toastTarget(table)).isEqualTo("toast_tuple_target=128");
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("a"),
                "data", AttributeValue.fromS("x".repeat(3000)))));

        // the answer shows the class before; the table is UPDATING until the job has changed its storage
        Instant requested = Instant.now();
        TableDescription answer = ddb.updateTable(b -> b.tableName(table).tableClass(TableClass.STANDARD))
                .tableDescription();
        assertThat(answer.tableStatusAsString()).isEqualTo("UPDATING");
        assertThat(answer.tableClassSummary().tableClass()).isEqualTo(TableClass.STANDARD_INFREQUENT_ACCESS);
        // another change meanwhile is refused, as DynamoDB refuses it (the job runs every 3 s: this is well before)
        assertError(() -> ddb.updateTable(b -> b.tableName(table).tableClass(TableClass.STANDARD_INFREQUENT_ACCESS)),
                "ResourceInUseException", "Attempt to change a resource which is still in use: Can't update table "
                        + "class when a table class update is in progress. Table: " + table
                        + " TableClassUpdateInProgress: STANDARD");
        // the items are served all along
        assertThat(ddb.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("a")))).item())
                .containsKey("data");
        Tables.awaitActive(ddb, table);
        TableDescription changed = describe(table);
        assertThat(changed.tableClassSummary().tableClass()).isEqualTo(TableClass.STANDARD);
        assertThat(changed.tableClassSummary().lastUpdateDateTime()).isAfter(requested.minusSeconds(1));
        assertThat(toastTarget(table)).isNull();

        // the second change of 30 days, back to infrequent access: its partitions compress items past 128 bytes
        ddb.updateTable(b -> b.tableName(table).tableClass(TableClass.STANDARD_INFREQUENT_ACCESS));
        Tables.eventually(Duration.ofSeconds(30), () -> describe(table).tableStatusAsString().equals("ACTIVE"));
        assertThat(describe(table).tableClassSummary().tableClass()).isEqualTo(TableClass.STANDARD_INFREQUENT_ACCESS);
        assertThat(toastTarget(table)).isEqualTo("toast_tuple_target=128");
        assertThat(ddb.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("a")))).item()
                .get("data").s()).hasSize(3000);

        // a third is over DynamoDB's limit, even for the class the table has
        assertError(() -> ddb.updateTable(b -> b.tableName(table).tableClass(TableClass.STANDARD)),
                "LimitExceededException", "Subscriber limit exceeded: Updates to TableClass are limited to 2 times "
                        + "in 30 day(s).");
        assertError(() -> ddb.updateTable(b -> b.tableName(table).tableClass(TableClass.STANDARD_INFREQUENT_ACCESS)),
                "LimitExceededException", "Subscriber limit exceeded: Updates to TableClass are limited to 2 times "
                        + "in 30 day(s).");
    }

    @Test
    void aClassChangeIsTheOnlyChangeOfItsRequestAndTheClassOfATableIsNotChangedByItsOwnName() {
        String table = Tables.uniqueName("classes");
        ddb.createTable(Tables.hashOnlyRequest(table));
        Tables.awaitActive(ddb, table);
        assertError(() -> ddb.updateTable(b -> b.tableName(table).tableClass(TableClass.STANDARD_INFREQUENT_ACCESS)
                        .deletionProtectionEnabled(true)), "ValidationException",
                "One or more parameter values were invalid: TableClass modification must be the only operation in "
                        + "the request");
        assertError(() -> ddb.updateTable(b -> b.tableName(table).tableClass("GLACIER")),
                "ValidationException", "Invalid table-class parameter provided. Please try again with a valid "
                        + "table-class value: [STANDARD, STANDARD_INFREQUENT_ACCESS].");
        // the class a table has (STANDARD, never set): accepted, nothing changes, nothing counted
        for (int i = 0; i < 3; i++) {
            assertThat(ddb.updateTable(b -> b.tableName(table).tableClass(TableClass.STANDARD)).tableDescription()
                    .tableStatusAsString()).isEqualTo("UPDATING");
        }
        assertThat(describe(table).tableStatusAsString()).isEqualTo("ACTIVE");
        assertThat(describe(table).tableClassSummary()).isNull();
    }
}
