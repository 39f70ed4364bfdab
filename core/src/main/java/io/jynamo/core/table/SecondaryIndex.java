package io.jynamo.core.table;

import io.jynamo.core.item.AttributeValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local or global secondary index of a table.
 *
 * @param id               identifies the index's storage partition
 * @param nonKeyAttributes the attributes an INCLUDE projection adds; empty otherwise
 * @param status           CREATING, ACTIVE or DELETING (global indexes; local ones are always ACTIVE)
 * @param throughput       a global index's provisioned throughput; null when the table is on demand
 * @param onDemandThroughput a global index's on-demand maxima; null when it has none (or the table is provisioned)
 */
public record SecondaryIndex(long id, String name, boolean global, KeySchema keySchema,
                             ProjectionType projectionType, List<String> nonKeyAttributes, String status,
                             ProvisionedThroughput throughput, OnDemandThroughput onDemandThroughput) {

    /**
     * Whether this index is being filled from its table's items: a global index added to an existing table is
     * CREATING until the backfill is done (those created with the table never are).
     */
    public boolean backfilling() {
        return "CREATING".equals(status);
    }

    /** This index in another status. */
    public SecondaryIndex withStatus(String newStatus) {
        return new SecondaryIndex(id, name, global, keySchema, projectionType, nonKeyAttributes, newStatus, throughput,
                onDemandThroughput);
    }

    /** This index with other throughput settings. */
    public SecondaryIndex withThroughput(ProvisionedThroughput newThroughput, OnDemandThroughput newOnDemand) {
        return new SecondaryIndex(id, name, global, keySchema, projectionType, nonKeyAttributes, status, newThroughput,
                newOnDemand);
    }

    /** The attributes of an item this index holds, given the table's key schema; null if the item is not indexed. */
    public Map<String, AttributeValue> project(Map<String, AttributeValue> item, KeySchema tableKey) {
        for (KeyAttribute k : keySchema.attributes()) {
            AttributeValue v = item.get(k.name());
            if (v == null || v.type() != k.type()) {
                return null;
            }
        }
        if (projectionType == ProjectionType.ALL) {
            return item;
        }
        Map<String, AttributeValue> projected = new LinkedHashMap<>();
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            String name = e.getKey();
            if (tableKey.isKeyAttribute(name) || keySchema.isKeyAttribute(name)
                    || (projectionType == ProjectionType.INCLUDE && nonKeyAttributes.contains(name))) {
                projected.put(name, e.getValue());
            }
        }
        return projected;
    }

    /** Whether every attribute named is held by this index (so no read of the table is needed). */
    public boolean holdsAll(Iterable<String> attributes, KeySchema tableKey) {
        if (projectionType == ProjectionType.ALL) {
            return true;
        }
        for (String a : attributes) {
            if (!tableKey.isKeyAttribute(a) && !keySchema.isKeyAttribute(a)
                    && !(projectionType == ProjectionType.INCLUDE && nonKeyAttributes.contains(a))) {
                return false;
            }
        }
        return true;
    }
}
