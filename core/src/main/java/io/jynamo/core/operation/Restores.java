package io.jynamo.core.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.table.OnDemandThroughput;
import io.jynamo.core.json.Json;

import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

import static io.jynamo.core.api.Shape.bool;
import static io.jynamo.core.api.Shape.list;
import static io.jynamo.core.api.Shape.longValue;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;
import static io.jynamo.core.api.Shape.timestamp;

/**
 * RestoreTableFromBackup and RestoreTableToPointInTime: their requests, and the new table they ask for.
 *
 * <p>A restore creates a table from the source's definition (see {@link Backups#definition}) with the request's
 * overrides applied, and then hands it to {@link CreateTable#parse}: every rule CreateTable has for the new table (and
 * its message) applies to a restored one in one place. What DynamoDB does not restore (tags, stream, TTL, table class,
 * which is always STANDARD, deletion protection, policies) the definition does not hold.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_RestoreTableFromBackup.html">RestoreTableFromBackup</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_RestoreTableToPointInTime.html">RestoreTableToPointInTime</a>
 */
public final class Restores {
    private Restores() {
    }

    /** The overrides a restore may give, as the request holds them (absent members: null). */
    public record Overrides(String billingMode, JsonNode globalIndexes, JsonNode localIndexes, JsonNode throughput,
                            JsonNode onDemandThroughput) { }

    public record FromBackup(String targetTableName, String backupArn, Overrides overrides) { }

    /**
     * @param sourceTableName the source table's name, from SourceTableName or SourceTableArn
     * @param restoreDateTime null when the latest restorable time is asked for
     */
    public record ToPointInTime(String targetTableName, String sourceTableName, String sourceTableArn,
                                boolean useLatestRestorableTime, Instant restoreDateTime, Overrides overrides) { }

    static final Shape SSE_SPECIFICATION = struct("SSESpecification",
            member("Enabled", bool()),
            member("SSEType", string().oneOf("AES256", "KMS")),
            member("KMSMasterKeyId", string()));

    static final Shape FROM_BACKUP = struct("RestoreTableFromBackupInput",
            member("TargetTableName", Shape.controlPlaneTableName()),
            member("BackupArn", Backups.BACKUP_ARN.notNull()),
            member("BillingModeOverride", string().oneOf("PROVISIONED", "PAY_PER_REQUEST")),
            member("GlobalSecondaryIndexOverride", list(IndexSpecs.GLOBAL_INDEX)),
            member("LocalSecondaryIndexOverride", list(IndexSpecs.LOCAL_INDEX)),
            member("ProvisionedThroughputOverride", Throughput.SHAPE),
            member("OnDemandThroughputOverride", Throughput.ON_DEMAND_SHAPE),
            member("SSESpecificationOverride", SSE_SPECIFICATION));

    static final Shape TO_POINT_IN_TIME = struct("RestoreTableToPointInTimeInput",
            member("SourceTableArn", string().length(1, 1024)),
            member("SourceTableName", string().pattern(io.jynamo.core.api.Limits.TABLE_NAME_PATTERN).length(3, 255)),
            member("TargetTableName", Shape.controlPlaneTableName()),
            member("UseLatestRestorableTime", bool()),
            member("RestoreDateTime", timestamp()),
            member("BillingModeOverride", string().oneOf("PROVISIONED", "PAY_PER_REQUEST")),
            member("GlobalSecondaryIndexOverride", list(IndexSpecs.GLOBAL_INDEX)),
            member("LocalSecondaryIndexOverride", list(IndexSpecs.LOCAL_INDEX)),
            member("ProvisionedThroughputOverride", Throughput.SHAPE),
            member("OnDemandThroughputOverride", Throughput.ON_DEMAND_SHAPE),
            member("SSESpecificationOverride", SSE_SPECIFICATION));

    public static FromBackup parseFromBackup(byte[] body) {
        ObjectNode r = RequestChecker.check(body, FROM_BACKUP);
        return new FromBackup(r.get("TargetTableName").textValue(), r.get("BackupArn").textValue(), overrides(r));
    }

    public static ToPointInTime parseToPointInTime(byte[] body) {
        ObjectNode r = RequestChecker.check(body, TO_POINT_IN_TIME);
        String arn = r.has("SourceTableArn") ? r.get("SourceTableArn").textValue() : null;
        String name = r.has("SourceTableName") ? r.get("SourceTableName").textValue() : null;
        if (name == null && arn == null) {
            throw DynamoException.validation("Either source table name or source table arn must be specified");
        }
        if (name != null && arn != null) {
            throw DynamoException.validation("Only one of source table name or source table arn can be specified");
        }
        boolean latest = r.has("UseLatestRestorableTime") && r.get("UseLatestRestorableTime").booleanValue();
        Instant at = Backups.instant(r.get("RestoreDateTime"));
        if (latest && at != null) {
            throw DynamoException.validation("Only one of RestoreDateTime or UseLatestRestorableTime can be specified");
        }
        if (!latest && at == null) {
            throw DynamoException.validation("Either RestoreDateTime or UseLatestRestorableTime must be specified");
        }
        return new ToPointInTime(r.get("TargetTableName").textValue(),
                name != null ? name : Backups.tableName(arn), arn, latest, at, overrides(r));
    }

