package io.jynamo.bench;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Raw HTTP/1.1 requests signed ahead with the AWS SDK's own SigV4 signer, written as a Lua table for wrk
 * ({@code bench/wrk/replay.lua}), so that the load generator only sends bytes and the server's cost is what is
 * measured. The requests are those of {@link DynamoTarget} on its table (items of ten 100-byte fields, keys chosen
 * uniformly among all items); signatures stay valid for DynamoDB's 15-minute window.
 */
final class SignedRequests {
    private final URI endpoint;
    private final AwsCredentials credentials;
    private final String region;

    SignedRequests(URI endpoint, AwsCredentials credentials, String region) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.region = region;
    }

    /** Writes {@code count} requests of each kind the mix sends, as {@code return { GET = {...}, ... }}. */
    void write(Mix mix, int items, int count, Path file, long seed) throws IOException {
        Random random = new Random(seed);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("return {\n");
            for (Mix.Request kind : mix.shares.keySet()) {
                w.write(kind.name() + " = {\n");
                for (int i = 0; i < count; i++) {
                    w.write(lua(raw(kind, random.nextInt(items), random)));
                    w.write(",\n");
                }
                w.write("},\n");
            }
            w.write("}\n");
        }
    }

    private String raw(Mix.Request kind, int item, Random random) {
        String host = endpoint.getHost() + ":" + endpoint.getPort();
        if (kind == Mix.Request.HEALTH) {
            return "GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
        }
        String target;
        String body;
        switch (kind) {
            case GET, CONSISTENT_GET -> {
                target = "GetItem";
                body = "{\"TableName\":\"" + DynamoTarget.TABLE + "\",\"Key\":" + key(item)
                        + (kind == Mix.Request.CONSISTENT_GET ? ",\"ConsistentRead\":true" : "") + "}";
            }
            case UPDATE -> {
                target = "UpdateItem";
                body = "{\"TableName\":\"" + DynamoTarget.TABLE + "\",\"Key\":" + key(item)
                        + ",\"UpdateExpression\":\"SET field0 = :v\",\"ExpressionAttributeValues\":{\":v\":{\"S\":\""
                        + Target.field(random.nextInt(1_000_000), 0) + "\"}}}";
            }
            case PUT -> {
                target = "PutItem";
                StringBuilder fields = new StringBuilder(key(item));
                fields.setLength(fields.length() - 1);
                for (int f = 0; f < Target.FIELDS; f++) {
                    fields.append(",\"field").append(f).append("\":{\"S\":\"").append(Target.field(item, f))
                            .append("\"}");
                }
                body = "{\"TableName\":\"" + DynamoTarget.TABLE + "\",\"Item\":" + fields + "}}";
            }
            case QUERY -> {
                target = "Query";
                body = "{\"TableName\":\"" + DynamoTarget.TABLE + "\",\"KeyConditionExpression\":\"pk = :p\","
                        + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"p" + item / Target.PARTITION
                        + "\"}},\"Limit\":25}";
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(endpoint.resolve("/"))
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "DynamoDB_20120810." + target)
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials).request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(bytes))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)).request();
        // the signer adds the Host header it signed
        StringBuilder raw = new StringBuilder("POST / HTTP/1.1\r\n");
        List<String> lines = new ArrayList<>();
        signed.forEachHeader((name, values) -> values.forEach(v -> lines.add(name + ": " + v)));
        lines.forEach(line -> raw.append(line).append("\r\n"));
        raw.append("Content-Length: ").append(bytes.length).append("\r\n\r\n").append(body);
        return raw.toString();
    }

    private static String key(int item) {
        return "{\"pk\":{\"S\":\"p" + item / Target.PARTITION + "\"},\"sk\":{\"N\":\"" + item % Target.PARTITION + "\"}}";
    }

    private static String lua(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n") + '"';
    }
}
