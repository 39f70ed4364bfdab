package io.jynamo.core.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import io.jynamo.core.json.Json;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import static io.jynamo.core.api.Shape.integer;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;
import static io.jynamo.core.api.Shape.timestamp;

/**
 * ExportTableToPointInTime, DescribeExport and ListExports: their requests and the export's description.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExportTableToPointInTime.html">ExportTableToPointInTime</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExportDescription.html">ExportDescription</a>
 */
public final class Exports {
    private Exports() {
    }

    /**
     * An export as asked for.
     *
     * @param tableName  from TableArn
     * @param exportTime null: now
     * @param typeGiven  whether the request named its ExportType (DescribeExport shows it only then)
     * @param fromTime   INCREMENTAL_EXPORT only (ExportFromTime), as are toTime and viewType
     */
    public record Request(String tableArn, String tableName, Instant exportTime, String clientToken, String s3Bucket,
                          String s3BucketOwner, String s3Prefix, String s3SseAlgorithm, String s3SseKmsKeyId,
                          String exportFormat, String exportType, boolean typeGiven, Instant fromTime,
                          Instant toTime, String viewType) {
        public boolean incremental() {
            return exportType.equals(INCREMENTAL);
        }

        /** Whether a request with the same client token asks for the same export. */
        public boolean sameAs(Request other) {
            return java.util.Objects.equals(withoutToken(), other.withoutToken());
        }

        private Request withoutToken() {
            return new Request(tableArn, tableName, exportTime, null, s3Bucket, s3BucketOwner, s3Prefix,
                    s3SseAlgorithm, s3SseKmsKeyId, exportFormat, exportType, typeGiven, fromTime, toTime, viewType);
        }

        /** The same request with the members the server fills in when they are not given. */
        public Request resolved(String token, Instant to) {
            return new Request(tableArn, tableName, exportTime, token, s3Bucket, s3BucketOwner, s3Prefix,
                    s3SseAlgorithm, s3SseKmsKeyId, exportFormat, exportType, typeGiven, fromTime, to, viewType);
        }
    }

    /**
     * An export as DescribeExport shows it.
     *
     * @param manifest   the S3 key of manifest-summary.json (ExportManifest), once the export is COMPLETED
     * @param exportTime the instant a full export holds (the request's, or the time of the request); null for an
     *                   incremental export
     */
    public record Export(String arn, String status, Instant startTime, Instant endTime, String manifest,
                         String tableId, Request request, Instant exportTime, long billedSizeBytes, long itemCount,
                         String failureCode, String failureMessage) { }

    public record ListRequest(String tableArn, int maxResults, String nextToken) { }

    public record ListResponse(List<Export> exports, String nextToken) { }

    public static final String FULL = "FULL_EXPORT";
    public static final String INCREMENTAL = "INCREMENTAL_EXPORT";

    static final Shape EXPORT_ARN = string().length(37, 1024);

    static final Shape INCREMENTAL_SPECIFICATION = struct("IncrementalExportSpecification",
            member("ExportFromTime", timestamp()),
            member("ExportToTime", timestamp()),
            member("ExportViewType", string().oneOf("NEW_IMAGE", "NEW_AND_OLD_IMAGES")));

    static final Shape EXPORT = struct("ExportTableToPointInTimeInput",
            member("TableArn", string().notNull().length(1, 1024)),
            member("ExportTime", timestamp()),
            member("ClientToken", string().pattern("^[^\\$]+$")),
            member("S3Bucket", string().notNull().length(0, 255).pattern("^[a-z0-9A-Z]+[\\.\\-\\w]*[a-z0-9A-Z]+$")),
            member("S3BucketOwner", string().pattern("[0-9]{12}")),
            member("S3Prefix", string().length(0, 1024)),
            member("S3SseAlgorithm", string().oneOf("AES256", "KMS")),
            member("S3SseKmsKeyId", string().length(1, 2048)),
            member("ExportFormat", string().oneOf("DYNAMODB_JSON", "ION")),
            member("ExportType", string().oneOf(FULL, INCREMENTAL)),
            member("IncrementalExportSpecification", INCREMENTAL_SPECIFICATION));

    static final Shape DESCRIBE = struct("DescribeExportInput",
            member("ExportArn", EXPORT_ARN.notNull()));

    static final Shape LIST = struct("ListExportsInput",
            member("TableArn", string().length(1, 1024)),
            member("MaxResults", integer().min(1).max(25)),
            member("NextToken", string()));

    /** ListExports' page size when the request gives none (as observed of DynamoDB; the model allows 25). */
    static final int DEFAULT_MAX_RESULTS = 10;

