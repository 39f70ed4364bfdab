package io.jynamo.core.table;

import io.jynamo.core.item.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** The key attributes of an item (or a larger key), in schema order. */
    public Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (KeyAttribute k : attributes()) {
            key.put(k.name(), item.get(k.name()));
        }
        return key;
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
