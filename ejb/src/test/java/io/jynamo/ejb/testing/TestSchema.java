package io.jynamo.ejb.testing;

import io.jynamo.core.item.AttributeType;
import io.jynamo.core.table.KeyAttribute;
import io.jynamo.core.table.KeySchema;
import io.jynamo.core.table.ProjectionType;
import io.jynamo.core.table.SecondaryIndex;
import io.jynamo.core.table.StreamViewType;
import io.jynamo.ejb.storage.IndexStore;
import io.jynamo.ejb.storage.ItemStore;
import io.jynamo.ejb.storage.ItemTable;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jynamo's schema in a test database (Flyway, from db/migrations as the server applies it) and tables made in it the
 * way the catalog makes them: a catalog row, an item partition, index partitions, a stream.
 */
public final class TestSchema {
    private static final AtomicLong IDS = new AtomicLong(1000);

    private TestSchema() {
    }

    /** A fresh database with Jynamo's schema. */
    public static TestPostgres.Database migrated(String name) {
        TestPostgres.Database db = TestPostgres.fresh(name);
        Flyway.configure(TestSchema.class.getClassLoader()).dataSource(db.url(), db.user(), db.password())
                .locations("classpath:db/migration").load().migrate();
        return db;
    }

    /** A table with a string partition key {@code pk}, as item operations see it. */
    public static Builder table(String name) {
        return new Builder(name);
    }

    /** What a test table has. */
    public static final class Builder {
        private final String name;
        private final List<SecondaryIndex> indexes = new ArrayList<>();
        private StreamViewType stream;

        private Builder(String name) {
            this.name = name;
        }

        /** Adds a global index keyed by the string attribute {@code attribute}, projecting everything. */
        public Builder globalIndex(String indexName, String attribute) {
            indexes.add(new SecondaryIndex(IDS.incrementAndGet(), indexName, true,
                    new KeySchema(new KeyAttribute(attribute, AttributeType.S), null), ProjectionType.ALL, List.of(),
                    "ACTIVE", null, null));
            return this;
        }

        public Builder stream(StreamViewType viewType) {
            this.stream = viewType;
            return this;
        }

        /** Creates the table (committed) over {@code c}, which must be in autocommit mode. */
        public ItemTable create(Connection c) throws SQLException {
            long id = IDS.incrementAndGet();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO catalog_table (id, name, table_uuid, status,"
                    + " created_at, status_at, hash_key_name, hash_key_type, attribute_definitions, billing_mode, read_capacity,"
                    + " write_capacity) VALUES (?, ?, gen_random_uuid(), 'ACTIVE', now(), now(), 'pk', 'S', '[]',"
                    + " 'PAY_PER_REQUEST', 0, 0)")) {
                ps.setLong(1, id);
                ps.setString(2, name);
                ps.executeUpdate();
            }
            // the partitions as the server makes them, by the storage classes' own DDL
            String partition = "item_" + id;
            OneConnection ddl = new OneConnection(c);
            new ItemStore(ddl).createPartition(partition, id);
            IndexStore entries = new IndexStore(ddl);
            indexes.forEach(entries::createPartition);
            c.commit();
            c.setAutoCommit(true);
            ItemTable.Stream itemStream = null;
            if (stream != null) {
                long streamId = IDS.incrementAndGet();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO stream (id, table_id, table_name, label,"
                        + " view_type, key_schema, status, created_at) VALUES (?, ?, ?, ?, ?, '[]', 'ENABLED', now())")) {
                    ps.setLong(1, streamId);
                    ps.setLong(2, id);
                    ps.setString(3, name);
                    ps.setString(4, "label-" + streamId);
                    ps.setString(5, stream.name());
                    ps.executeUpdate();
                }
                itemStream = new ItemTable.Stream(streamId, stream);
            }
            return new ItemTable(id, name, new KeySchema(new KeyAttribute("pk", AttributeType.S), null), partition,
                    List.copyOf(indexes), 0, itemStream, false, null, null);
        }
    }
}
