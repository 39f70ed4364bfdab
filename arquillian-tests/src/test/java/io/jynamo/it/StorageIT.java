package io.jynamo.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What lands in PostgreSQL: items as DynamoDB typed JSON in jsonb, one partition per table, key columns whose byte
 * order is DynamoDB's order — the properties SQL reporting and range queries rely on.
 */
class StorageIT extends JynamoIT {

    @Test
    void itemsAreTypedJsonInTheirTablesPartition() throws Exception {
        String table = Tables.createHashOnly(ddb, "json");
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("order-1"),
                "price", AttributeValue.fromN("12.50"), "tags", AttributeValue.fromSs(List.of("x")))));
        try (Connection c = TestDatabase.connect()) {
            long id = TestDatabase.tableId(c, table);
            try (PreparedStatement ps = c.prepareStatement("SELECT item->'price'->>'N', item->'pk'->>'S', "
                    + "jsonb_typeof(item->'tags'->'SS'), tableoid::regclass::text FROM item WHERE table_id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("12.5");
                    assertThat(rs.getString(2)).isEqualTo("order-1");
                    assertThat(rs.getString(3)).isEqualTo("array");
                    assertThat(rs.getString(4)).isEqualTo("item_" + id);
                    assertThat(rs.next()).isFalse();
                }
            }
        }
    }

    @Test
    void numericSortKeysAreOrderedByValueInTheIndex() throws Exception {
        String table = Tables.create(ddb, "order", "pk", ScalarAttributeType.S, "n", ScalarAttributeType.N);
        List<String> values = List.of("-1e10", "-12.5", "-12.25", "-1", "-0.001", "0", "1E-130", "0.5", "1", "1.5",
                "2", "10", "10.01", "99", "100", "1e125");
        List<String> shuffled = new ArrayList<>(values);
        java.util.Collections.shuffle(shuffled, new java.util.Random(7));
        for (String v : shuffled) {
            ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("p"),
                    "n", AttributeValue.fromN(v))));
        }
        List<java.math.BigDecimal> stored = new ArrayList<>();
        try (Connection c = TestDatabase.connect();
             PreparedStatement ps = c.prepareStatement("SELECT item->'n'->>'N' FROM item WHERE table_id = ? "
                     + "ORDER BY hk, rk")) {
            ps.setLong(1, TestDatabase.tableId(c, table));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(new java.math.BigDecimal(rs.getString(1)));
                }
            }
        }
        assertThat(stored).hasSize(values.size()).isSorted();
    }

    @Test
    void stringsWithNulCharactersAreStoredExactly() throws Exception {
        String table = Tables.createHashOnly(ddb, "nul");
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("a\u0000b"),
                "v", AttributeValue.fromS("\u0000"))));
        Map<String, AttributeValue> got = ddb.getItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("a\u0000b")))).item();
        assertThat(got.get("v").s()).isEqualTo("\u0000");
        try (Connection c = TestDatabase.connect();
             PreparedStatement ps = c.prepareStatement("SELECT item->'v'->>'S', item_exact IS NOT NULL FROM item "
                     + "WHERE table_id = ?")) {
            ps.setLong(1, TestDatabase.tableId(c, table));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("\uFFFD");
                assertThat(rs.getBoolean(2)).isTrue();
            }
        }
    }

    /**
     * Query reads a range of the primary-key btree: checked on the statement shape ItemStore issues, over a table
     * large enough that PostgreSQL would rather scan it whole if the index did not serve the query.
     */
    @Test
    void queriesOnAPartitionKeyUseTheIndex() throws Exception {
        String table = Tables.createComposite(ddb, "plan");
        try (Connection c = TestDatabase.connect()) {
            long id = TestDatabase.tableId(c, table);
            try (var s = c.createStatement()) {
                s.execute("INSERT INTO item_" + id + " (table_id, hk, rk, item, size) SELECT " + id
                        + ", convert_to('p' || (g % 200), 'UTF8'), convert_to(g::text, 'UTF8'), '{}'::jsonb, 2 "
                        + "FROM generate_series(1, 20000) g");
                s.execute("ANALYZE item_" + id);
            }
            StringBuilder plan = new StringBuilder();
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN SELECT coalesce(item_exact, item::text), size "
                    + "FROM item_" + id + " WHERE table_id = ? AND hk = ? AND rk >= ? AND rk < ? ORDER BY rk")) {
                ps.setLong(1, id);
                ps.setBytes(2, "p7".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                ps.setBytes(3, "1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                ps.setBytes(4, "2".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            }
            assertThat(plan.toString()).contains("Index Scan using item_" + id + "_pkey").doesNotContain("Seq Scan");
        }
    }
}
