package io.jynamo.core.table;

import java.time.Instant;
import java.util.List;

/**
 * What DescribeTable (and CreateTable, UpdateTable, DeleteTable) report about a table.
 *
 * @param lastIncrease        null until throughput was increased
 * @param lastDecrease        null until throughput was decreased
 * @param payPerRequestSince  when the table last switched to (or was created with) on-demand; null if never
 */
public record TableDescription(
        String tableName,
        String tableId,
        String tableArn,
        TableStatus status,
        Instant creationDateTime,
        List<AttributeDefinition> attributeDefinitions,
        KeySchema keySchema,
        BillingMode billingMode,
        ProvisionedThroughput provisionedThroughput,
        Instant lastIncrease,
        Instant lastDecrease,
        int decreasesToday,
        Instant payPerRequestSince,
        TableClass tableClass,
        boolean deletionProtectionEnabled,
        long itemCount,
        long tableSizeBytes,
        List<IndexDescription> indexes) {

    /** A secondary index as DescribeTable reports it. */
    public record IndexDescription(SecondaryIndex index, String arn, long itemCount, long sizeBytes) { }

    public TableDescription withStatus(TableStatus newStatus) {
        return new TableDescription(tableName, tableId, tableArn, newStatus, creationDateTime, attributeDefinitions,
                keySchema, billingMode, provisionedThroughput, lastIncrease, lastDecrease, decreasesToday,
                payPerRequestSince, tableClass, deletionProtectionEnabled, itemCount, tableSizeBytes, indexes);
    }
}