    public static Request parse(byte[] body) {
        ObjectNode r = RequestChecker.check(body, EXPORT);
        String arn = r.get("TableArn").textValue();
        if (!arn.startsWith("arn:")) {
            throw DynamoException.invalidParameter("tableArn is not a valid ARN");
        }
        String table = tableOf(arn);
        if (table == null) {
            throw DynamoException.validation("Invalid Request: Table ARN is invalid.");
        }
        ObjectNode spec = (ObjectNode) r.get("IncrementalExportSpecification");
        String type = text(r, "ExportType", null);
        if (spec != null && !INCREMENTAL.equals(type)) {
            throw DynamoException.validation(type == null
                    ? "Invalid Request: Export Type expected to be Incremental Export when incremental export "
                    + "specification is provided"
                    : "Invalid Request: When Export Type is Full Export , Incremental Export Specification should "
                    + "not be provided");
        }
        Instant from = null;
        Instant to = null;
        String view = null;
        if (INCREMENTAL.equals(type)) {
            if (spec == null) {
                throw DynamoException.validation("Invalid Request: Incremental Export Specification expected when "
                        + "export type is set as Incremental Export");
            }
            if (!spec.has("ExportFromTime")) {
                throw DynamoException.validation(
                        "Invalid Request: ExportFromTime must be provided in IncrementalExportSpecification");
            }
            from = Backups.instant(spec.get("ExportFromTime"));
            to = Backups.instant(spec.get("ExportToTime"));
            view = text(spec, "ExportViewType", "NEW_AND_OLD_IMAGES");
        }
        String sse = text(r, "S3SseAlgorithm", "AES256");
        if (r.has("S3SseKmsKeyId") && !sse.equals("KMS")) {
            throw DynamoException.validation("Invalid Request: KMS Key Id is not supported for this encryption type");
        }
        return new Request(arn, table, Backups.instant(r.get("ExportTime")), text(r, "ClientToken", null),
                r.get("S3Bucket").textValue(), text(r, "S3BucketOwner", null), text(r, "S3Prefix", null), sse,
                text(r, "S3SseKmsKeyId", null), text(r, "ExportFormat", "DYNAMODB_JSON"),
                type == null ? FULL : type, r.has("ExportType"), from, to, view);
    }

    /** The request as stored with its export (instants as epoch milliseconds). */
    public static String toJson(Request r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("tableArn", r.tableArn()).put("tableName", r.tableName()).put("clientToken", r.clientToken())
                .put("s3Bucket", r.s3Bucket()).put("s3BucketOwner", r.s3BucketOwner()).put("s3Prefix", r.s3Prefix())
                .put("s3SseAlgorithm", r.s3SseAlgorithm()).put("s3SseKmsKeyId", r.s3SseKmsKeyId())
                .put("exportFormat", r.exportFormat()).put("exportType", r.exportType())
                .put("typeGiven", r.typeGiven()).put("viewType", r.viewType());
        putInstant(o, "exportTime", r.exportTime());
        putInstant(o, "fromTime", r.fromTime());
        putInstant(o, "toTime", r.toTime());
        return o.toString();
    }

    private static void putInstant(ObjectNode o, String name, Instant t) {
        if (t != null) {
            o.put(name, t.toEpochMilli());
        }
    }

