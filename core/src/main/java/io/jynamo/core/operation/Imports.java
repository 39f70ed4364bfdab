package io.jynamo.core.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import io.jynamo.core.json.Json;
import io.jynamo.core.transfer.ImportRecords;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.jynamo.core.api.Shape.integer;
import static io.jynamo.core.api.Shape.list;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/**
 * ImportTable, DescribeImport and ListImports: their requests and the import's description. The new table is asked
 * for by TableCreationParameters, which become a CreateTable request: every rule CreateTable has applies to it, in one
 * place.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ImportTable.html">ImportTable</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ImportTableDescription.html">ImportTableDescription</a>
 */
public final class Imports {
    private Imports() {
    }

    /**
     * An import as asked for.
     *
     * @param body  the request as received (kept with the import, and shown again by DescribeImport)
     * @param table the CreateTable request TableCreationParameters make
     */
    public record Request(ObjectNode body, String clientToken, String s3Bucket, String s3BucketOwner,
                          String s3KeyPrefix, String inputFormat, String compression, ImportRecords.CsvOptions csv,
                          CreateTable.Request table) {
        /** Whether a request with the same client token asks for the same import. */
        public boolean sameAs(Request other) {
            ObjectNode mine = body.deepCopy();
            ObjectNode theirs = other.body.deepCopy();
            mine.remove("ClientToken");
            theirs.remove("ClientToken");
            return mine.equals(theirs);
        }
    }

    /** An import as DescribeImport shows it. */
    public record Import(String arn, String status, String tableArn, String tableId, Request request,
                         Instant startTime, Instant endTime, long processedSizeBytes, long processedItemCount,
                         long importedItemCount, long errorCount, String failureCode, String failureMessage,
                         String logGroupArn) { }

    public record ListRequest(String tableArn, int pageSize, String nextToken) { }

    public record ListResponse(List<Import> imports, String nextToken) { }

    static final Shape IMPORT_ARN = string().length(37, 1024);

    static final Shape S3_BUCKET_SOURCE = struct("S3BucketSource",
            member("S3BucketOwner", string().pattern("[0-9]{12}")),
            member("S3Bucket", string().notNull().length(0, 255).pattern("^[a-z0-9A-Z]+[\\.\\-\\w]*[a-z0-9A-Z]+$")),
            member("S3KeyPrefix", string().length(0, 1024)));

    static final Shape CSV_OPTIONS = struct("CsvOptions",
            member("Delimiter", string().length(1, 1).pattern("[,;:|\\t ]")),
            member("HeaderList", list(string().length(1, 65536).pattern("[\\x20-\\x21\\x23-\\x2B\\x2D-\\x7E]*"))
                    .length(1, 255)));

    static final Shape TABLE_CREATION_PARAMETERS = struct("TableCreationParameters",
            member("TableName", Shape.controlPlaneTableName()),
            member("AttributeDefinitions", list(CreateTable.ATTRIBUTE_DEFINITION).notNull()),
            member("KeySchema", CreateTable.KEY_SCHEMA),
            member("BillingMode", string().oneOf("PROVISIONED", "PAY_PER_REQUEST")),
            member("ProvisionedThroughput", Throughput.SHAPE),
            member("OnDemandThroughput", Throughput.ON_DEMAND_SHAPE),
            member("SSESpecification", Restores.SSE_SPECIFICATION),
            member("GlobalSecondaryIndexes", list(IndexSpecs.GLOBAL_INDEX)));

    static final Shape IMPORT = struct("ImportTableInput",
            member("ClientToken", string().pattern("^[^\\$]+$")),
            member("S3BucketSource", S3_BUCKET_SOURCE.notNull()),
            member("InputFormat", string().notNull().oneOf("DYNAMODB_JSON", "ION", "CSV")),
            member("InputFormatOptions", struct("InputFormatOptions", member("Csv", CSV_OPTIONS))),
            member("InputCompressionType", string().oneOf("GZIP", "ZSTD", "NONE")),
            member("TableCreationParameters", TABLE_CREATION_PARAMETERS.notNull()));

    static final Shape DESCRIBE = struct("DescribeImportInput",
            member("ImportArn", IMPORT_ARN.notNull()));

    static final Shape LIST = struct("ListImportsInput",
            member("TableArn", string().length(1, 1024)),
            member("PageSize", integer().min(1).max(25)),
            member("NextToken", string().length(112, 1024).pattern("([0-9a-f]{16})+")));

    /** ListImports' page size when the request gives none (as observed of DynamoDB; the model allows 25). */
    static final int DEFAULT_PAGE_SIZE = 10;

    /** Where DynamoDB logs the lines an import could not import; Jynamo's import_error_log stands for it. */
    public static final String LOG_GROUP = "/aws-dynamodb/imports";

