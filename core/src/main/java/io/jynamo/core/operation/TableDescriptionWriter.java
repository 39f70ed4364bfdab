package io.jynamo.core.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jynamo.core.json.Json;
import io.jynamo.core.table.AttributeDefinition;
import io.jynamo.core.table.BillingMode;
import io.jynamo.core.table.OnDemandThroughput;
import io.jynamo.core.table.RestoreSummary;
import io.jynamo.core.table.KeySchemaElement;
import io.jynamo.core.table.SecondaryIndex;
import io.jynamo.core.table.TableDescription;

import java.io.IOException;
import java.util.List;

/**
 * Writes a TableDescription as DynamoDB does, for DescribeTable, CreateTable, UpdateTable and DeleteTable.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html">TableDescription</a>
 */
public final class TableDescriptionWriter {
    private TableDescriptionWriter() {
    }

    /** Writes {@code {"<wrapper>": {...}}}: "Table" for DescribeTable, "TableDescription" for the others. */
    public static void writeResponse(JsonGenerator g, String wrapper, TableDescription t) throws IOException {
        g.writeStartObject();
        g.writeFieldName(wrapper);
        write(g, t);
        g.writeEndObject();
    }

    /**
     * DeleteTable's description: DynamoDB reports the status, identity, billing and size of the table it is deleting,
     * but not its schema or creation time.
     */
    public static void writeDeleted(JsonGenerator g, TableDescription t) throws IOException {
        g.writeStartObject();
        g.writeFieldName("TableDescription");
        g.writeStartObject();
        g.writeStringField("TableName", t.tableName());
        g.writeStringField("TableStatus", "DELETING");
        writeThroughput(g, t);
        g.writeNumberField("TableSizeBytes", t.tableSizeBytes());
        g.writeNumberField("ItemCount", t.itemCount());
        g.writeStringField("TableArn", t.tableArn());
        g.writeStringField("TableId", t.tableId());
        writeBillingMode(g, t);
        g.writeEndObject();
        g.writeEndObject();
    }

    public static void write(JsonGenerator g, TableDescription t) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("AttributeDefinitions");
        for (AttributeDefinition d : t.attributeDefinitions()) {
            g.writeStartObject();
            g.writeStringField("AttributeName", d.attributeName());
            g.writeStringField("AttributeType", d.attributeType().name());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("TableName", t.tableName());
        writeKeySchema(g, t.keySchema().elements());
        g.writeStringField("TableStatus", t.status().name());
        Json.writeEpochSeconds(g, "CreationDateTime", t.creationDateTime());

        writeThroughput(g, t);
        writeOnDemandThroughput(g, t.onDemandThroughput());

        g.writeNumberField("TableSizeBytes", t.tableSizeBytes());
        g.writeNumberField("ItemCount", t.itemCount());
        g.writeStringField("TableArn", t.tableArn());
        g.writeStringField("TableId", t.tableId());

        writeBillingMode(g, t);
        writeIndexes(g, t, false);
        writeIndexes(g, t, true);

        if (t.tableClass() != null) {
            g.writeObjectFieldStart("TableClassSummary");
            g.writeStringField("TableClass", t.tableClass().name());
            if (t.tableClassUpdated() != null) {
                Json.writeEpochSeconds(g, "LastUpdateDateTime", t.tableClassUpdated());
            }
            g.writeEndObject();
        }

        if (t.streamViewType() != null) {
            g.writeObjectFieldStart("StreamSpecification");
            g.writeBooleanField("StreamEnabled", true);
            g.writeStringField("StreamViewType", t.streamViewType().name());
            g.writeEndObject();
        }
        // a disabled stream stays the latest until another is enabled (and stays readable for 24 hours)
        if (t.latestStreamLabel() != null) {
            g.writeStringField("LatestStreamLabel", t.latestStreamLabel());
            g.writeStringField("LatestStreamArn", t.latestStreamArn());
        }

        if (t.restoreSummary() != null) {
            RestoreSummary r = t.restoreSummary();
            g.writeObjectFieldStart("RestoreSummary");
            if (r.sourceBackupArn() != null) {
                g.writeStringField("SourceBackupArn", r.sourceBackupArn());
            }
            g.writeStringField("SourceTableArn", r.sourceTableArn());
            Json.writeEpochSeconds(g, "RestoreDateTime", r.restoreDateTime());
            g.writeBooleanField("RestoreInProgress", r.inProgress());
            g.writeEndObject();
        }

        g.writeBooleanField("DeletionProtectionEnabled", t.deletionProtectionEnabled());
        g.writeEndObject();
    }

