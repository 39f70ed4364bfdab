package io.jynamo.it;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raw HTTP requests signed as the AWS SDK signs them (its own SigV4 signer), for tests that send what no SDK client
 * would: malformed bodies, odd headers, compressed content. The signature covers the body as sent.
 */
final class SignedHttp {
    private SignedHttp() {
    }

    /** A GET, signed now with the administrator's key for DynamoDB. */
    static HttpRequest get(URI uri) {
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(Clients.administrator().accessKeyId(),
                        Clients.administrator().secretAccessKey()))
                .request(SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(uri).build())
                .payload(ContentStreamProvider.fromByteArray(new byte[0]))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(v -> b.header(name, v));
            }
        });
        return b.build();
    }

    /** A POST of {@code body} with {@code headers}, signed now with the administrator's key for DynamoDB. */
    static HttpRequest.Builder post(URI endpoint, Map<String, String> headers, byte[] body) {
        return post(endpoint, headers, body, Clients.administrator(), "dynamodb", "us-east-1", Instant.now());
    }

    static HttpRequest.Builder post(URI endpoint, Map<String, String> headers, byte[] body, AwsCredentials credentials,
                                    String service, String region, Instant at) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint);
        headers.forEach(unsigned::putHeader);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey()))
                .request(unsigned.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))).request();
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        Map<String, List<String>> all = new LinkedHashMap<>(signed.headers());
        // the HTTP client sets Host itself, as the signer expects it
        all.keySet().removeIf(name -> name.equalsIgnoreCase("Host"));
        all.forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        return b;
    }
}