    public static Request parse(byte[] body) {
        ObjectNode r = RequestChecker.check(body, IMPORT);
        ObjectNode source = (ObjectNode) r.get("S3BucketSource");
        String format = r.get("InputFormat").textValue();
        JsonNode csvNode = r.path("InputFormatOptions").path("Csv");
        if (!csvNode.isMissingNode() && !format.equals("CSV")) {
            throw DynamoException.validation("Invalid Request: Unsupported InputFormatOptions for the given input "
                    + "format: " + format + ".");
        }
        ImportRecords.CsvOptions csv = null;
        if (format.equals("CSV")) {
            String delimiter = csvNode.path("Delimiter").asText(",");
            List<String> header = null;
            if (csvNode.has("HeaderList")) {
                header = new ArrayList<>();
                for (JsonNode h : csvNode.get("HeaderList")) {
                    header.add(h.textValue());
                }
            }
            csv = new ImportRecords.CsvOptions(delimiter.charAt(0), header);
        }
        ObjectNode table = ((ObjectNode) r.get("TableCreationParameters")).deepCopy();
        // accepted as DynamoDB accepts it; a Jynamo table has no encryption setting to take
        table.remove("SSESpecification");
        CreateTable.Request create = CreateTable.parse(Json.write(g -> g.writeTree(table)));
        return new Request(r, Exports.text(r, "ClientToken", null), source.get("S3Bucket").textValue(),
                Exports.text(source, "S3BucketOwner", null), Exports.text(source, "S3KeyPrefix", ""), format,
                Exports.text(r, "InputCompressionType", "NONE"), csv, create);
    }

    public static String parseDescribe(byte[] body) {
        String arn = RequestChecker.check(body, DESCRIBE).get("ImportArn").textValue();
        if (!Exports.namesA("import", arn)) {
            throw DynamoException.validation("Invalid Import ARN");
        }
        return arn;
    }

    public static ListRequest parseList(byte[] body) {
        ObjectNode r = RequestChecker.check(body, LIST);
        return new ListRequest(Exports.text(r, "TableArn", null),
                r.has("PageSize") ? r.get("PageSize").intValue() : DEFAULT_PAGE_SIZE, Exports.text(r, "NextToken", null));
    }

    /** The message is not recorded of DynamoDB (docs/research/export-import.md). */
    public static DynamoException notFound(String arn) {
        return new DynamoException(ErrorType.IMPORT_NOT_FOUND, "Import not found: " + arn);
    }

    public static DynamoException conflict() {
        return new DynamoException(ErrorType.IMPORT_CONFLICT,
                "Import conflict: Duplicate request detected with conflicting parameters");
    }

    /** ImportTable's and DescribeImport's answer: {@code {"ImportTableDescription": {...}}}. */
    public static void writeDescription(JsonGenerator g, Import i) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("ImportTableDescription");
        ObjectNode body = i.request().body();
        g.writeStringField("ImportArn", i.arn());
        g.writeStringField("ImportStatus", i.status());
        g.writeStringField("TableArn", i.tableArn());
        g.writeStringField("TableId", i.tableId());
        if (i.request().clientToken() != null) {
            g.writeStringField("ClientToken", i.request().clientToken());
        }
        g.writeFieldName("S3BucketSource");
        g.writeTree(body.get("S3BucketSource"));
        g.writeNumberField("ErrorCount", i.errorCount());
        g.writeStringField("CloudWatchLogGroupArn", i.logGroupArn());
        g.writeStringField("InputFormat", i.request().inputFormat());
        if (body.has("InputFormatOptions")) {
            g.writeFieldName("InputFormatOptions");
            g.writeTree(body.get("InputFormatOptions"));
        }
        g.writeStringField("InputCompressionType", i.request().compression());
        g.writeFieldName("TableCreationParameters");
        g.writeTree(body.get("TableCreationParameters"));
        Json.writeEpochSeconds(g, "StartTime", i.startTime());
        if (i.endTime() != null) {
            Json.writeEpochSeconds(g, "EndTime", i.endTime());
        }
        g.writeNumberField("ProcessedSizeBytes", i.processedSizeBytes());
        g.writeNumberField("ProcessedItemCount", i.processedItemCount());
        g.writeNumberField("ImportedItemCount", i.importedItemCount());
        if (i.failureCode() != null) {
            g.writeStringField("FailureCode", i.failureCode());
            g.writeStringField("FailureMessage", i.failureMessage());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** ListImports' answer. */
    public static void writeList(JsonGenerator g, ListResponse r) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("ImportSummaryList");
        for (Import i : r.imports()) {
            g.writeStartObject();
            g.writeStringField("ImportArn", i.arn());
            g.writeStringField("ImportStatus", i.status());
            g.writeStringField("TableArn", i.tableArn());
            g.writeFieldName("S3BucketSource");
            g.writeTree(i.request().body().get("S3BucketSource"));
            g.writeStringField("CloudWatchLogGroupArn", i.logGroupArn());
            g.writeStringField("InputFormat", i.request().inputFormat());
            Json.writeEpochSeconds(g, "StartTime", i.startTime());
            if (i.endTime() != null) {
                Json.writeEpochSeconds(g, "EndTime", i.endTime());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        if (r.nextToken() != null) {
            g.writeStringField("NextToken", r.nextToken());
        }
        g.writeEndObject();
    }
}
