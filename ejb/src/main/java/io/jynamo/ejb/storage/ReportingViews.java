package io.jynamo.ejb.storage;

import io.jynamo.core.item.AttributeType;
import io.jynamo.core.table.KeyAttribute;
import io.jynamo.core.table.KeySchema;
import io.jynamo.core.table.SecondaryIndex;
import io.jynamo.ejb.schema.Datasource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The views of the schema {@code reporting} (see {@code V017__reporting.sql}): one per table, named as the table, over
 * its item partition, with the key attributes as typed columns (S as text, N as numeric, B as bytea) and the item as
 * plain JSON ({@code reporting.plain_item}). Made with the table's partition and dropped before it ({@link Catalog}),
 * in the same transaction, so the views are always the catalog's tables; the reporting-views job makes any that are
 * missing (tables older than the schema).
 */
@ApplicationScoped
public class ReportingViews {
    /** PostgreSQL's longest identifier, in bytes; longer table names are shortened (see {@link #viewName}). */
    static final int MAX_IDENTIFIER_BYTES = 63;

    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    /** For the container. */
    protected ReportingViews() {
    }

    /** For use outside the server (tests). */
    public ReportingViews(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The view's name: the table's, or, for a name longer than PostgreSQL allows, its first 40 characters, "~" and
     * the table's id (DynamoDB allows 255 characters; two long names must not meet in 63 bytes).
     */
    public static String viewName(String table, long tableId) {
        if (table.getBytes(StandardCharsets.UTF_8).length <= MAX_IDENTIFIER_BYTES) {
            return table;
        }
        return table.substring(0, 40) + "~" + tableId;
    }

    /**
     * Makes (or makes again) the table's view. Names are quoted and escaped: a table name holds only [a-zA-Z0-9_.-],
     * but an attribute name may hold anything.
     */
    public void create(String table, long tableId, String itemPartition, KeySchema key) {
        Statements.execute(dataSource, "CREATE OR REPLACE VIEW reporting." + quote(viewName(table, tableId))
                + " AS SELECT " + columns(keys(key, null)) + " FROM " + itemPartition);
    }

    /**
     * Makes the view of a secondary index: {@code reporting."<table>/<index>"} (or, too long, the table's first 40
     * characters, "~" and the index's id), the index's key attributes and then the table's as columns, and the
     * attributes the index projects as plain JSON.
     */
    public void createIndex(String table, SecondaryIndex index, KeySchema tableKey) {
        Statements.execute(dataSource, "CREATE OR REPLACE VIEW reporting." + quote(indexViewName(table, index))
                + " AS SELECT " + columns(keys(index.keySchema(), tableKey)) + " FROM "
                + IndexStore.partition(index));
    }

    public void dropIndex(String table, SecondaryIndex index) {
        Statements.execute(dataSource, "DROP VIEW IF EXISTS reporting." + quote(indexViewName(table, index)));
    }

    static String indexViewName(String table, SecondaryIndex index) {
        String name = table + "/" + index.name();
        return name.getBytes(StandardCharsets.UTF_8).length <= MAX_IDENTIFIER_BYTES ? name
                : prefix(table, 40) + "~" + index.id();
    }

    /** The key attributes of the first schema, then those of the second it does not have. */
    private static List<KeyAttribute> keys(KeySchema first, KeySchema second) {
        List<KeyAttribute> keys = new ArrayList<>();
        for (KeySchema schema : new KeySchema[] {first, second}) {
            if (schema == null) {
                continue;
            }
            for (KeyAttribute k : schema.hasRange() ? List.of(schema.hash(), schema.range()) : List.of(schema.hash())) {
                if (keys.stream().noneMatch(e -> e.name().equals(k.name()))) {
                    keys.add(k);
                }
            }
        }
        return keys;
    }

    /** The key attributes as typed columns, then the item as plain JSON. */
    private static String columns(List<KeyAttribute> keys) {
        List<String> columns = new ArrayList<>();
        List<String> names = new ArrayList<>();
        keys.forEach(k -> column(columns, names, k));
        columns.add("reporting.plain_item(item) AS " + quote(unique(names, "item", 0)));
        return String.join(", ", columns);
    }

    private static void column(List<String> columns, List<String> names, KeyAttribute k) {
        String value = "item -> " + literal(k.name()) + " ->> '" + k.type().name() + "'";
        String typed = k.type() == AttributeType.N ? "(" + value + ")::numeric"
                : k.type() == AttributeType.B ? "decode(" + value + ", 'base64')" : "(" + value + ")";
        columns.add(typed + " AS " + quote(unique(names, k.name(), names.size() + 1)));
    }

    /**
     * A column name PostgreSQL keeps whole and no other column of the view has: the name, or (too long, or taken: a
     * key attribute named "item") its first 40 characters and "~n".
     */
    private static String unique(List<String> taken, String name, int n) {
        String column = name.getBytes(StandardCharsets.UTF_8).length <= MAX_IDENTIFIER_BYTES && !taken.contains(name)
                ? name : prefix(name, 40) + "~" + n;
        taken.add(column);
        return column;
    }

    /** The longest start of {@code text} of whole characters within {@code bytes} bytes of UTF-8. */
    private static String prefix(String text, int bytes) {
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int cp : (Iterable<Integer>) text.codePoints()::iterator) {
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + size > bytes) {
                break;
            }
            out.appendCodePoint(cp);
            used += size;
        }
        return out.toString();
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** Drops the table's view (before its partition, which the view reads). */
    public void drop(String table, long tableId) {
        Statements.execute(dataSource, "DROP VIEW IF EXISTS reporting." + quote(viewName(table, tableId)));
    }

    /** The tables whose view is missing: ids. */
    public List<Long> missing() {
        return Statements.longs(dataSource, "SELECT id FROM catalog_table t WHERE status <> 'DELETING'"
                + " AND NOT EXISTS (SELECT 1 FROM pg_views v WHERE v.schemaname = 'reporting'"
                + " AND v.viewname IN (t.name, left(t.name, 40) || '~' || t.id))");
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
