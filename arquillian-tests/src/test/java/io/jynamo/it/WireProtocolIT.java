package io.jynamo.it;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DynamoDB's HTTP protocol at the byte level, for what the SDKs would not let a test send: missing or malformed
 * headers, bodies that are not JSON, oversized or compressed bodies, the health check.
 */
class WireProtocolIT extends JynamoIT {
    private final HttpClient http = HttpClient.newHttpClient();

    /** A POST signed with the administrator's key; headers added to it afterwards are not signed. */
    private HttpRequest.Builder post(String target, byte[] body) {
        return post("application/x-amz-json-1.0", target, body);
    }

    private HttpRequest.Builder post(String contentType, String target, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        if (target != null) {
            headers.put("X-Amz-Target", target);
        }
        return SignedHttp.post(endpoint, headers, body);
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String target, String body) throws Exception {
        return send(post(target, body.getBytes(StandardCharsets.UTF_8)).build());
    }

    @Test
    void successfulResponsesCarryDynamoDbsHeaders() throws Exception {
        HttpResponse<String> r = send("DynamoDB_20120810.ListTables", "{}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        assertThat(r.headers().firstValue("x-amzn-RequestId")).hasValueSatisfying(id ->
                assertThat(id).matches("[A-Z0-9]{52}"));
        CRC32 crc = new CRC32();
        crc.update(r.body().getBytes(StandardCharsets.UTF_8));
        assertThat(r.headers().firstValue("x-amz-crc32")).hasValue(Long.toString(crc.getValue()));
        assertThat(r.body()).startsWith("{\"TableNames\":[");
    }

    @Test
    void healthCheckAnswersWithTheHost() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(endpoint).GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("healthy: " + endpoint.getHost() + ":" + endpoint.getPort());
        assertThat(send(HttpRequest.newBuilder(endpoint.resolve("/health")).GET().build()).statusCode())
                .isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(endpoint.resolve("/index.html")).GET().build()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aRequestWithoutAuthorizationIsRefused() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"__type\":\"com.amazon.coral.service#MissingAuthenticationTokenException\","
                + "\"message\":\"Request is missing Authentication Token\"}");
    }

    @Test
    void anIncompleteAuthorizationIsRefused() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=x")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("com.amazon.coral.service#IncompleteSignatureException")
                .contains("Authorization header requires 'Signature' parameter.");
    }

    @Test
    void unknownTargetsAreUnknownOperations() throws Exception {
        for (String target : new String[] {"DynamoDB_20120810.BogusOperation", "DynamoDB_20991231.ListTables",
                "ListTables"}) {
            HttpResponse<String> r = send(target, "{}");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).isEqualTo("{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}");
        }
        assertThat(send(null, "{}").body()).contains("UnknownOperationException");
    }

    @Test
    void malformedJsonIsASerializationException() throws Exception {
        for (String body : new String[] {"{broken json", "}{", "habababa", "{\"a\":}", "[]", "7", "{}{}"}) {
            HttpResponse<String> r = send("DynamoDB_20120810.PutItem", body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(r.body()).as(body).contains("\"__type\":\"com.amazon.coral.service#SerializationException\"");
        }
        assertThat(send("DynamoDB_20120810.PutItem", "").body())
                .isEqualTo("{\"__type\":\"com.amazon.coral.service#SerializationException\"}");
    }

    @Test
    void wrongMemberTypesAreSerializationExceptions() throws Exception {
        HttpResponse<String> r = send("DynamoDB_20120810.ListTables", "{\"Limit\":\"five\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"__type\":\"com.amazon.coral.service#SerializationException\","
                + "\"Message\":\"STRING_VALUE cannot be converted to Integer\"}");
    }

    @Test
    void deeplyNestedJsonIsRefusedWithoutHarm() throws Exception {
        String deep = "{\"TableName\":\"x\",\"Item\":{\"a\":" + "{\"M\":{\"a\":".repeat(20_000) + "{\"S\":\"x\"}"
                + "}}".repeat(20_000) + "}}";
        HttpResponse<String> r = send("DynamoDB_20120810.PutItem", deep);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("ValidationException").contains("nested levels");
        assertThat(send("DynamoDB_20120810.ListTables", "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void otherContentTypesAndMethodsAreNotRouted() throws Exception {
        HttpResponse<String> text = send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "text/plain")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(text.statusCode()).isEqualTo(404);
        assertThat(text.body()).isEqualTo("<UnknownOperationException/>\n");

        HttpResponse<String> garbled = send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", ";;;===garbage")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(garbled.statusCode()).isEqualTo(404);
        assertThat(garbled.body()).doesNotContain("<html");

        HttpResponse<String> put = send(HttpRequest.newBuilder(endpoint).PUT(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
        assertThat(put.statusCode()).isEqualTo(404);

        HttpResponse<String> json = send(post("application/json", "DynamoDB_20120810.ListTables",
                "{}".getBytes(StandardCharsets.UTF_8)).build());
        assertThat(json.statusCode()).isEqualTo(200);
        // DynamoDB answers in the flavour of JSON it is asked in
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/json"));
    }

    @Test
    void bodiesOver16MbAreRefusedWith413() throws Exception {
        byte[] huge = new byte[16 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        HttpResponse<String> r = send(post("DynamoDB_20120810.ListTables", huge).build());
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void gzipBodiesAreAcceptedAndUnknownEncodingsAreNot() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write("{\"Limit\":1}".getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> ok = send(post("DynamoDB_20120810.ListTables", zipped.toByteArray())
                .header("Content-Encoding", "gzip").build());
        assertThat(ok.statusCode()).isEqualTo(200);
        HttpResponse<String> bad = send(post("DynamoDB_20120810.ListTables", "{}".getBytes(StandardCharsets.UTF_8))
                .header("Content-Encoding", "garbage").build());
        assertThat(bad.statusCode()).isEqualTo(500);
        assertThat(bad.body()).contains("InternalServerError");
    }

    /** The suite's server allows the origin https://allowed.example (JYNAMO_CORS_ORIGINS), and no other. */
    @Test
    void crossOriginRequestsAreAnsweredForConfiguredOriginsOnly() throws Exception {
        HttpResponse<String> preflight = send(preflight("https://allowed.example"));
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://allowed.example");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValue("x-amz-target,content-type");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).hasValue("172800");
        HttpResponse<String> allowed = send(post("DynamoDB_20120810.ListTables", "{}".getBytes(StandardCharsets.UTF_8))
                .header("Origin", "https://allowed.example").build());
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://allowed.example");
        assertThat(allowed.headers().firstValue("Access-Control-Expose-Headers"))
                .hasValue("x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date");

        HttpResponse<String> elsewhere = send(preflight("https://evil.example"));
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> refused = send(post("DynamoDB_20120810.ListTables", "{}".getBytes(StandardCharsets.UTF_8))
                .header("Origin", "https://evil.example").build());
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(send(HttpRequest.newBuilder(endpoint).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build()).statusCode()).isEqualTo(404);
    }

    private HttpRequest preflight(String origin) {
        return HttpRequest.newBuilder(endpoint)
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-amz-target,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build();
    }

    @Test
    void getOnAnyOtherPathIsNotFound() throws Exception {
        for (String path : new String[] {"/abc", "/-", "/index.htm", "/admin"}) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(endpoint.resolve(path)).GET().build());
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).isEqualTo("<UnknownOperationException/>\n");
        }
    }
}
