package io.jynamo.core.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.Limits;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import io.jynamo.core.json.Json;
import io.jynamo.core.table.AttributeDefinition;
import io.jynamo.core.table.BillingMode;
import io.jynamo.core.table.OnDemandThroughput;
import io.jynamo.core.table.KeySchemaElement;
import io.jynamo.core.table.SecondaryIndex;
import io.jynamo.core.table.TableDescription;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static io.jynamo.core.api.Shape.integer;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;
import static io.jynamo.core.api.Shape.timestamp;

/**
 * CreateBackup, DescribeBackup, DeleteBackup and ListBackups: their requests, the backup's descriptions, and what a
 * backup keeps of its table (the definition a restore creates again, the details DescribeBackup shows).
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateBackup.html">CreateBackup</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListBackups.html">ListBackups</a>
 */
public final class Backups {
    private Backups() {
    }

    /** The backup types, as ListBackups filters them. */
    public enum Type { USER, SYSTEM, AWS_BACKUP, ALL }

    /** A backup as the backup operations describe it. */
    public record Backup(String arn, String name, String type, String status, Instant createdAt, Instant expiresAt,
                         long itemCount, long sizeBytes, String tableName, String tableArn, JsonNode source) {
        /** The source table's id (a UUID), as it was when the backup was made. */
        public String tableId() {
            return source.path("SourceTableDetails").path("TableId").asText(null);
        }

        public Backup withStatus(String newStatus) {
            return new Backup(arn, name, type, newStatus, createdAt, expiresAt, itemCount, sizeBytes, tableName,
                    tableArn, source);
        }
    }

    public record Create(String tableName, String backupName) { }

    /**
     * @param tableName  null: backups of every table
     * @param lowerBound inclusive; null: none
     * @param upperBound exclusive; null: none
     */
    public record ListRequest(String tableName, int limit, Instant lowerBound, Instant upperBound,
                              String exclusiveStartBackupArn, Type type) { }

    public record ListResponse(List<Backup> backups, String lastEvaluatedBackupArn) { }

    /** The model's TableArn shape: a table name or a table ARN, 1 to 1024 characters. */
    static final Shape TABLE_NAME_OR_ARN = string().notNull().length(1, 1024);
    static final Shape BACKUP_ARN = string().length(37, 1024);

    static final Shape CREATE = struct("CreateBackupInput",
            member("TableName", TABLE_NAME_OR_ARN),
            member("BackupName", string().notNull().pattern("[a-zA-Z0-9_.-]+").length(3, 255)));

    static final Shape BY_ARN = struct("BackupArnInput",
            member("BackupArn", BACKUP_ARN.notNull()));

    static final Shape LIST = struct("ListBackupsInput",
            member("TableName", string().length(1, 1024)),
            member("Limit", integer().min(1).max(100)),
            member("TimeRangeLowerBound", timestamp()),
            member("TimeRangeUpperBound", timestamp()),
            member("ExclusiveStartBackupArn", BACKUP_ARN),
            member("BackupType", string().oneOf("USER", "SYSTEM", "AWS_BACKUP", "ALL")));

    /** ListBackups' page size when the request gives no Limit (the model's maximum). */
    static final int DEFAULT_LIMIT = 100;

    public static Create parseCreate(byte[] body) {
        ObjectNode r = RequestChecker.check(body, CREATE);
        return new Create(tableName(r.get("TableName").textValue()), r.get("BackupName").textValue());
    }

    /** DescribeBackup's and DeleteBackup's one member. */
    public static String parseBackupArn(byte[] body) {
        return RequestChecker.check(body, BY_ARN).get("BackupArn").textValue();
    }

