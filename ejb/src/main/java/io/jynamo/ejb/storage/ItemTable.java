package io.jynamo.ejb.storage;

import io.jynamo.core.table.KeySchema;
import io.jynamo.core.table.OnDemandThroughput;
import io.jynamo.core.table.ProvisionedThroughput;
import io.jynamo.core.table.SecondaryIndex;
import io.jynamo.core.table.StreamViewType;

import java.util.List;

/**
 * What item operations need to know of a table: where its items are, its primary key and its indexes.
 *
 * @param partition the PostgreSQL partition of {@code item} holding the table's items
 * @param version the catalog row's version this definition was read at; writes check it (see {@link ItemTables})
 * @param stream  the table's enabled stream, which every write records its change in; null when it has none
 * @param pointInTimeRecovery whether every write also records the item in the table's history (see
 *                {@link ItemHistory})
 * @param throughput the table's provisioned capacity; null when it is on demand (its global indexes' are theirs)
 * @param onDemandThroughput the on-demand table's maxima; null when it has none (its global indexes' are theirs)
 */
public record ItemTable(long id, String name, KeySchema keySchema, String partition,
                        List<SecondaryIndex> indexes, long version, Stream stream, boolean pointInTimeRecovery,
                        ProvisionedThroughput throughput, OnDemandThroughput onDemandThroughput) {

    /** A table's enabled stream: where its change records go, and what they carry. */
    public record Stream(long id, StreamViewType viewType) { }

    /**
     * The indexes whose key schema writes must respect: all but those being backfilled, which leave out the items
     * that do not suit them (DynamoDB refuses such writes only once the backfill is done).
     */
    public List<SecondaryIndex> enforcedIndexes() {
        return indexes.stream().filter(i -> !i.backfilling()).toList();
    }

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
