package io.jynamo.ejb.storage;

import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.ItemSize;
import io.jynamo.core.item.PrimaryKey;
import io.jynamo.ejb.stream.ChangeRecorder;
import io.jynamo.ejb.testing.OneConnection;
import io.jynamo.ejb.testing.TestPostgres;
import io.jynamo.ejb.testing.TestSchema;
import io.jynamo.ejb.write.ItemWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Query and Scan pages end at their byte limit in SQL: the row that crosses it is the last one read. */
class ItemStorePageTest {
    private static final int KB = 1024;
    private static TestPostgres.Database db;

    private OneConnection tx;
    private ItemStore rows;
    private ItemTable table;

    @BeforeAll
    static void schema() {
        db = TestSchema.migrated("jynamo_unit_pages");
    }

    @BeforeEach
    void tenItemsOf300Kb() throws SQLException {
        try (Connection c = db.connect()) {
            table = TestSchema.table("pages" + System.nanoTime()).create(c);
        }
        tx = new OneConnection(db.connect());
        rows = new ItemStore(tx);
        ItemWriter writer = new ItemWriter(rows, new IndexStore(tx), new ChangeRecorder(new StreamRecordStore(tx)));
        for (int i = 0; i < 10; i++) {
            Map<String, AttributeValue> item = Map.of("pk", new AttributeValue.S("k" + i),
                    "pad", new AttributeValue.S("x".repeat(300 * KB)));
            writer.store(table, PrimaryKey.ofItem(item, table.keySchema()), null, item, ChangeRecorder.Origin.REQUEST);
        }
    }

    @AfterEach
    void end() throws SQLException {
        tx.close();
    }

    private List<StoredRow> scan(Integer limit, long pageBytes) {
        List<StoredRow> read = new ArrayList<>();
        rows.scan(table, null, null, 0, 0, limit, pageBytes, row -> read.add(row));
        return read;
    }

    @Test
    void aPageEndsWithTheRowThatReachesTheLimit() {
        List<StoredRow> page = scan(null, 1024 * KB);
        // 0, 300, 600 and 900 KB read before the fourth row: under 1 MB, so it is read; the fifth is not
        assertThat(page).hasSize(4);
        assertThat(page.get(0).size()).isEqualTo(ItemSize.of(page.get(0).item()));
        assertThat(page).extracting(r -> ((AttributeValue.S) r.item().get("pk")).value())
                .containsExactly("k0", "k1", "k2", "k3");
    }

    @Test
    void theLimitOnRowsStillApplies() {
        assertThat(scan(2, 1024 * KB)).hasSize(2);
        assertThat(scan(null, Long.MAX_VALUE)).hasSize(10);
    }

    @Test
    void aSmallLimitStillReadsOneRow() {
        assertThat(scan(null, 1)).hasSize(1);
    }
}