    public static ListRequest parseList(byte[] body) {
        ObjectNode r = RequestChecker.check(body, LIST);
        return new ListRequest(r.has("TableName") ? tableName(r.get("TableName").textValue()) : null,
                r.has("Limit") ? r.get("Limit").intValue() : DEFAULT_LIMIT,
                instant(r.get("TimeRangeLowerBound")), instant(r.get("TimeRangeUpperBound")),
                r.has("ExclusiveStartBackupArn") ? r.get("ExclusiveStartBackupArn").textValue() : null,
                r.has("BackupType") ? Type.valueOf(r.get("BackupType").textValue()) : Type.USER);
    }

    /**
     * The table a backup operation names: its name, or its ARN ({@code arn:aws:dynamodb:...:table/NAME}), which these
     * operations accept too. A name is checked as table names are (an ARN's name is found by no lookup when it is not
     * one).
     */
    public static String tableName(String nameOrArn) {
        int table = nameOrArn.startsWith("arn:") ? nameOrArn.indexOf(":table/") : -1;
        if (table >= 0) {
            return nameOrArn.substring(table + ":table/".length());
        }
        String constraint = null;
        if (!nameOrArn.matches(Limits.TABLE_NAME_PATTERN)) {
            constraint = "Member must satisfy regular expression pattern: " + Limits.TABLE_NAME_PATTERN;
        } else if (nameOrArn.length() < Limits.MIN_TABLE_NAME_LENGTH) {
            constraint = "Member must have length greater than or equal to " + Limits.MIN_TABLE_NAME_LENGTH;
        } else if (nameOrArn.length() > Limits.MAX_TABLE_NAME_LENGTH) {
            constraint = "Member must have length less than or equal to " + Limits.MAX_TABLE_NAME_LENGTH;
        }
        if (constraint != null) {
            throw DynamoException.validation("1 validation error detected: Value '" + nameOrArn
                    + "' at 'tableName' failed to satisfy constraint: " + constraint);
        }
        return nameOrArn;
    }

