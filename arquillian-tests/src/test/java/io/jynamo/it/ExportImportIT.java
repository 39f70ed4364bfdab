package io.jynamo.it;

import com.amazon.ion.IonBlob;
import com.amazon.ion.IonBool;
import com.amazon.ion.IonDecimal;
import com.amazon.ion.IonList;
import com.amazon.ion.IonString;
import com.amazon.ion.IonStruct;
import com.amazon.ion.IonSystem;
import com.amazon.ion.IonValue;
import com.amazon.ion.system.IonSystemBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airlift.compress.zstd.ZstdOutputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ExportDescription;
import software.amazon.awssdk.services.dynamodb.model.ExportFormat;
import software.amazon.awssdk.services.dynamodb.model.ExportStatus;
import software.amazon.awssdk.services.dynamodb.model.ExportType;
import software.amazon.awssdk.services.dynamodb.model.ExportViewType;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ImportStatus;
import software.amazon.awssdk.services.dynamodb.model.ImportTableDescription;
import software.amazon.awssdk.services.dynamodb.model.InputCompressionType;
import software.amazon.awssdk.services.dynamodb.model.InputFormat;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableCreationParameters;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static io.jynamo.it.Tables.def;
import static io.jynamo.it.Tables.key;
import static io.jynamo.it.DynamoAssertions.assertError;
import static io.jynamo.it.DynamoAssertions.assertErrorCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Export to S3 and import from S3 through the SDK, against a real S3-compatible server ({@link TestObjectStore}):
 * 100,000 items of every type exported in both formats and imported back into new tables equal to the source item
 * for item; the exports read by readers of our own making here (Jackson, Ion's DOM, MessageDigest), not by Jynamo's
 * code; an incremental export applied to an older full export equals the newer state; imports with bad lines, CSV
 * and zstd report exact counts and log each failure; every error with its {@code __type}.
 */
class ExportImportIT extends JynamoIT {
    private static final int ITEMS = 100_000;
    private static final String ACCOUNT_ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final IonSystem ION = IonSystemBuilder.standard().build();

    private final S3Client s3 = TestObjectStore.client();

    private String sourceTable(String prefix) {
        String name = Tables.uniqueName(prefix);
        ddb.createTable(b -> b.tableName(name)
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("sk", ScalarAttributeType.N),
                        def("g", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("by-g")
                        .keySchema(key("g", KeyType.HASH), key("sk", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        Tables.awaitActive(ddb, name);
        ddb.updateContinuousBackups(b -> b.tableName(name)
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        return name;
    }

    /** An item with every type DynamoDB has, varied by {@code i}. */
    private static Map<String, AttributeValue> item(int i) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("p" + (i % 997) + (i % 5 == 0 ? "-ünï-😀" : "")));
        item.put("sk", AttributeValue.fromN(Integer.toString(i)));
        if (i % 10 == 0) {
            item.put("g", AttributeValue.fromS("g" + (i % 3)));
        }
        item.put("s", AttributeValue.fromS(i % 7 == 0 ? "" : "text \"quoted\"\n\ttab " + i));
        // 38 significant digits, negative, tiny and huge exponents
        item.put("n", AttributeValue.fromN(switch (i % 4) {
            case 0 -> "12345678901234567890123456789012345678";
            case 1 -> "-0.000000000000000000000000000000000000123";
            case 2 -> "9.9999999999999999999999999999999999999E+125";
            default -> Integer.toString(-i);
        }));
        item.put("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, (byte) i, (byte) 0xff, 10})));
        item.put("t", AttributeValue.fromBool(i % 2 == 0));
        item.put("z", AttributeValue.fromNul(true));
        item.put("ss", AttributeValue.fromSs(List.of("a", "b" + i)));
        item.put("ns", AttributeValue.fromNs(List.of("1", "1E-130", Integer.toString(i + 2))));
        item.put("bs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {1}),
                SdkBytes.fromByteArray(new byte[] {2, (byte) i}))));
        item.put("l", AttributeValue.fromL(List.of(AttributeValue.fromS("x"), AttributeValue.fromN("1.5"),
                AttributeValue.fromNul(true), AttributeValue.fromL(List.of()))));
        item.put("m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromM(Map.of(
                "deep", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v"))),
                        AttributeValue.fromBool(false))))), "empty", AttributeValue.fromM(Map.of()))));
        return item;
    }

    private void load(String table, int count) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                done.add(writers.submit(() -> {
                    List<WriteRequest> chunk = new ArrayList<>();
                    for (int i = writer; i < count; i += 4) {
                        chunk.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item(i)).build())
                                .build());
                        if (chunk.size() == 25 || i + 4 >= count) {
                            List<WriteRequest> batch = List.copyOf(chunk);
                            assertThat(ddb.batchWriteItem(b -> b.requestItems(Map.of(table, batch)))
                                    .unprocessedItems()).isEmpty();
                            chunk.clear();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            writers.shutdown();
        }
    }

    /** The table's items by key, from a scan. */
    private Map<String, Map<String, AttributeValue>> contents(String table) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        ddb.scanPaginator(b -> b.tableName(table)).items().forEach(i -> items.put(keyOf(i), normalised(i)));
        return items;
    }

    private static String keyOf(Map<String, AttributeValue> item) {
        return item.get("pk").s() + "/" + new BigDecimal(item.get("sk").n()).toPlainString();
    }

    /** Sets compared as sets and numbers as numbers: their order and spelling are not part of an item. */
    private static Map<String, AttributeValue> normalised(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> out = new HashMap<>();
        item.forEach((k, v) -> out.put(k, normalised(v)));
        return out;
    }

    private static AttributeValue normalised(AttributeValue v) {
        if (v.n() != null) {
            return AttributeValue.fromN(new BigDecimal(v.n()).stripTrailingZeros().toString());
        }
        if (v.hasSs()) {
            return AttributeValue.fromSs(v.ss().stream().sorted().toList());
        }
        if (v.hasNs()) {
            return AttributeValue.fromNs(v.ns().stream().map(n -> new BigDecimal(n).stripTrailingZeros())
                    .sorted().map(BigDecimal::toString).toList());
        }
        if (v.hasBs()) {
            return AttributeValue.fromBs(v.bs().stream().sorted((a, b) -> Base64.getEncoder()
                    .encodeToString(a.asByteArray()).compareTo(Base64.getEncoder().encodeToString(b.asByteArray())))
                    .toList());
        }
        if (v.hasL()) {
            return AttributeValue.fromL(v.l().stream().map(ExportImportIT::normalised).toList());
        }
        if (v.hasM()) {
            return AttributeValue.fromM(normalised(v.m()));
        }
        return v;
    }

    private ExportDescription awaitExport(String arn) {
        return awaitEnd(() -> ddb.describeExport(b -> b.exportArn(arn)).exportDescription(),
                d -> d.exportStatus() == ExportStatus.IN_PROGRESS);
    }

    private ImportTableDescription awaitImport(String arn) {
        return awaitEnd(() -> ddb.describeImport(b -> b.importArn(arn)).importTableDescription(),
                d -> d.importStatus() == ImportStatus.IN_PROGRESS);
    }

    /** The description once it is no longer in progress (or after four minutes, for the assertions to report). */
    private static <T> T awaitEnd(java.util.function.Supplier<T> describe, java.util.function.Predicate<T> inProgress) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (true) {
            T d = describe.get();
            if (!inProgress.test(d) || Instant.now().isAfter(deadline)) {
                return d;
            }
            sleep(300);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private byte[] object(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(TestObjectStore.BUCKET).key(key)).asByteArray();
    }

    private static String base64Md5(byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    /**
     * Reads an export as a tool written for DynamoDB's exports would: the summary, its checksum, the files manifest,
     * its checksum, each data file's MD5, ETag and item count; returns the data files' lines (gunzipped) in order.
     */
    private List<String> readExport(ExportDescription d, String prefix, String format) throws Exception {
        String exportId = d.exportArn().substring(d.exportArn().indexOf("/export/") + "/export/".length());
        String folder = prefix + "/AWSDynamoDB/" + exportId + "/";
        assertThat(d.exportManifest()).isEqualTo(folder + "manifest-summary.json");
        byte[] summaryBytes = object(folder + "manifest-summary.json");
        assertThat(new String(object(folder + "manifest-summary.md5"), StandardCharsets.US_ASCII))
                .isEqualTo(base64Md5(summaryBytes));
        JsonNode summary = JSON.readTree(summaryBytes);
        assertThat(summary.get("exportArn").asText()).isEqualTo(d.exportArn());
        assertThat(summary.get("tableArn").asText()).isEqualTo(d.tableArn());
        assertThat(summary.get("tableId").asText()).isEqualTo(d.tableId());
        assertThat(summary.get("s3Bucket").asText()).isEqualTo(TestObjectStore.BUCKET);
        assertThat(summary.get("s3Prefix").asText()).isEqualTo(prefix);
        assertThat(summary.get("s3SseAlgorithm").asText()).isEqualTo("AES256");
        assertThat(summary.get("outputFormat").asText()).isEqualTo(format);
        assertThat(summary.get("itemCount").asLong()).isEqualTo(d.itemCount());
        assertThat(s3.headObject(b -> b.bucket(TestObjectStore.BUCKET).key(folder + "_started")).contentLength())
                .isZero();
        String filesKey = summary.get("manifestFilesS3Key").asText();
        assertThat(filesKey).isEqualTo(folder + "manifest-files.json");
        byte[] filesBytes = object(filesKey);
        assertThat(new String(object(folder + "manifest-files.md5"), StandardCharsets.US_ASCII))
                .isEqualTo(base64Md5(filesBytes));
        List<String> lines = new ArrayList<>();
        long total = 0;
        for (String fileLine : new String(filesBytes, StandardCharsets.UTF_8).split("\n")) {
            JsonNode file = JSON.readTree(fileLine);
            assertThat(file.fieldNames()).toIterable()
                    .containsExactly("itemCount", "md5Checksum", "etag", "dataFileS3Key");
            String key = file.get("dataFileS3Key").asText();
            assertThat(key).endsWith(format.equals("ION") ? ".ion.gz" : ".json.gz");
            byte[] data = object(key);
            assertThat(base64Md5(data)).isEqualTo(file.get("md5Checksum").asText());
            assertThat(s3.headObject(b -> b.bucket(TestObjectStore.BUCKET).key(key)).eTag().replace("\"", ""))
                    .isEqualTo(file.get("etag").asText());
            String text = new String(gunzip(data), StandardCharsets.UTF_8);
            List<String> fileLines = text.isEmpty() ? List.of() : List.of(text.split("\n"));
            assertThat(text.isEmpty() || text.endsWith("\n")).isTrue();
            assertThat(fileLines).hasSize(file.get("itemCount").asInt());
            lines.addAll(fileLines);
            total += fileLines.size();
        }
        assertThat(total).isEqualTo(d.itemCount());
        return lines;
    }

    /** A DYNAMODB_JSON item, read by Jackson into the SDK's values (an independent reader of the export). */
    private static Map<String, AttributeValue> fromJson(JsonNode item) {
        Map<String, AttributeValue> out = new HashMap<>();
        item.fields().forEachRemaining(e -> out.put(e.getKey(), fromJsonValue(e.getValue())));
        return out;
    }

    private static AttributeValue fromJsonValue(JsonNode v) {
        assertThat(v.size()).isEqualTo(1);
        String type = v.fieldNames().next();
        JsonNode x = v.get(type);
        List<String> strings = new ArrayList<>();
        x.forEach(e -> strings.add(e.asText()));
        return switch (type) {
            case "S" -> AttributeValue.fromS(x.asText());
            case "N" -> AttributeValue.fromN(x.asText());
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(x.asText())));
            case "BOOL" -> AttributeValue.fromBool(x.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" -> AttributeValue.fromSs(strings);
            case "NS" -> AttributeValue.fromNs(strings);
            case "BS" -> AttributeValue.fromBs(strings.stream()
                    .map(s -> SdkBytes.fromByteArray(Base64.getDecoder().decode(s))).toList());
            case "L" -> {
                List<AttributeValue> l = new ArrayList<>();
                x.forEach(e -> l.add(fromJsonValue(e)));
                yield AttributeValue.fromL(l);
            }
            case "M" -> AttributeValue.fromM(fromJson(x));
            default -> throw new AssertionError("unknown type " + type);
        };
    }

    /** An ION item, read by Ion's DOM into the SDK's values (DynamoDB's documented mapping, independently). */
    private static Map<String, AttributeValue> fromIon(IonStruct item) {
        Map<String, AttributeValue> out = new HashMap<>();
        for (IonValue v : item) {
            out.put(v.getFieldName(), fromIonValue(v));
        }
        return out;
    }

    private static AttributeValue fromIonValue(IonValue v) {
        String[] annotations = v.getTypeAnnotations();
        if (annotations.length == 1) {
            List<IonValue> members = new ArrayList<>((IonList) v);
            return switch (annotations[0]) {
                case "$dynamodb_SS" -> AttributeValue.fromSs(members.stream()
                        .map(m -> ((IonString) m).stringValue()).toList());
                case "$dynamodb_NS" -> AttributeValue.fromNs(members.stream()
                        .map(m -> ((IonDecimal) m).bigDecimalValue().toString()).toList());
                case "$dynamodb_BS" -> AttributeValue.fromBs(members.stream()
                        .map(m -> SdkBytes.fromByteArray(((IonBlob) m).getBytes())).toList());
                default -> throw new AssertionError("unknown annotation " + annotations[0]);
            };
        }
        if (v.isNullValue()) {
            return AttributeValue.fromNul(true);
        }
        return switch (v.getType()) {
            case STRING -> AttributeValue.fromS(((IonString) v).stringValue());
            case DECIMAL -> AttributeValue.fromN(((IonDecimal) v).bigDecimalValue().toString());
            case BLOB -> AttributeValue.fromB(SdkBytes.fromByteArray(((IonBlob) v).getBytes()));
            case BOOL -> AttributeValue.fromBool(((IonBool) v).booleanValue());
            case LIST -> AttributeValue.fromL(((IonList) v).stream().map(ExportImportIT::fromIonValue).toList());
            case STRUCT -> AttributeValue.fromM(fromIon((IonStruct) v));
            default -> throw new AssertionError("unexpected Ion type " + v.getType());
        };
    }

    private static Map<String, Map<String, AttributeValue>> byKey(List<Map<String, AttributeValue>> items) {
        Map<String, Map<String, AttributeValue>> out = new HashMap<>();
        items.forEach(i -> out.put(keyOf(i), normalised(i)));
        return out;
    }

    private ExportDescription export(String table, String prefix, ExportFormat format) {
        String arn = ddb.exportTableToPointInTime(b -> b.tableArn(ACCOUNT_ARN + table)
                .s3Bucket(TestObjectStore.BUCKET).s3Prefix(prefix).exportFormat(format)).exportDescription()
                .exportArn();
        ExportDescription d = awaitExport(arn);
        assertThat(d.exportStatus()).as("%s", d).isEqualTo(ExportStatus.COMPLETED);
        return d;
    }

    private ImportTableDescription importInto(String table, String prefix, InputFormat format,
                                              InputCompressionType compression) {
        String arn = ddb.importTable(b -> b.s3BucketSource(s -> s.s3Bucket(TestObjectStore.BUCKET)
                        .s3KeyPrefix(prefix)).inputFormat(format).inputCompressionType(compression)
                .tableCreationParameters(creation(table))).importTableDescription().importArn();
        return awaitImport(arn);
    }

    private static TableCreationParameters creation(String table) {
        return TableCreationParameters.builder().tableName(table)
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("sk", ScalarAttributeType.N),
                        def("g", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("by-g")
                        .keySchema(key("g", KeyType.HASH), key("sk", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()).build();
    }

    @Test
    void aHundredThousandItemsOfEveryTypeGoOutInBothFormatsAndComeBackItemForItem() throws Exception {
        String table = sourceTable("export-src");
        load(table, ITEMS);
        Map<String, Map<String, AttributeValue>> source = contents(table);
        assertThat(source).hasSize(ITEMS);

        String jsonPrefix = "full/" + table + "/json";
        ExportDescription json = export(table, jsonPrefix, ExportFormat.DYNAMODB_JSON);
        assertThat(json.itemCount()).isEqualTo(ITEMS);
        assertThat(json.exportType()).isNull();
        List<Map<String, AttributeValue>> jsonItems = new ArrayList<>();
        for (String line : readExport(json, jsonPrefix, "DYNAMODB_JSON")) {
            JsonNode record = JSON.readTree(line);
            assertThat(record.fieldNames()).toIterable().containsExactly("Item");
            jsonItems.add(fromJson(record.get("Item")));
        }
        assertThat(byKey(jsonItems)).isEqualTo(source);

        String ionPrefix = "full/" + table + "/ion";
        ExportDescription ion = export(table, ionPrefix, ExportFormat.ION);
        List<Map<String, AttributeValue>> ionItems = new ArrayList<>();
        for (String line : readExport(ion, ionPrefix, "ION")) {
            assertThat(line).startsWith("$ion_1_0 ");
            IonStruct record = (IonStruct) ION.singleValue(line);
            assertThat(record.size()).isEqualTo(1);
            ionItems.add(fromIon((IonStruct) record.get("Item")));
        }
        assertThat(byKey(ionItems)).isEqualTo(source);

        String jsonExportId = json.exportArn().substring(json.exportArn().indexOf("/export/") + 8);
        String fromJson = Tables.uniqueName("import-json");
        ImportTableDescription imported = importInto(fromJson, jsonPrefix + "/AWSDynamoDB/" + jsonExportId + "/data/",
                InputFormat.DYNAMODB_JSON, InputCompressionType.GZIP);
        assertThat(imported.importStatus()).as("%s", imported).isEqualTo(ImportStatus.COMPLETED);
        assertThat(imported.processedItemCount()).isEqualTo(ITEMS);
        assertThat(imported.importedItemCount()).isEqualTo(ITEMS);
        assertThat(imported.errorCount()).isZero();
        assertThat(contents(fromJson)).isEqualTo(source);
        // the index was filled with the table
        assertThat(ddb.query(b -> b.tableName(fromJson).indexName("by-g").keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("g1")))).count())
                .isEqualTo(ddb.query(b -> b.tableName(table).indexName("by-g").keyConditionExpression("g = :g")
                        .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("g1")))).count());

        String ionExportId = ion.exportArn().substring(ion.exportArn().indexOf("/export/") + 8);
        String fromIon = Tables.uniqueName("import-ion");
        ImportTableDescription ionImported = importInto(fromIon, ionPrefix + "/AWSDynamoDB/" + ionExportId + "/data/",
                InputFormat.ION, InputCompressionType.GZIP);
        assertThat(ionImported.importStatus()).as("%s", ionImported).isEqualTo(ImportStatus.COMPLETED);
        assertThat(ionImported.importedItemCount()).isEqualTo(ITEMS);
        assertThat(contents(fromIon)).isEqualTo(source);
    }

    @Test
    void anIncrementalExportAppliedToAnOlderFullExportEqualsTheNewerState() throws Exception {
        String table = sourceTable("export-inc");
        load(table, 300);
        sleep(1500);
        Instant from = Instant.now();
        sleep(1500);
        String prefix = "inc/" + table;
        String fullArn = ddb.exportTableToPointInTime(b -> b.tableArn(ACCOUNT_ARN + table)
                .s3Bucket(TestObjectStore.BUCKET).s3Prefix(prefix).exportTime(from)).exportDescription().exportArn();

        // inserts, updates, deletes, and inserts then deletes (which leave no record at all)
        for (int i = 300; i < 320; i++) {
            Map<String, AttributeValue> added = item(i);
            ddb.putItem(b -> b.tableName(table).item(added));
        }
        for (int i = 0; i < 20; i++) {
            Map<String, AttributeValue> changed = new HashMap<>(item(i));
            changed.put("s", AttributeValue.fromS("changed " + i));
            ddb.putItem(b -> b.tableName(table).item(changed));
        }
        for (int i = 20; i < 45; i++) {
            Map<String, AttributeValue> k = Map.of("pk", item(i).get("pk"), "sk", item(i).get("sk"));
            ddb.deleteItem(b -> b.tableName(table).key(k));
        }
        for (int i = 320; i < 325; i++) {
            Map<String, AttributeValue> added = item(i);
            ddb.putItem(b -> b.tableName(table).item(added));
            Map<String, AttributeValue> k = Map.of("pk", item(i).get("pk"), "sk", item(i).get("sk"));
            ddb.deleteItem(b -> b.tableName(table).key(k));
        }
        sleep(1500);
        Instant to = Instant.now();
        sleep(1500);

        ExportDescription full = awaitExport(fullArn);
        assertThat(full.exportStatus()).isEqualTo(ExportStatus.COMPLETED);
        assertThat(full.exportTime()).isEqualTo(from.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        Map<String, Map<String, AttributeValue>> state = new HashMap<>();
        for (String line : readExport(full, prefix, "DYNAMODB_JSON")) {
            Map<String, AttributeValue> i = fromJson(JSON.readTree(line).get("Item"));
            state.put(keyOf(i), normalised(i));
        }
        assertThat(state).hasSize(300);

        ExportDescription inc = awaitExport(ddb.exportTableToPointInTime(b -> b.tableArn(ACCOUNT_ARN + table)
                .s3Bucket(TestObjectStore.BUCKET).s3Prefix(prefix).exportType(ExportType.INCREMENTAL_EXPORT)
                .incrementalExportSpecification(s -> s.exportFromTime(from).exportToTime(to)
                        .exportViewType(ExportViewType.NEW_AND_OLD_IMAGES))).exportDescription().exportArn());
        assertThat(inc.exportStatus()).as("%s", inc).isEqualTo(ExportStatus.COMPLETED);
        assertThat(inc.exportType()).isEqualTo(ExportType.INCREMENTAL_EXPORT);
        assertThat(inc.exportTime()).isNull();
        assertThat(inc.incrementalExportSpecification().exportViewType()).isEqualTo(ExportViewType.NEW_AND_OLD_IMAGES);
        // 20 inserts + 20 updates + 25 deletes
        assertThat(inc.itemCount()).isEqualTo(65);
        String incId = inc.exportArn().substring(inc.exportArn().indexOf("/export/") + 8);
        JsonNode summary = JSON.readTree(object(prefix + "/AWSDynamoDB/" + incId + "/manifest-summary.json"));
        assertThat(summary.get("version").asText()).isEqualTo("2023-08-01");
        assertThat(summary.get("exportType").asText()).isEqualTo("INCREMENTAL_EXPORT");
        assertThat(summary.get("outputView").asText()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(summary.has("exportFromTime") && summary.has("exportToTime") && !summary.has("exportTime")).isTrue();
        long micros = 0;
        int deletes = 0;
        for (String line : readExport(inc, prefix, "DYNAMODB_JSON")) {
            JsonNode record = JSON.readTree(line);
            assertThat(record.at("/Metadata/WriteTimestampMicros/N").asText()).matches("[0-9]{16}");
            micros = Math.max(micros, record.at("/Metadata/WriteTimestampMicros/N").asLong());
            Map<String, AttributeValue> keys = fromJson(record.get("Keys"));
            assertThat(keys.keySet()).containsExactlyInAnyOrder("pk", "sk");
            if (record.has("NewImage")) {
                Map<String, AttributeValue> i = fromJson(record.get("NewImage"));
                state.put(keyOf(i), normalised(i));
            } else {
                assertThat(record.has("OldImage")).isTrue();
                deletes++;
                state.remove(keyOf(keys));
            }
        }
        assertThat(deletes).isEqualTo(25);
        assertThat(Instant.ofEpochSecond(micros / 1_000_000)).isBetween(from.minusSeconds(1), to);
        assertThat(state).isEqualTo(contents(table));
        // the data files of incremental exports share AWSDynamoDB/data/
        assertThat(new String(object(prefix + "/AWSDynamoDB/" + incId + "/manifest-files.json"),
                StandardCharsets.UTF_8)).contains("\"dataFileS3Key\":\"" + prefix + "/AWSDynamoDB/data/");

        ExportDescription newImages = awaitExport(ddb.exportTableToPointInTime(b -> b.tableArn(ACCOUNT_ARN + table)
                .s3Bucket(TestObjectStore.BUCKET).s3Prefix(prefix + "-new").exportFormat(ExportFormat.ION)
                .exportType(ExportType.INCREMENTAL_EXPORT)
                .incrementalExportSpecification(s -> s.exportFromTime(from).exportToTime(to)
                        .exportViewType(ExportViewType.NEW_IMAGE))).exportDescription().exportArn());
        assertThat(newImages.itemCount()).isEqualTo(65);
        int keysOnly = 0;
        for (String line : readExport(newImages, prefix + "-new", "ION")) {
            IonStruct record = (IonStruct) ION.singleValue(line);
            assertThat(record.containsKey("OldImage")).isFalse();
            keysOnly += record.containsKey("NewImage") ? 0 : 1;
        }
        assertThat(keysOnly).isEqualTo(25);

        // a deleted table's exports are described, but no longer listed for it (as in DynamoDB)
        assertThat(ddb.listExports(b -> b.tableArn(ACCOUNT_ARN + table)).exportSummaries()).hasSize(3);
        ddb.deleteTable(b -> b.tableName(table));
        Tables.awaitGone(ddb, table);
        assertThat(ddb.listExports(b -> b.tableArn(ACCOUNT_ARN + table)).exportSummaries()).isEmpty();
        assertThat(ddb.describeExport(b -> b.exportArn(fullArn)).exportDescription().exportStatus())
                .isEqualTo(ExportStatus.COMPLETED);
    }

    private void put(String key, String text, boolean gzip, boolean zstd) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (gzip) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                z.write(bytes);
            }
            bytes = out.toByteArray();
        } else if (zstd) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZstdOutputStream z = new ZstdOutputStream(out)) {
                z.write(bytes);
            }
            bytes = out.toByteArray();
        }
        byte[] body = bytes;
        s3.putObject(b -> b.bucket(TestObjectStore.BUCKET).key(key), RequestBody.fromBytes(body));
    }

    /** The rows of import_error_log of an import: "object key#index: message". */
    private static List<String> errorLog(String importArn) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = TestDatabase.connect(); PreparedStatement ps = c.prepareStatement("SELECT l.object_key,"
                + " l.item_index, l.message FROM import_error_log l JOIN table_import i ON i.id = l.import_id"
                + " WHERE i.arn = ? ORDER BY l.object_key, l.item_index")) {
            ps.setString(1, importArn);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "#" + rs.getLong(2) + ": " + rs.getString(3));
                }
            }
        }
        return rows;
    }

    @Test
    void importsWithBadLinesCountEveryRecordAndLogEachFailure() throws Exception {
        String prefix = "bad/" + Tables.uniqueName("lines") + "/";
        String good = "{\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"%d\"},\"v\":{\"S\":\"x\"}}}\n";
        put(prefix + "1.json", String.format(good, 1)
                + "{\"Item\":{\"sk\":{\"N\":\"2\"}}}\n"
                + String.format(good, 3)
                + "{\"Item\":{\"pk\":{\"N\":\"4\"},\"sk\":{\"N\":\"4\"}}}\n"
                + String.format(good, 5)
                + "{\"NotItem\":{}}\n"
                + String.format(good, 7), true, false);
        put(prefix + "2.json", String.format(good, 8)
                + "{\"Item\":{\"pk\":\n"
                + String.format(good, 10), true, false);
        String table = Tables.uniqueName("import-bad");
        String arn = ddb.importTable(b -> b.s3BucketSource(s -> s.s3Bucket(TestObjectStore.BUCKET).s3KeyPrefix(prefix))
                .inputFormat(InputFormat.DYNAMODB_JSON).inputCompressionType(InputCompressionType.GZIP)
                .tableCreationParameters(creation(table))).importTableDescription().importArn();
        ImportTableDescription d = awaitImport(arn);
        assertThat(d.importStatus()).isEqualTo(ImportStatus.FAILED);
        assertThat(d.failureCode()).isEqualTo("ItemValidationError");
        assertThat(d.failureMessage()).isEqualTo("Some of the items failed validation checks and were not imported. "
                + "Please check CloudWatch error logs for more details.");
        assertThat(d.processedItemCount()).isEqualTo(9);
        assertThat(d.importedItemCount()).isEqualTo(5);
        assertThat(d.errorCount()).isEqualTo(4);
        assertThat(d.cloudWatchLogGroupArn())
                .isEqualTo("arn:aws:logs:us-east-1:000000000000:log-group:/aws-dynamodb/imports:*");
        assertThat(d.processedSizeBytes()).isPositive();
        // the table keeps what could be imported, as DynamoDB's does
        Tables.awaitActive(ddb, table);
        assertThat(contents(table).keySet()).containsExactlyInAnyOrder("a/1", "a/3", "a/5", "a/7", "a/8");
        List<String> log = errorLog(arn);
        assertThat(log).hasSize(4);
        assertThat(log.get(0)).isEqualTo(prefix + "1.json#1: One or more parameter values were invalid: Missing the "
                + "key pk in the item");
        assertThat(log.get(1)).isEqualTo(prefix + "1.json#3: One or more parameter values were invalid: Type "
                + "mismatch for key pk expected: S actual: N");
        assertThat(log.get(2)).startsWith(prefix + "1.json#5: ");
        assertThat(log.get(3)).startsWith(prefix + "2.json#1: Invalid JSON");
    }

    @Test
    void csvImportsTypeTheKeysAndKeepEverythingElseAsStrings() throws Exception {
        String prefix = "csv/" + Tables.uniqueName("zstd") + "/";
        put(prefix + "part-1.csv", "pk,sk,name,count\n"
                + "a,1,\"Smith, Jane\",12\n"
                + "a,2,\"say \"\"hi\"\"\",\n"
                + "b,x,bad number,1\n"
                + "c,3,Ünïcödé,7\n", false, true);
        String table = Tables.uniqueName("import-csv");
        String arn = ddb.importTable(b -> b.s3BucketSource(s -> s.s3Bucket(TestObjectStore.BUCKET).s3KeyPrefix(prefix))
                .inputFormat(InputFormat.CSV).inputCompressionType(InputCompressionType.ZSTD)
                .tableCreationParameters(creation(table))).importTableDescription().importArn();
        ImportTableDescription d = awaitImport(arn);
        assertThat(d.processedItemCount()).isEqualTo(4);
        assertThat(d.importedItemCount()).isEqualTo(3);
        assertThat(d.errorCount()).isEqualTo(1);
        assertThat(errorLog(arn)).containsExactly(prefix + "part-1.csv#2: The parameter cannot be converted to a "
                + "numeric value: x");
        Tables.awaitActive(ddb, table);
        Map<String, Map<String, AttributeValue>> items = contents(table);
        assertThat(items.get("a/1")).containsEntry("name", AttributeValue.fromS("Smith, Jane"))
                .containsEntry("count", AttributeValue.fromS("12"));
        // an empty cell is an attribute the item does not have
        assertThat(items.get("a/2")).containsEntry("name", AttributeValue.fromS("say \"hi\""))
                .doesNotContainKey("count");
        assertThat(items.get("c/3")).containsEntry("name", AttributeValue.fromS("Ünïcödé"));

        // a header list instead of a header line, and another delimiter
        String listed = "csv/" + Tables.uniqueName("listed") + "/";
        put(listed + "rows", "d|4|first\nd|5|second\n", false, false);
        String other = Tables.uniqueName("import-csv2");
        ImportTableDescription d2 = awaitImport(ddb.importTable(b -> b.s3BucketSource(s -> s
                        .s3Bucket(TestObjectStore.BUCKET).s3KeyPrefix(listed)).inputFormat(InputFormat.CSV)
                .inputFormatOptions(o -> o.csv(c -> c.delimiter("|").headerList("pk", "sk", "label")))
                .tableCreationParameters(creation(other))).importTableDescription().importArn());
        assertThat(d2.importStatus()).as("%s", d2).isEqualTo(ImportStatus.COMPLETED);
        assertThat(d2.inputFormatOptions().csv().headerList()).containsExactly("pk", "sk", "label");
        assertThat(contents(other)).containsOnlyKeys("d/4", "d/5");
        assertThat(contents(other).get("d/5")).containsEntry("label", AttributeValue.fromS("second"));
    }

    @Test
    void callersNeedTheS3PermissionsDynamoDbAsksFor() throws Exception {
        String table = sourceTable("export-authz");
        String target = Tables.uniqueName("import-authz");
        String prefix = "authz/" + target + "/";
        put(prefix + "1.json", "{\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}}}\n", false, false);
        String bucket = "arn:aws:s3:::" + TestObjectStore.BUCKET;
        software.amazon.awssdk.auth.credentials.AwsCredentials dynamoOnly;
        software.amazon.awssdk.auth.credentials.AwsCredentials withS3;
        try (var iam = Clients.iam(endpoint, Clients.administrator())) {
            dynamoOnly = Users.withPolicy(iam, "transfer", Users.allow("[\"dynamodb:*\"]", "\"*\""));
            withS3 = Users.withPolicy(iam, "transfer", "{\"Version\":\"2012-10-17\",\"Statement\":["
                    + "{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\"},"
                    + "{\"Effect\":\"Allow\",\"Action\":[\"s3:PutObject\",\"s3:GetObject\"],\"Resource\":\""
                    + bucket + "/authz/*\"},{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\""
                    + bucket + "\"}]}");
        }
        try (var user = Clients.dynamoDb(endpoint, dynamoOnly)) {
            assertErrorCode(() -> user.exportTableToPointInTime(b -> b.tableArn(ACCOUNT_ARN + table)
                    .s3Bucket(TestObjectStore.BUCKET).s3Prefix("authz/out")), "AccessDeniedException");
            assertErrorCode(() -> user.importTable(b -> b.s3BucketSource(s -> s.s3Bucket(TestObjectStore.BUCKET)
                            .s3KeyPrefix(prefix)).inputFormat(InputFormat.DYNAMODB_JSON)
                    .tableCreationParameters(creation(target))), "AccessDeniedException");
        }
        assertThat(ddb.listTables().tableNames()).doesNotContain(target);
        try (var user = Clients.dynamoDb(endpoint, withS3)) {
            // its S3 permissions reach authz/ only
            assertErrorCode(() -> user.exportTableToPointInTime(b -> b.tableArn(ACCOUNT_ARN + table)
                    .s3Bucket(TestObjectStore.BUCKET).s3Prefix("elsewhere")), "AccessDeniedException");
            assertThat(awaitExport(user.exportTableToPointInTime(b -> b.tableArn(ACCOUNT_ARN + table)
                    .s3Bucket(TestObjectStore.BUCKET).s3Prefix("authz/out")).exportDescription().exportArn())
                    .exportStatus()).isEqualTo(ExportStatus.COMPLETED);
            assertThat(awaitImport(user.importTable(b -> b.s3BucketSource(s -> s.s3Bucket(TestObjectStore.BUCKET)
                            .s3KeyPrefix(prefix)).inputFormat(InputFormat.DYNAMODB_JSON)
                    .tableCreationParameters(creation(target))).importTableDescription().importArn()).importStatus())
                    .isEqualTo(ImportStatus.COMPLETED);
        }
    }

    @Test
    void everyErrorHasDynamoDbsType() throws Exception {
        String table = sourceTable("export-err");
        String noPitr = Tables.createHashOnly(ddb, "export-nopitr");
        String arn = ACCOUNT_ARN + table;
        assertError(() -> ddb.exportTableToPointInTime(b -> b.tableArn(ACCOUNT_ARN + noPitr).s3Bucket("b1b")),
                "PointInTimeRecoveryUnavailableException",
                "Point in time recovery is not enabled for table '" + noPitr + "'");
        assertError(() -> ddb.exportTableToPointInTime(b -> b.tableArn(ACCOUNT_ARN + "missing-table").s3Bucket("b1b")),
                "TableNotFoundException", "Table not found: " + ACCOUNT_ARN + "missing-table");
        assertError(() -> ddb.exportTableToPointInTime(b -> b.tableArn(table).s3Bucket("b1b")),
                "ValidationException", "One or more parameter values were invalid: tableArn is not a valid ARN");
        assertError(() -> ddb.exportTableToPointInTime(b -> b.tableArn(arn).s3Bucket("b1b")
                        .exportTime(Instant.now().plusSeconds(3600))), "InvalidExportTimeException",
                "Export Time is invalid");
        assertError(() -> ddb.exportTableToPointInTime(b -> b.tableArn(arn).s3Bucket("b1b")
                        .exportType(ExportType.INCREMENTAL_EXPORT)), "ValidationException",
                "Invalid Request: Incremental Export Specification expected when export type is set as Incremental "
                        + "Export");
        assertError(() -> ddb.exportTableToPointInTime(b -> b.tableArn(arn).s3Bucket("b1b")
                        .incrementalExportSpecification(s -> s.exportFromTime(Instant.now()))), "ValidationException",
                "Invalid Request: Export Type expected to be Incremental Export when incremental export "
                        + "specification is provided");
        assertThat(assertErrorCode(() -> ddb.exportTableToPointInTime(b -> b.tableArn(arn).s3Bucket("b1b")
                        .exportType(ExportType.INCREMENTAL_EXPORT).incrementalExportSpecification(s -> s
                                .exportFromTime(Instant.now().minusSeconds(2)).exportToTime(Instant.now()
                                        .plusSeconds(60)))), "InvalidExportTimeException").awsErrorDetails()
                .errorMessage()).startsWith("Incremental export period to time cannot be greater than the current "
                        + "time : ");
        assertError(() -> ddb.exportTableToPointInTime(b -> b.tableArn(arn).s3Bucket("b1b").s3SseKmsKeyId("k")),
                "ValidationException", "Invalid Request: KMS Key Id is not supported for this encryption type");
        assertError(() -> ddb.describeExport(b -> b.exportArn(arn + "/export/01234567890123-abcdef12")),
                "ExportNotFoundException", "Export not found: Export not found: " + arn
                        + "/export/01234567890123-abcdef12");
        assertError(() -> ddb.describeExport(b -> b.exportArn(arn + "/backup/01234567890123-abcdef12")),
                "ValidationException", "Invalid Export ARN");

        // the same client token: the same export; with other parameters: a conflict
        String first = ddb.exportTableToPointInTime(b -> b.tableArn(arn).s3Bucket(TestObjectStore.BUCKET)
                .s3Prefix("token").clientToken("tok-1")).exportDescription().exportArn();
        assertThat(ddb.exportTableToPointInTime(b -> b.tableArn(arn).s3Bucket(TestObjectStore.BUCKET)
                .s3Prefix("token").clientToken("tok-1")).exportDescription().exportArn()).isEqualTo(first);
        assertError(() -> ddb.exportTableToPointInTime(b -> b.tableArn(arn).s3Bucket(TestObjectStore.BUCKET)
                        .s3Prefix("other").clientToken("tok-1")), "ExportConflictException",
                "Export conflict: Duplicate request detected with conflicting parameters");
        assertThat(awaitExport(first).exportStatus()).isEqualTo(ExportStatus.COMPLETED);
        assertThat(ddb.listExports(b -> b.tableArn(arn)).exportSummaries()).extracting(s -> s.exportArn())
                .containsExactly(first);

        // a bucket that does not exist: the call succeeds, the export fails
        ExportDescription noBucket = awaitExport(ddb.exportTableToPointInTime(b -> b.tableArn(arn)
                .s3Bucket("no-such-bucket-" + table.toLowerCase())).exportDescription().exportArn());
        assertThat(noBucket.exportStatus()).isEqualTo(ExportStatus.FAILED);
        assertThat(noBucket.failureCode()).isEqualTo("S3NoSuchBucket");

        // imports
        assertError(() -> ddb.importTable(b -> b.s3BucketSource(s -> s.s3Bucket(TestObjectStore.BUCKET))
                        .inputFormat(InputFormat.DYNAMODB_JSON).tableCreationParameters(creation(table))),
                "ResourceInUseException", "Table already exists: " + table);
        assertError(() -> ddb.importTable(b -> b.s3BucketSource(s -> s.s3Bucket(TestObjectStore.BUCKET))
                        .inputFormat(InputFormat.DYNAMODB_JSON).inputFormatOptions(o -> o.csv(c -> c.delimiter(";")))
                        .tableCreationParameters(creation(Tables.uniqueName("never")))), "ValidationException",
                "Invalid Request: Unsupported InputFormatOptions for the given input format: DYNAMODB_JSON.");
        assertError(() -> ddb.importTable(b -> b.s3BucketSource(s -> s.s3Bucket(TestObjectStore.BUCKET))
                        .inputFormat(InputFormat.DYNAMODB_JSON).tableCreationParameters(creation(Tables
                                .uniqueName("never")).toBuilder().billingMode(BillingMode.PROVISIONED).build())),
                "ValidationException", "One or more parameter values were invalid: ReadCapacityUnits and "
                        + "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        assertError(() -> ddb.describeImport(b -> b.importArn(arn + "/import/01234567890123-abcdef12")),
                "ImportNotFoundException", "Import not found: " + arn + "/import/01234567890123-abcdef12");
        assertError(() -> ddb.describeImport(b -> b.importArn(arn)), "ValidationException", "Invalid Import ARN");
        String target = Tables.uniqueName("import-tok");
        String emptyPrefix = "empty/" + target + "/";
        String importArn = ddb.importTable(b -> b.clientToken("tok-2").s3BucketSource(s -> s
                .s3Bucket(TestObjectStore.BUCKET).s3KeyPrefix(emptyPrefix)).inputFormat(InputFormat.DYNAMODB_JSON)
                .tableCreationParameters(creation(target))).importTableDescription().importArn();
        assertError(() -> ddb.importTable(b -> b.clientToken("tok-2").s3BucketSource(s -> s
                        .s3Bucket(TestObjectStore.BUCKET).s3KeyPrefix(emptyPrefix)).inputFormat(InputFormat.ION)
                        .tableCreationParameters(creation(target))), "ImportConflictException",
                "Import conflict: Duplicate request detected with conflicting parameters");
        // nothing under the prefix: an empty table
        ImportTableDescription empty = awaitImport(importArn);
        assertThat(empty.importStatus()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(empty.processedItemCount()).isZero();
        assertThat(ddb.listImports(b -> b.tableArn(ACCOUNT_ARN + target)).importSummaryList())
                .extracting(s -> s.importArn()).containsExactly(importArn);

        // a bucket that does not exist: the import fails and leaves no table
        String lost = Tables.uniqueName("import-lost");
        ImportTableDescription noSource = awaitImport(ddb.importTable(b -> b.s3BucketSource(s -> s
                        .s3Bucket("no-such-bucket-" + lost.toLowerCase())).inputFormat(InputFormat.DYNAMODB_JSON)
                .tableCreationParameters(creation(lost))).importTableDescription().importArn());
        assertThat(noSource.importStatus()).isEqualTo(ImportStatus.FAILED);
        assertThat(noSource.failureCode()).isEqualTo("S3NoSuchBucket");
        Tables.awaitGone(ddb, lost);
    }
}
