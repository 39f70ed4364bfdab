package io.jynamo.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.jynamo.it.DynamoAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each node keeps the table definitions item requests use. These tests change the catalog behind the server's back,
 * with the SQL another node's UpdateTable or DeleteTable runs, right after the server has used (and kept) the
 * table's definition, and check that the next requests act on the catalog as it is now. Their reads are strongly
 * consistent: an eventually consistent one may be answered from memory for up to a second after a real node's change
 * (MemoryReadsIT), and the SQL standing in for the other node here is no node the cluster can see.
 */
class OtherNodeChangesIT extends JynamoIT {

    @Test
    void anIndexAddedOnAnotherNodeGetsTheNextWrite() throws Exception {
        String table = Tables.createHashOnly(ddb, "gsi-elsewhere");
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s("a"))));

        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            long tableId = TestDatabase.tableId(c, table);
            long indexId = scalar(c, "SELECT nextval('catalog_index_seq')");
            try (Statement s = c.createStatement()) {
                // what Catalog.addIndex does on the other node: lock out writes, add the index, raise the version
                s.execute("LOCK TABLE item_" + tableId + " IN SHARE MODE");
                s.execute("CREATE TABLE index_entry_" + indexId + " PARTITION OF index_entry FOR VALUES IN ("
                        + indexId + ")");
                s.execute("CREATE INDEX index_entry_" + indexId + "_item ON index_entry_" + indexId + " (hk, rk)");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE catalog_table SET indexes = ?::jsonb, "
                    + "attribute_definitions = attribute_definitions || '[{\"AttributeName\":\"g\","
                    + "\"AttributeType\":\"S\"}]'::jsonb, version = version + 1 WHERE id = ?")) {
                ps.setString(1, "[{\"id\":" + indexId + ",\"name\":\"byG\",\"global\":true,"
                        + "\"hash\":{\"name\":\"g\",\"type\":\"S\"},\"projection\":\"ALL\",\"nonKeyAttributes\":[],"
                        + "\"status\":\"ACTIVE\"}]");
                ps.setLong(2, tableId);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            c.commit();
        }

        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s("b"), "g", s("x"))));

        QueryResponse found = ddb.query(b -> b.tableName(table).indexName("byG").keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", s("x"))));
        assertThat(found.items()).containsExactly(Map.of("pk", s("b"), "g", s("x")));
        // counts are measured by a job, as DynamoDB refreshes them
        Tables.eventually(java.time.Duration.ofSeconds(60), () -> ddb.describeTable(b -> b.tableName(table)).table()
                .globalSecondaryIndexes().get(0).itemCount() == 1L);
    }

    @Test
    void aTableDeletedAndCreatedAgainOnAnotherNodeIsTheNewTable() throws Exception {
        String table = Tables.createHashOnly(ddb, "recreated");
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s("old"))));
        String replacement = Tables.createHashOnly(ddb, "replacement");
        ddb.putItem(b -> b.tableName(replacement).item(Map.of("pk", s("new"))));
        assertThat(ddb.getItem(b -> b.tableName(table).key(Map.of("pk", s("old")))).item()).isNotEmpty();

        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            long oldId = TestDatabase.tableId(c, table);
            try (Statement s = c.createStatement()) {
                // the other node's DeleteTable, then its CreateTable under the same name (here: a renamed table)
                s.execute("DROP TABLE item_" + oldId + " CASCADE");
                s.execute("DELETE FROM catalog_table WHERE id = " + oldId);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE catalog_table SET name = ? WHERE name = ?")) {
                ps.setString(1, table);
                ps.setString(2, replacement);
                ps.executeUpdate();
            }
            c.commit();
        }

        assertThat(ddb.getItem(b -> b.tableName(table).key(Map.of("pk", s("old"))).consistentRead(true)).hasItem())
                .isFalse();
        assertThat(ddb.getItem(b -> b.tableName(table).key(Map.of("pk", s("new"))).consistentRead(true)).item())
                .isEqualTo(Map.of("pk", s("new")));
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s("newer"))));
        assertThat(ddb.scan(b -> b.tableName(table)).count()).isEqualTo(2);
    }

    @Test
    void aTableDeletedOnAnotherNodeIsNotFound() throws Exception {
        String table = Tables.createHashOnly(ddb, "deleted-elsewhere");
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s("a"))));
        assertThat(ddb.getItem(b -> b.tableName(table).key(Map.of("pk", s("a")))).item()).isNotEmpty();

        dropBehindTheServersBack(table);

        assertError(() -> ddb.getItem(b -> b.tableName(table).key(Map.of("pk", s("a"))).consistentRead(true)),
                "ResourceNotFoundException", "Requested resource not found");
        assertError(() -> ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s("b")))),
                "ResourceNotFoundException", "Requested resource not found");
        assertError(() -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("a")))),
                "ResourceNotFoundException", "Requested resource not found");
    }

    @Test
    void transactionsOnATableDeletedOnAnotherNodeFindNoTable() throws Exception {
        String table = Tables.createHashOnly(ddb, "tx-deleted-elsewhere");
        String other = Tables.createHashOnly(ddb, "tx-kept");
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s("a"))));
        List<TransactGetItem> both = List.of(
                TransactGetItem.builder().get(g -> g.tableName(other).key(Map.of("pk", s("a")))).build(),
                TransactGetItem.builder().get(g -> g.tableName(table).key(Map.of("pk", s("a")))).build());
        assertThat(ddb.transactGetItems(b -> b.transactItems(both)).responses().get(1).item()).isNotEmpty();

        dropBehindTheServersBack(table);

        assertError(() -> ddb.transactGetItems(b -> b.transactItems(both)),
                "ResourceNotFoundException", "Requested resource not found");
        assertError(() -> ddb.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName(other).item(Map.of("pk", s("b")))).build(),
                        TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of("pk", s("b")))).build())),
                "ResourceNotFoundException", "Requested resource not found");
        assertThat(ddb.getItem(b -> b.tableName(other).key(Map.of("pk", s("b")))).hasItem()).isFalse();
    }

    /** What another node's DeleteTable does (CASCADE: with the table's reporting view). */
    private static void dropBehindTheServersBack(String table) throws Exception {
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            long id = TestDatabase.tableId(c, table);
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE item_" + id + " CASCADE");
                s.execute("DELETE FROM catalog_table WHERE id = " + id);
            }
            c.commit();
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static long scalar(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
