package io.jynamo.it;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests made to hurt the server: compression bombs, huge and deeply nested bodies, many of them at once. Each gets
 * a DynamoDB error (JSON with {@code __type}, a request id, never HTML or a trace), and the server goes on serving.
 * The suite's server runs with a 1 GB heap, so requests may hold some 340 MB at once (RequestBudget).
 */
class HostileRequestIT extends JynamoIT {
    private final HttpClient http = HttpClient.newHttpClient();

    /** A request signed with the administrator's key, over the body as sent (compressed, if it is). */
    private HttpRequest request(String target, byte[] body, String encoding) {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Content-Type", "application/x-amz-json-1.0");
        headers.put("X-Amz-Target", target);
        if (encoding != null) {
            headers.put("Content-Encoding", encoding);
        }
        return SignedHttp.post(endpoint, headers, body).build();
    }

    /** Sends the requests all at once and returns their answers. */
    private List<HttpResponse<String>> sendAtOnce(List<HttpRequest> requests) {
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (HttpRequest r : requests) {
            sent.add(http.sendAsync(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        }
        return sent.stream().map(CompletableFuture::join).toList();
    }

    private static void assertDynamoError(HttpResponse<String> r, int status, String type) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        assertThat(r.body()).startsWith("{\"__type\":").contains(type).doesNotContain("<html").doesNotContain("\tat ")
                .doesNotContain("Exception:").doesNotContain("SQL");
    }

    private void assertStillServing() throws Exception {
        HttpResponse<String> r = http.send(request("DynamoDB_20120810.ListTables", "{}".getBytes(StandardCharsets.UTF_8),
                null), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** {"TableName":[{},{},...]}: ~15 MB of empty objects, which once built as a JSON tree took gigabytes. */
    private static byte[] emptyObjects(int megabytes) {
        StringBuilder sb = new StringBuilder("{\"TableName\":[{}");
        while (sb.length() < megabytes * 1024 * 1024) {
            sb.append(",{}");
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void compressionBombsAreRefusedWithoutInflatingThem() throws Exception {
        byte[] bomb = gzip(emptyObjects(15));
        assertThat(bomb.length).isLessThan(100 * 1024);
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(request("DynamoDB_20120810.ListTables", bomb, "gzip"));
        }
        for (HttpResponse<String> r : sendAtOnce(requests)) {
            assertDynamoError(r, 500, "InternalServerError");
        }
        assertStillServing();
    }

    @Test
    void hugeBodiesOfTheWrongShapeFailAtTheirFirstWrongToken() throws Exception {
        byte[] body = emptyObjects(15);
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(request("DynamoDB_20120810.DescribeTable", body, null));
        }
        for (HttpResponse<String> r : sendAtOnce(requests)) {
            assertDynamoError(r, 400, "SerializationException");
        }
        assertStillServing();
    }

    @Test
    void manyMaximalItemsAtOnceAreRefusedWithoutExhaustingMemory() throws Exception {
        // 15 MB of NULLs in one list: an item far over 400 KB, and a tree of millions of values once parsed
        StringBuilder sb = new StringBuilder("{\"TableName\":\"hostile\",\"Item\":{\"pk\":{\"S\":\"a\"},\"l\":{\"L\":[");
        sb.append("{\"NULL\":true}");
        while (sb.length() < 15 * 1024 * 1024) {
            sb.append(",{\"NULL\":true}");
        }
        byte[] body = sb.append("]}}}").toString().getBytes(StandardCharsets.US_ASCII);
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            requests.add(request("DynamoDB_20120810.PutItem", body, null));
        }
        for (HttpResponse<String> r : sendAtOnce(requests)) {
            // refused for its size, or told to come back later while the others are read: never a 500
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.body()).satisfiesAnyOf(
                    b -> assertThat(b).contains("ValidationException").contains("Item size has exceeded"),
                    b -> assertThat(b).contains("ThrottlingException"));
        }
        assertStillServing();
    }

    /** A body of {@code head}, then {@code element} repeated to {@code megabytes}, then {@code tail}. */
    private static byte[] repeated(String head, String element, int megabytes, String tail) {
        StringBuilder sb = new StringBuilder(head).append(element);
        while (sb.length() < megabytes * 1024 * 1024) {
            sb.append(',').append(element);
        }
        return sb.append(tail).toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Bodies whose every token fits the shape, and that once built would take gigabytes: lists of empty structures
     * far beyond their maximum length, and an item whose list holds five million empty values. A dozen at once.
     * (Several such items at once would hold the budget between them and wait for each other: they are told to
     * come back later, as manyMaximalItemsAtOnce shows.)
     */
    @Test
    void shapeValidBodiesOfMillionsOfEmptyValuesAreRefusedWithoutExhaustingMemory() throws Exception {
        List<HttpRequest> requests = new ArrayList<>();
        // one item of five million values, which needs more than the server lets requests hold at once
        requests.add(request("DynamoDB_20120810.PutItem",
                repeated("{\"TableName\":\"hostile\",\"Item\":{\"pk\":{\"S\":\"a\"},\"l\":{\"L\":[", "{}", 15,
                        "]}}}"), null));
        for (int i = 0; i < 4; i++) {
            requests.add(request("DynamoDB_20120810.BatchWriteItem",
                    repeated("{\"RequestItems\":{\"hostile\":[", "{}", 4, "]}}"), null));
            requests.add(request("DynamoDB_20120810.TransactWriteItems",
                    repeated("{\"TransactItems\":[", "{}", 4, "]}"), null));
            if (i < 3) {
                requests.add(request("DynamoDB_20120810.BatchGetItem",
                        repeated("{\"RequestItems\":{\"hostile\":{\"Keys\":[", "{}", 15, "]}}}"), null));
            }
        }
        List<HttpResponse<String>> answers = sendAtOnce(requests);
        int tooLarge = 0;
        for (int i = 0; i < answers.size(); i++) {
            HttpResponse<String> r = answers.get(i);
            if (r.statusCode() == 413) {
                assertThat(i).as("only the item of five million values is too large").isZero();
                tooLarge++;
                continue;
            }
            assertDynamoError(r, 400, "Exception");
            assertThat(r.body()).hasSizeLessThan(10_000).satisfiesAnyOf(
                    b -> assertThat(b).contains("ValidationException")
                            .contains("Member must have length less than or equal to"),
                    // told to come back later while the others hold the memory
                    b -> assertThat(b).contains("ThrottlingException"));
        }
        assertThat(tooLarge).isPositive();
        assertStillServing();
    }

    @Test
    void deeplyNestedExpressionsAreValidationErrors() throws Exception {
        String filter = "(".repeat(2000) + "a = :v" + ")".repeat(2000);
        String body = "{\"TableName\":\"hostile\",\"FilterExpression\":\"" + filter + "\","
                + "\"ExpressionAttributeValues\":{\":v\":{\"S\":\"x\"}}}";
        HttpResponse<String> r = http.send(request("DynamoDB_20120810.Scan", body.getBytes(StandardCharsets.UTF_8),
                null), HttpResponse.BodyHandlers.ofString());
        assertDynamoError(r, 400, "ValidationException");
        assertThat(r.body()).contains("Invalid FilterExpression: The expression has redundant parentheses;");
        assertStillServing();
    }

    /** A failure of ours (here the database refusing every row) is an InternalServerError saying nothing of itself. */
    @Test
    void aFailureOfOursIsAnInternalServerErrorThatKeepsItsDetailsToTheLog() throws Exception {
        String table = Tables.createHashOnly(ddb, "broken");
        try (java.sql.Connection c = TestDatabase.connect(); java.sql.Statement st = c.createStatement()) {
            st.execute("ALTER TABLE item_" + TestDatabase.tableId(c, table) + " ADD CONSTRAINT no_rows CHECK (size < 0)");
        }
        HttpResponse<String> r = http.send(request("DynamoDB_20120810.PutItem", ("{\"TableName\":\"" + table
                + "\",\"Item\":{\"pk\":{\"S\":\"a\"}}}").getBytes(StandardCharsets.UTF_8), null),
                HttpResponse.BodyHandlers.ofString());
        assertDynamoError(r, 500, "InternalServerError");
        assertThat(r.body()).doesNotContain("no_rows").doesNotContain("item_").doesNotContain("violates");
        String requestId = r.headers().firstValue("x-amzn-RequestId").orElseThrow();
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("jboss.base.dir"), "log", "server.log");
        Tables.eventually(java.time.Duration.ofSeconds(10), () -> {
            try {
                return java.nio.file.Files.readString(log).contains("request " + requestId);
            } catch (IOException e) {
                return false;
            }
        });
    }

    /**
     * Valid requests, compressed or not, cut, doubled, nested deeper and flipped at random: whatever arrives is
     * answered with a status DynamoDB uses and, for errors, a DynamoDB error body.
     */
    @Test
    void mangledBodiesGetDynamoDbAnswersOnly() throws Exception {
        List<String> valid = List.of(
                "{\"TableName\":\"hostile\",\"Item\":{\"pk\":{\"S\":\"a\"},\"m\":{\"M\":{\"x\":{\"L\":[{\"N\":\"1\"}]}}}}}",
                "{\"TableName\":\"hostile\",\"KeyConditionExpression\":\"pk = :p\",\"FilterExpression\":\"(a = :p)\","
                        + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"}}}",
                "{\"RequestItems\":{\"hostile\":[{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"b\"}}}}]}}");
        List<String> targets = List.of("PutItem", "Query", "BatchWriteItem");
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            int which = random.nextInt(valid.size());
            byte[] body = mangle(valid.get(which).getBytes(StandardCharsets.UTF_8), random);
            String encoding = switch (random.nextInt(4)) {
                case 0 -> "gzip";
                case 1 -> "deflate";
                default -> null;
            };
            if ("gzip".equals(encoding)) {
                body = random.nextBoolean() ? gzip(body) : java.util.Arrays.copyOf(gzip(body), random.nextInt(30));
            } else if ("deflate".equals(encoding)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (DeflaterOutputStream d = new DeflaterOutputStream(out)) {
                    d.write(body);
                }
                body = out.toByteArray();
            }
            HttpResponse<String> r = http.send(request("DynamoDB_20120810." + targets.get(which), body, encoding),
                    HttpResponse.BodyHandlers.ofString());
            // a 500 is DynamoDB's answer to a body that does not decompress, and only to that
            assertThat(r.statusCode()).as(new String(body, StandardCharsets.ISO_8859_1))
                    .isIn(encoding == null ? List.of(200, 400, 413) : List.of(200, 400, 413, 500));
            assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
            if (r.statusCode() != 200 && r.statusCode() != 413) {
                assertThat(r.body()).startsWith("{\"__type\":").doesNotContain("\tat ").doesNotContain("<html");
            }
        }
        assertStillServing();
    }

    /** One of: nest the body 100 times in an attribute, double it, cut it, or flip bytes in it. */
    private static byte[] mangle(byte[] body, Random random) {
        String s = new String(body, StandardCharsets.UTF_8);
        switch (random.nextInt(4)) {
            case 0:
                return s.replace("{\"S\":\"a\"}", "{\"M\":{\"x\":".repeat(100) + "{\"S\":\"a\"}" + "}}".repeat(100))
                        .getBytes(StandardCharsets.UTF_8);
            case 1:
                return (s + s).getBytes(StandardCharsets.UTF_8);
            case 2:
                return java.util.Arrays.copyOf(body, random.nextInt(body.length));
            default:
                byte[] flipped = body.clone();
                for (int k = 0; k < 3; k++) {
                    flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
                }
                return flipped;
        }
    }
}