    /** A request stored by {@link #toJson}. */
    public static Request fromJson(String json) {
        JsonNode o;
        try {
            o = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Request(o.get("tableArn").asText(), o.get("tableName").asText(), instant(o, "exportTime"),
                o.path("clientToken").textValue(), o.get("s3Bucket").asText(), o.path("s3BucketOwner").textValue(),
                o.path("s3Prefix").textValue(), o.path("s3SseAlgorithm").textValue(),
                o.path("s3SseKmsKeyId").textValue(), o.get("exportFormat").asText(), o.get("exportType").asText(),
                o.path("typeGiven").asBoolean(), instant(o, "fromTime"), instant(o, "toTime"),
                o.path("viewType").textValue());
    }

    private static Instant instant(JsonNode o, String name) {
        return o.hasNonNull(name) ? Instant.ofEpochMilli(o.get(name).asLong()) : null;
    }

    /** The table an ARN names ({@code arn:aws:dynamodb:REGION:ACCOUNT:table/NAME}); null when it names no table. */
    static String tableOf(String arn) {
        int at = arn.indexOf(":table/");
        String name = at < 0 ? null : arn.substring(at + ":table/".length());
        return name == null || name.isEmpty() || name.contains("/") ? null : name;
    }

    public static String parseDescribe(byte[] body) {
        String arn = RequestChecker.check(body, DESCRIBE).get("ExportArn").textValue();
        if (!namesA("export", arn)) {
            throw DynamoException.validation("Invalid Export ARN");
        }
        return arn;
    }

    public static ListRequest parseList(byte[] body) {
        ObjectNode r = RequestChecker.check(body, LIST);
        return new ListRequest(text(r, "TableArn", null),
                r.has("MaxResults") ? r.get("MaxResults").intValue() : DEFAULT_MAX_RESULTS,
                text(r, "NextToken", null));
    }

    static String text(ObjectNode r, String member, String fallback) {
        return r.has(member) ? r.get(member).textValue() : fallback;
    }

    /** DynamoDB's answer for an export ARN that names no export (its message says "Export not found" twice). */
    public static DynamoException notFound(String arn) {
        return new DynamoException(ErrorType.EXPORT_NOT_FOUND, "Export not found: Export not found: " + arn);
    }

    public static DynamoException conflict() {
        return new DynamoException(ErrorType.EXPORT_CONFLICT,
                "Export conflict: Duplicate request detected with conflicting parameters");
    }

    /**
     * Whether the ARN names an export ({@code kind} "export") or an import ("import") of a table:
     * {@code <table ARN>/<kind>/<14 digits>-<8 hex>}.
     */
    static boolean namesA(String kind, String arn) {
        int at = arn.lastIndexOf("/" + kind + "/");
        return arn.startsWith("arn:") && at > 0 && tableOf(arn.substring(0, at)) != null
                && arn.substring(at + kind.length() + 2).matches("[0-9]{14}-[0-9a-f]{8}");
    }

    /** ExportTableToPointInTime's and DescribeExport's answer: {@code {"ExportDescription": {...}}}. */
    public static void writeDescription(JsonGenerator g, Export e) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("ExportDescription");
        Request r = e.request();
        g.writeStringField("ExportArn", e.arn());
        g.writeStringField("ExportStatus", e.status());
        Json.writeEpochSeconds(g, "StartTime", e.startTime());
        if (e.endTime() != null) {
            Json.writeEpochSeconds(g, "EndTime", e.endTime());
        }
        if (e.manifest() != null) {
            g.writeStringField("ExportManifest", e.manifest());
        }
        g.writeStringField("TableArn", r.tableArn());
        g.writeStringField("TableId", e.tableId());
        if (e.exportTime() != null) {
            Json.writeEpochSeconds(g, "ExportTime", e.exportTime());
        }
        g.writeStringField("ClientToken", r.clientToken());
        g.writeStringField("S3Bucket", r.s3Bucket());
        if (r.s3BucketOwner() != null) {
            g.writeStringField("S3BucketOwner", r.s3BucketOwner());
        }
        if (r.s3Prefix() != null) {
            g.writeStringField("S3Prefix", r.s3Prefix());
        }
        g.writeStringField("S3SseAlgorithm", r.s3SseAlgorithm());
        if (r.s3SseKmsKeyId() != null) {
            g.writeStringField("S3SseKmsKeyId", r.s3SseKmsKeyId());
        }
        if (e.failureCode() != null) {
            g.writeStringField("FailureCode", e.failureCode());
            g.writeStringField("FailureMessage", e.failureMessage());
        }
        g.writeStringField("ExportFormat", r.exportFormat());
        if (!e.status().equals("IN_PROGRESS")) {
            // "BilledSizeBytes, EndTime, ExportManifest and ItemCount appear only when the export is terminal"
            g.writeNumberField("BilledSizeBytes", e.billedSizeBytes());
            g.writeNumberField("ItemCount", e.itemCount());
        }
        if (r.typeGiven()) {
            g.writeStringField("ExportType", r.exportType());
        }
        if (r.incremental()) {
            g.writeObjectFieldStart("IncrementalExportSpecification");
            Json.writeEpochSeconds(g, "ExportFromTime", r.fromTime());
            Json.writeEpochSeconds(g, "ExportToTime", r.toTime());
            g.writeStringField("ExportViewType", r.viewType());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** ListExports' answer. */
    public static void writeList(JsonGenerator g, ListResponse r) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("ExportSummaries");
        for (Export e : r.exports()) {
            g.writeStartObject();
            g.writeStringField("ExportArn", e.arn());
            g.writeStringField("ExportStatus", e.status());
            g.writeStringField("ExportType", e.request().exportType());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (r.nextToken() != null) {
            g.writeStringField("NextToken", r.nextToken());
        }
        g.writeEndObject();
    }
}
