package io.jynamo.ejb.storage;

import io.jynamo.core.table.KeySchema;
import io.jynamo.core.table.SecondaryIndex;

import java.util.List;

/**
 * What item operations need to know of a table: where its items are and its primary key.
 *
 * @param partition the PostgreSQL partition of {@code item} holding the table's items
 */
public record ItemTable(long id, String name, KeySchema keySchema, String partition,
                        List<SecondaryIndex> indexes) {

    /** The index of that name, or null. */
    public SecondaryIndex index(String name) {
        for (SecondaryIndex i : indexes) {
            if (i.name().equals(name)) {
                return i;
            }
        }
        return null;
    }
}