    private static void writeIndexes(JsonGenerator g, TableDescription t, boolean global) throws IOException {
        List<TableDescription.IndexDescription> indexes = t.indexes().stream()
                .filter(i -> i.index().global() == global).toList();
        if (indexes.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes");
        for (TableDescription.IndexDescription d : indexes) {
            SecondaryIndex i = d.index();
            g.writeStartObject();
            g.writeStringField("IndexName", i.name());
            writeKeySchema(g, i.keySchema().elements());
            g.writeObjectFieldStart("Projection");
            g.writeStringField("ProjectionType", i.projectionType().name());
            if (!i.nonKeyAttributes().isEmpty()) {
                g.writeArrayFieldStart("NonKeyAttributes");
                for (String a : i.nonKeyAttributes()) {
                    g.writeString(a);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            if (global) {
                g.writeStringField("IndexStatus", i.status());
                if (d.backfilling() != null) {
                    g.writeBooleanField("Backfilling", d.backfilling());
                }
                g.writeObjectFieldStart("ProvisionedThroughput");
                g.writeNumberField("NumberOfDecreasesToday", 0);
                g.writeNumberField("ReadCapacityUnits", i.throughput() == null ? 0 : i.throughput().readCapacityUnits());
                g.writeNumberField("WriteCapacityUnits",
                        i.throughput() == null ? 0 : i.throughput().writeCapacityUnits());
                g.writeEndObject();
                writeOnDemandThroughput(g, i.onDemandThroughput());
            }
            g.writeNumberField("IndexSizeBytes", d.sizeBytes());
            g.writeNumberField("ItemCount", d.itemCount());
            g.writeStringField("IndexArn", d.arn());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** A {@code KeySchema} member: the key's attribute names and key types, in schema order. */
    public static void writeKeySchema(JsonGenerator g, List<KeySchemaElement> key) throws IOException {
        g.writeArrayFieldStart("KeySchema");
        for (KeySchemaElement k : key) {
            g.writeStartObject();
            g.writeStringField("AttributeName", k.attributeName());
            g.writeStringField("KeyType", k.keyType().name());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The maxima set, as DynamoDB shows them: only the members set, none at all when neither is. */
    private static void writeOnDemandThroughput(JsonGenerator g, OnDemandThroughput maxima) throws IOException {
        if (maxima == null) {
            return;
        }
        g.writeObjectFieldStart("OnDemandThroughput");
        if (maxima.maxReadRequestUnits() != null) {
            g.writeNumberField("MaxReadRequestUnits", maxima.maxReadRequestUnits());
        }
        if (maxima.maxWriteRequestUnits() != null) {
            g.writeNumberField("MaxWriteRequestUnits", maxima.maxWriteRequestUnits());
        }
        g.writeEndObject();
    }

    private static void writeThroughput(JsonGenerator g, TableDescription t) throws IOException {
        g.writeObjectFieldStart("ProvisionedThroughput");
        if (t.lastIncrease() != null) {
            Json.writeEpochSeconds(g, "LastIncreaseDateTime", t.lastIncrease());
        }
        if (t.lastDecrease() != null) {
            Json.writeEpochSeconds(g, "LastDecreaseDateTime", t.lastDecrease());
        }
        g.writeNumberField("NumberOfDecreasesToday", t.decreasesToday());
        boolean provisioned = t.billingMode() == BillingMode.PROVISIONED;
        g.writeNumberField("ReadCapacityUnits", provisioned ? t.provisionedThroughput().readCapacityUnits() : 0);
        g.writeNumberField("WriteCapacityUnits", provisioned ? t.provisionedThroughput().writeCapacityUnits() : 0);
        g.writeEndObject();
    }

    private static void writeBillingMode(JsonGenerator g, TableDescription t) throws IOException {
        g.writeObjectFieldStart("BillingModeSummary");
        g.writeStringField("BillingMode", t.billingMode().name());
        if (t.payPerRequestSince() != null) {
            Json.writeEpochSeconds(g, "LastUpdateToPayPerRequestDateTime", t.payPerRequestSince());
        }
        g.writeEndObject();
    }
}
