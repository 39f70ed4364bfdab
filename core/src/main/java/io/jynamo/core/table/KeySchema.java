package io.jynamo.core.table;

import java.util.ArrayList;
import java.util.List;

/**
 * A primary key: a partition (hash) key and an optional sort (range) key, with their declared types.
 *
 * @param range null for a table with a simple primary key
 */
public record KeySchema(KeyAttribute hash, KeyAttribute range) {

    public boolean hasRange() {
        return range != null;
    }

    /** The key attributes in schema order. */
    public List<KeyAttribute> attributes() {
        List<KeyAttribute> list = new ArrayList<>(2);
        list.add(hash);
        if (range != null) {
            list.add(range);
        }
        return list;
    }

    public boolean isKeyAttribute(String name) {
        return hash.name().equals(name) || (range != null && range.name().equals(name));
    }

    public List<KeySchemaElement> elements() {
        List<KeySchemaElement> list = new ArrayList<>(2);
        list.add(new KeySchemaElement(hash.name(), KeyType.HASH));
        if (range != null) {
            list.add(new KeySchemaElement(range.name(), KeyType.RANGE));
        }
        return list;
    }
}