    /** A timestamp member (epoch seconds with a fraction) as an instant; null when absent. */
    public static Instant instant(JsonNode seconds) {
        if (seconds == null) {
            return null;
        }
        BigDecimal value = seconds.decimalValue();
        // far beyond any backup's time either way: clamped, so that comparisons still hold
        if (value.compareTo(BigDecimal.valueOf(Instant.MAX.getEpochSecond())) >= 0) {
            return Instant.MAX;
        }
        if (value.compareTo(BigDecimal.valueOf(Instant.MIN.getEpochSecond())) <= 0) {
            return Instant.MIN;
        }
        long whole = value.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
        long nanos = value.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    /** A new backup's ARN, as DynamoDB forms them: the table's ARN, {@code /backup/} and a {@link #newId}. */
    public static String arn(String tableArn, Instant createdAt) {
        return tableArn + "/backup/" + newId(createdAt);
    }

    /**
     * The id DynamoDB gives a backup, an export or an import: its creation time in epoch milliseconds (14 digits),
     * "-" and 8 random hex digits.
     */
    public static String newId(Instant createdAt) {
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        return String.format(java.util.Locale.ROOT, "%014d", createdAt.toEpochMilli()) + "-"
                + java.util.HexFormat.of().formatHex(suffix);
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    public static DynamoException tableNotFound(String name) {
        return new DynamoException(ErrorType.TABLE_NOT_FOUND, "Table not found: " + name);
    }

    public static DynamoException backupNotFound(String arn) {
        return new DynamoException(ErrorType.BACKUP_NOT_FOUND, "Backup not found: " + arn);
    }

    /**
     * The table as a restore creates it again, as a CreateTable request body: its attribute definitions, key schema,
     * billing mode, throughput and on-demand maxima, and its secondary indexes (what DynamoDB restores; not its tags, stream, TTL,
     * table class, deletion protection or policies).
     */
    public static ObjectNode definition(TableDescription t) {
        ObjectNode d = Json.MAPPER.createObjectNode();
        ArrayNode definitions = d.putArray("AttributeDefinitions");
        for (AttributeDefinition a : t.attributeDefinitions()) {
            definitions.addObject().put("AttributeName", a.attributeName())
                    .put("AttributeType", a.attributeType().name());
        }
        keySchema(d, t.keySchema().elements());
        d.put("BillingMode", t.billingMode().name());
        boolean provisioned = t.billingMode() == BillingMode.PROVISIONED;
        if (provisioned) {
            d.putObject("ProvisionedThroughput")
                    .put("ReadCapacityUnits", t.provisionedThroughput().readCapacityUnits())
                    .put("WriteCapacityUnits", t.provisionedThroughput().writeCapacityUnits());
        }
        onDemandThroughput(d, t.onDemandThroughput());
        for (boolean global : new boolean[] {false, true}) {
            List<SecondaryIndex> indexes = t.indexes().stream().map(TableDescription.IndexDescription::index)
                    .filter(i -> i.global() == global).toList();
            if (indexes.isEmpty()) {
                continue;
            }
            ArrayNode list = d.putArray(global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes");
            for (SecondaryIndex i : indexes) {
                ObjectNode index = list.addObject().put("IndexName", i.name());
                keySchema(index, i.keySchema().elements());
                ObjectNode projection = index.putObject("Projection")
                        .put("ProjectionType", i.projectionType().name());
                if (!i.nonKeyAttributes().isEmpty()) {
                    ArrayNode attributes = projection.putArray("NonKeyAttributes");
                    i.nonKeyAttributes().forEach(attributes::add);
                }
                if (global && provisioned && i.throughput() != null) {
                    index.putObject("ProvisionedThroughput")
                            .put("ReadCapacityUnits", i.throughput().readCapacityUnits())
                            .put("WriteCapacityUnits", i.throughput().writeCapacityUnits());
                }
                onDemandThroughput(index, i.onDemandThroughput());
            }
        }
        return d;
    }

    private static void onDemandThroughput(ObjectNode into, OnDemandThroughput maxima) {
        if (maxima != null) {
            ObjectNode o = into.putObject("OnDemandThroughput");
            if (maxima.maxReadRequestUnits() != null) {
                o.put("MaxReadRequestUnits", maxima.maxReadRequestUnits());
            }
            if (maxima.maxWriteRequestUnits() != null) {
                o.put("MaxWriteRequestUnits", maxima.maxWriteRequestUnits());
            }
        }
    }

    private static void keySchema(ObjectNode into, List<KeySchemaElement> elements) {
        ArrayNode key = into.putArray("KeySchema");
        for (KeySchemaElement e : elements) {
            key.addObject().put("AttributeName", e.attributeName()).put("KeyType", e.keyType().name());
        }
    }

    /**
     * What DescribeBackup shows of the source table, as it was when the backup was requested:
     * {@code SourceTableDetails} (its item count and size are the backup's, added when described) and
     * {@code SourceTableFeatureDetails}.
     *
     * @param ttlAttribute the table's Time to Live attribute; null when TTL is not enabled
     */
    public static ObjectNode source(TableDescription t, String ttlAttribute) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        ObjectNode details = s.putObject("SourceTableDetails");
        details.put("TableName", t.tableName());
        details.put("TableId", t.tableId());
        details.put("TableArn", t.tableArn());
        keySchema(details, t.keySchema().elements());
        details.put("TableCreationDateTime", epochSeconds(t.creationDateTime()));
        boolean provisioned = t.billingMode() == BillingMode.PROVISIONED;
        details.putObject("ProvisionedThroughput")
                .put("ReadCapacityUnits", provisioned ? t.provisionedThroughput().readCapacityUnits() : 0)
                .put("WriteCapacityUnits", provisioned ? t.provisionedThroughput().writeCapacityUnits() : 0);
        details.put("BillingMode", t.billingMode().name());

        ObjectNode features = s.putObject("SourceTableFeatureDetails");
        ObjectNode definition = definition(t);
        for (String list : new String[] {"LocalSecondaryIndexes", "GlobalSecondaryIndexes"}) {
            if (definition.has(list)) {
                ArrayNode indexes = (ArrayNode) definition.get(list).deepCopy();
                for (JsonNode i : indexes) {
                    if (list.startsWith("Global") && !i.has("ProvisionedThroughput")) {
                        ((ObjectNode) i).putObject("ProvisionedThroughput").put("ReadCapacityUnits", 0)
                                .put("WriteCapacityUnits", 0);
                    }
                }
                features.set(list, indexes);
            }
        }
        if (t.streamViewType() != null) {
            features.putObject("StreamDescription").put("StreamEnabled", true)
                    .put("StreamViewType", t.streamViewType().name());
        }
        ObjectNode ttl = features.putObject("TimeToLiveDescription");
        ttl.put("TimeToLiveStatus", ttlAttribute == null ? "DISABLED" : "ENABLED");
        if (ttlAttribute != null) {
            ttl.put("AttributeName", ttlAttribute);
        }
        return s;
    }

    /** Epoch seconds with milliseconds, as DynamoDB's timestamps are. */
    private static BigDecimal epochSeconds(Instant t) {
        return BigDecimal.valueOf(t.toEpochMilli()).movePointLeft(3);
    }

    /** CreateBackup's answer: {@code {"BackupDetails": {...}}}. */
    public static void writeCreated(JsonGenerator g, Backup b) throws IOException {
        g.writeStartObject();
        g.writeFieldName("BackupDetails");
        writeDetails(g, b);
        g.writeEndObject();
    }

    /** DescribeBackup's and DeleteBackup's answer: {@code {"BackupDescription": {...}}}. */
    public static void writeDescription(JsonGenerator g, Backup b) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("BackupDescription");
        g.writeFieldName("BackupDetails");
        writeDetails(g, b);
        ObjectNode details = ((ObjectNode) b.source().get("SourceTableDetails")).deepCopy();
        details.put("ItemCount", b.itemCount());
        details.put("TableSizeBytes", b.sizeBytes());
        g.writeFieldName("SourceTableDetails");
        g.writeTree(details);
        g.writeFieldName("SourceTableFeatureDetails");
        g.writeTree(b.source().get("SourceTableFeatureDetails"));
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeDetails(JsonGenerator g, Backup b) throws IOException {
        g.writeStartObject();
        g.writeStringField("BackupArn", b.arn());
        g.writeStringField("BackupName", b.name());
        g.writeNumberField("BackupSizeBytes", b.sizeBytes());
        g.writeStringField("BackupStatus", b.status());
        g.writeStringField("BackupType", b.type());
        Json.writeEpochSeconds(g, "BackupCreationDateTime", b.createdAt());
        if (b.expiresAt() != null) {
            Json.writeEpochSeconds(g, "BackupExpiryDateTime", b.expiresAt());
        }
        g.writeEndObject();
    }

    public static void writeList(JsonGenerator g, ListResponse r) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("BackupSummaries");
        for (Backup b : r.backups()) {
            g.writeStartObject();
            g.writeStringField("TableName", b.tableName());
            if (b.tableId() != null) {
                g.writeStringField("TableId", b.tableId());
            }
            g.writeStringField("TableArn", b.tableArn());
            g.writeStringField("BackupArn", b.arn());
            g.writeStringField("BackupName", b.name());
            Json.writeEpochSeconds(g, "BackupCreationDateTime", b.createdAt());
            if (b.expiresAt() != null) {
                Json.writeEpochSeconds(g, "BackupExpiryDateTime", b.expiresAt());
            }
            g.writeStringField("BackupStatus", b.status());
            g.writeStringField("BackupType", b.type());
            g.writeNumberField("BackupSizeBytes", b.sizeBytes());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (r.lastEvaluatedBackupArn() != null) {
            g.writeStringField("LastEvaluatedBackupArn", r.lastEvaluatedBackupArn());
        }
        g.writeEndObject();
    }
}
