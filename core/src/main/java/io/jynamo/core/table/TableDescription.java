package io.jynamo.core.table;

import java.time.Instant;
import java.util.List;

/**
 * What DescribeTable (and CreateTable, UpdateTable, DeleteTable) report about a table.
 *
 * @param onDemandThroughput  the on-demand maxima; null when none is set (UpdateTable's answer shows a removed one
 *                            as -1)
 * @param lastIncrease        null until throughput was increased
 * @param lastDecrease        null until throughput was decreased
 * @param payPerRequestSince  when the table last switched to (or was created with) on-demand; null if never
 * @param tableClassUpdated   when the table's class last changed (TableClassSummary.LastUpdateDateTime); null if never
 * @param streamViewType      the view type of the table's enabled stream; null when it has none
 * @param latestStreamLabel   the label of the table's latest stream, enabled or not; null if it never had one
 * @param restoreSummary      how a restored table came to be; null for a table that was not restored
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
        OnDemandThroughput onDemandThroughput,
        Instant lastIncrease,
        Instant lastDecrease,
        int decreasesToday,
        Instant payPerRequestSince,
        TableClass tableClass,
        Instant tableClassUpdated,
        boolean deletionProtectionEnabled,
        long itemCount,
        long tableSizeBytes,
        List<IndexDescription> indexes,
        StreamViewType streamViewType,
        String latestStreamLabel,
        RestoreSummary restoreSummary) {

    /**
     * A secondary index as DescribeTable shows it.
     *
     * @param backfilling whether a global index added to an existing table is being filled (CREATING and
     *                    {@code Backfilling: true}) or still being set up ({@code false}); null for an index that is not
     *                    being added that way, whose description has no {@code Backfilling}
     */
    public record IndexDescription(SecondaryIndex index, String arn, long itemCount, long sizeBytes,
                                   Boolean backfilling) { }

    public TableDescription withStatus(TableStatus newStatus) {
        return new TableDescription(tableName, tableId, tableArn, newStatus, creationDateTime, attributeDefinitions,
                keySchema, billingMode, provisionedThroughput, onDemandThroughput, lastIncrease, lastDecrease,
                decreasesToday, payPerRequestSince, tableClass, tableClassUpdated, deletionProtectionEnabled, itemCount,
                tableSizeBytes, indexes, streamViewType, latestStreamLabel, restoreSummary);
    }

    public TableDescription withIndexes(List<IndexDescription> newIndexes) {
        return new TableDescription(tableName, tableId, tableArn, status, creationDateTime, attributeDefinitions,
                keySchema, billingMode, provisionedThroughput, onDemandThroughput, lastIncrease, lastDecrease,
                decreasesToday, payPerRequestSince, tableClass, tableClassUpdated, deletionProtectionEnabled, itemCount,
                tableSizeBytes, newIndexes, streamViewType, latestStreamLabel, restoreSummary);
    }

    public TableDescription withOnDemandThroughput(OnDemandThroughput shown) {
        return new TableDescription(tableName, tableId, tableArn, status, creationDateTime, attributeDefinitions,
                keySchema, billingMode, provisionedThroughput, shown, lastIncrease, lastDecrease, decreasesToday,
                payPerRequestSince, tableClass, tableClassUpdated, deletionProtectionEnabled, itemCount, tableSizeBytes,
                indexes, streamViewType, latestStreamLabel, restoreSummary);
    }

    /** The ARN of the table's latest stream, or null if it never had one. */
    public String latestStreamArn() {
        return latestStreamLabel == null ? null : tableArn + "/stream/" + latestStreamLabel;
    }
}
