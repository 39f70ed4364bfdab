package io.jynamo.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jynamo.it.Tables.def;
import static io.jynamo.it.Tables.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SQL reporting: every table has a view in the schema {@code reporting}, named as the table, with its key attributes
 * as typed columns and its items as plain JSON, from CreateTable to DeleteTable; the analysts' role reads the views
 * and nothing else.
 */
class ReportingIT extends JynamoIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The rows of a query, each as its columns' text. */
    private static List<List<String>> rows(Connection c, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void everyTableHasAViewWithTypedKeysAndPlainJsonItems() throws Exception {
        String table = Tables.uniqueName("Report.Music");
        ddb.createTable(b -> b.tableName(table)
                .attributeDefinitions(def("Artist", ScalarAttributeType.S), def("Year", ScalarAttributeType.N),
                        def("Genre", ScalarAttributeType.S))
                .keySchema(key("Artist", KeyType.HASH), key("Year", KeyType.RANGE))
                .globalSecondaryIndexes(g -> g.indexName("by-genre")
                        .keySchema(key("Genre", KeyType.HASH), key("Year", KeyType.RANGE))
                        .projection(p -> p.projectionType("INCLUDE").nonKeyAttributes("Price")))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        Tables.awaitActive(ddb, table);
        ddb.putItem(b -> b.tableName(table).item(Map.of(
                "Artist", AttributeValue.fromS("No One You Know"),
                "Year", AttributeValue.fromN("1999"),
                "Genre", AttributeValue.fromS("Rock"),
                "Price", AttributeValue.fromN("12345678901234567890123456789012345678"),
                "Tags", AttributeValue.fromSs(List.of("rock")),
                "Scores", AttributeValue.fromNs(List.of("1.5")),
                "Cover", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, 3})),
                "Live", AttributeValue.fromBool(true),
                "Label", AttributeValue.fromNul(true),
                "Tracks", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
                        "n", AttributeValue.fromN("1"), "t", AttributeValue.fromS("Intro"))))))));
        ddb.putItem(b -> b.tableName(table).item(Map.of("Artist", AttributeValue.fromS("Acme Band"),
                "Year", AttributeValue.fromN("2020"), "Price", AttributeValue.fromN("0.5"))));

        try (Connection c = TestDatabase.connect()) {
            List<List<String>> rows = rows(c, "SELECT \"Artist\", \"Year\", item FROM reporting.\"" + table
                    + "\" ORDER BY \"Year\"");
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).subList(0, 2)).containsExactly("No One You Know", "1999");
            JsonNode item = JSON.readTree(rows.get(0).get(2));
            assertThat(item).isEqualTo(JSON.readTree("{\"Artist\":\"No One You Know\",\"Year\":1999,\"Genre\":\"Rock\","
                    + "\"Price\":12345678901234567890123456789012345678,\"Tags\":[\"rock\"],\"Scores\":[1.5],"
                    + "\"Cover\":\"AQID\",\"Live\":true,\"Label\":null,\"Tracks\":[{\"n\":1,\"t\":\"Intro\"}]}"));
            // an index's view: its keys, then the table's, and the attributes it projects
            List<List<String>> indexed = rows(c, "SELECT \"Genre\", \"Year\", \"Artist\", item FROM reporting.\""
                    + table + "/by-genre\"");
            assertThat(indexed).hasSize(1);
            assertThat(indexed.get(0).subList(0, 3)).containsExactly("Rock", "1999", "No One You Know");
            assertThat(JSON.readTree(indexed.get(0).get(3)).get("Price").asText())
                    .isEqualTo("12345678901234567890123456789012345678");
            assertThat(JSON.readTree(indexed.get(0).get(3)).has("Tags")).isFalse();
            // the key columns are typed: numeric compares as a number
            assertThat(rows(c, "SELECT sum(\"Year\") FROM reporting.\"" + table + "\"").get(0).get(0))
                    .isEqualTo("4019");
            // plain JSON reads as SQL reads any JSON, numbers exactly
            assertThat(rows(c, "SELECT (item->>'Price')::numeric * 2 FROM reporting.\"" + table
                    + "\" WHERE \"Artist\" = 'No One You Know'").get(0).get(0))
                    .isEqualTo("24691357802469135780246913578024691356");
            // the functions over typed items, as stored
            long id = TestDatabase.tableId(c, table);
            assertThat(rows(c, "SELECT reporting.attr_text(item, 'Artist'), reporting.attr_numeric(item, 'Price'),"
                    + " reporting.attr_boolean(item, 'Live'), reporting.attr_text(item, 'Tags') FROM item_" + id
                    + " ORDER BY reporting.attr_numeric(item, 'Year')").get(0))
                    .containsExactly("No One You Know", "12345678901234567890123456789012345678", "t",
                            "[\"rock\"]");

            // the analysts' role reads the views, not the items' own tables
            try (Statement st = c.createStatement()) {
                st.execute("BEGIN");
                st.execute("SET LOCAL ROLE jynamo_reporting");
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM reporting.\"" + table + "\"")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(2);
                }
                st.execute("SAVEPOINT items");
                assertThatThrownBy(() -> st.executeQuery("SELECT count(*) FROM item_" + id))
                        .hasMessageContaining("permission denied");
                st.execute("ROLLBACK");
            }
        }

        // an index removed takes its view with it
        ddb.updateTable(b -> b.tableName(table)
                .globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("by-genre"))));
        try (Connection c = TestDatabase.connect()) {
            Tables.eventually(java.time.Duration.ofSeconds(30), () -> !hasView(c, table + "/by-genre"));
        }

        // a view that went missing (a table older than the reporting schema, say) is made again by reporting-views
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("DROP VIEW reporting.\"" + table + "\"");
            assertThat(hasView(c, table)).isFalse();
            Tables.eventually(java.time.Duration.ofSeconds(30), () -> hasView(c, table));
        }

        ddb.deleteTable(b -> b.tableName(table));
        try (Connection c = TestDatabase.connect()) {
            assertThat(hasView(c, table)).isFalse();
        }
    }

    private static boolean hasView(Connection c, String name) {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM pg_views WHERE schemaname = 'reporting' AND viewname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void binaryKeysLongNamesAndAKeyNamedItemGetColumnsOfTheirOwn() throws Exception {
        String longName = "r" + "x".repeat(100) + "-" + System.nanoTime();
        String attribute = "it's a \"quoted\" key named at length: " + "k".repeat(60);
        ddb.createTable(b -> b.tableName(longName)
                .attributeDefinitions(def("item", ScalarAttributeType.B), def(attribute, ScalarAttributeType.S))
                .keySchema(key("item", KeyType.HASH), key(attribute, KeyType.RANGE))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        Tables.awaitActive(ddb, longName);
        ddb.putItem(b -> b.tableName(longName).item(Map.of("item", AttributeValue.fromB(SdkBytes.fromByteArray(
                new byte[] {(byte) 0xff, 0})), attribute, AttributeValue.fromS("v"))));
        try (Connection c = TestDatabase.connect()) {
            long id = TestDatabase.tableId(c, longName);
            String view = longName.substring(0, 40) + "~" + id;
            List<List<String>> rows = rows(c, "SELECT encode(\"item\", 'hex'), \"item~0\"::text FROM reporting.\""
                    + view + "\"");
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get(0)).isEqualTo("ff00");
            assertThat(JSON.readTree(rows.get(0).get(1)).get(attribute).asText()).isEqualTo("v");
            assertThat(rows(c, "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'reporting'"
                    + " AND table_name = '" + view + "'").get(0).get(0)).isEqualTo("3");
        }
        ddb.deleteTable(b -> b.tableName(longName));
    }
}
