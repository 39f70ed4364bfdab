package io.jynamo.core.table;

import java.util.List;

/** A secondary index as requested by CreateTable or UpdateTable, before it has storage. */
public record IndexSpec(String name, boolean global, KeySchema keySchema, ProjectionType projectionType,
                        List<String> nonKeyAttributes, ProvisionedThroughput throughput,
                        OnDemandThroughput onDemandThroughput) {

    public SecondaryIndex withId(long id, String status) {
        return new SecondaryIndex(id, name, global, keySchema, projectionType, nonKeyAttributes, status, throughput,
                onDemandThroughput);
    }
}