    private static Overrides overrides(ObjectNode r) {
        return new Overrides(r.has("BillingModeOverride") ? r.get("BillingModeOverride").textValue() : null,
                r.get("GlobalSecondaryIndexOverride"), r.get("LocalSecondaryIndexOverride"),
                r.get("ProvisionedThroughputOverride"), r.get("OnDemandThroughputOverride"));
    }

    /**
     * The CreateTable request for the restored table: the source's definition with the overrides applied, checked as
     * CreateTable checks its requests.
     *
     * @param definition the source's definition (see {@link Backups#definition}); not changed
     */
    public static CreateTable.Request table(String targetTableName, JsonNode definition, Overrides o) {
        ObjectNode d = definition.deepCopy();
        d.put("TableName", targetTableName);
        replaceIndexes(d, "GlobalSecondaryIndexes", o.globalIndexes());
        replaceIndexes(d, "LocalSecondaryIndexes", o.localIndexes());
        if (o.throughput() != null) {
            d.set("ProvisionedThroughput", o.throughput());
        }
        if ("PAY_PER_REQUEST".equals(o.billingMode())) {
            d.put("BillingMode", "PAY_PER_REQUEST");
            // an on-demand table has no throughput, nor have its indexes
            if (o.throughput() == null) {
                d.remove("ProvisionedThroughput");
            }
            if (d.has("GlobalSecondaryIndexes") && o.globalIndexes() == null) {
                d.get("GlobalSecondaryIndexes").forEach(i -> ((ObjectNode) i).remove("ProvisionedThroughput"));
            }
        } else if ("PROVISIONED".equals(o.billingMode())) {
            d.put("BillingMode", "PROVISIONED");
            // a provisioned table has no on-demand maxima, nor have its indexes
            d.remove("OnDemandThroughput");
            d.path("GlobalSecondaryIndexes").forEach(i -> ((ObjectNode) i).remove("OnDemandThroughput"));
            if (!d.has("ProvisionedThroughput")) {
                throw DynamoException.invalidParameter(
                        "ProvisionedThroughputOverride must be specified when BillingModeOverride is PROVISIONED");
            }
            for (JsonNode i : d.path("GlobalSecondaryIndexes")) {
                if (!i.has("ProvisionedThroughput")) {
                    throw DynamoException.invalidParameter("GlobalSecondaryIndexOverride must be specified for index: "
                            + i.get("IndexName").textValue() + " when BillingModeOverride is PROVISIONED");
                }
            }
        }
        OnDemandThroughput maxima = Throughput.readOnDemand(o.onDemandThroughput());
        if (maxima != null) {
            if (!"PAY_PER_REQUEST".equals(d.path("BillingMode").asText())) {
                throw DynamoException.invalidParameter("Cannot override " + (maxima.maxReadRequestUnits() != null
                        ? "MaxReadRequestUnits" : "MaxWriteRequestUnits") + " for OnDemandThroughput unless "
                        + "BillingModeOverride is PAY_PER_REQUEST");
            }
            d.set("OnDemandThroughput", o.onDemandThroughput());
        }
        dropUnusedDefinitions(d);
        return CreateTable.parse(Json.write(g -> g.writeTree(d)));
    }

    /**
     * An index override replaces the source's list of indexes of its kind. It may leave indexes out (an empty list
     * drops them all) but not add one the source did not have: "You cannot create new indexes at the time of restore".
     */
    private static void replaceIndexes(ObjectNode d, String member, JsonNode override) {
        if (override == null) {
            return;
        }
        Set<String> existing = new HashSet<>();
        d.path(member).forEach(i -> existing.add(i.get("IndexName").textValue()));
        for (JsonNode i : override) {
            String name = i.path("IndexName").asText();
            if (!existing.contains(name)) {
                throw DynamoException.invalidParameter("Index " + name + " does not exist in the source table; "
                        + "new indexes cannot be created at the time of restore");
            }
        }
        if (override.isEmpty()) {
            d.remove(member);
        } else {
            d.set(member, override.deepCopy());
        }
    }

    /** Attribute definitions only an index left out used: CreateTable refuses definitions no key uses. */
    private static void dropUnusedDefinitions(ObjectNode d) {
        Set<String> used = new HashSet<>();
        d.path("KeySchema").forEach(k -> used.add(k.path("AttributeName").asText()));
        for (String list : new String[] {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
            d.path(list).forEach(i -> i.path("KeySchema").forEach(k -> used.add(k.path("AttributeName").asText())));
        }
        ArrayNode definitions = (ArrayNode) d.get("AttributeDefinitions");
        for (Iterator<JsonNode> it = definitions.iterator(); it.hasNext(); ) {
            if (!used.contains(it.next().path("AttributeName").asText())) {
                it.remove();
            }
        }
    }
}
