package io.jynamo.core.auth;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SigV4 verification against requests signed by the AWS SDK for Java's own signer, and against vectors of AWS's
 * SigV4 test suite.
 */
class SignatureVerifierTest {
    private static final String KEY_ID = "AKIAJYNAMOTEST000001";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final String BODY = "{\"TableName\":\"t\"}";

    private final Map<String, KnownKey<String>> keys = new LinkedHashMap<>(Map.of(KEY_ID,
            new KnownKey<>(KEY_ID, SECRET, "alice", null)));
    private final Map<String, KnownKey<String>> sessions = new LinkedHashMap<>();
    private final SignatureVerifier<String> verifier = new SignatureVerifier<>(new KeyDirectory<>() {
        @Override
        public KnownKey<String> key(String accessKeyId) {
            return keys.get(accessKeyId);
        }

        @Override
        public KnownKey<String> session(String token) {
            return sessions.get(token);
        }
    });

    /** A DynamoDB request as the SDK signs it, at {@code signedAt}, for {@code region} and {@code service}. */
    private static SignedRequest sdkSigned(String body, Instant signedAt, String region, String service,
                                           AwsCredentialsIdentity identity, boolean presigned) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://localhost:8000/"))
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "DynamoDB_20120810.DescribeTable")
                .build();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(identity).request(unsigned).payload(ContentStreamProvider.fromByteArray(bytes))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC));
            if (presigned) {
                r.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5));
            }
        }).request();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        signed.forEachHeader((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
        // the SDK leaves Host to the HTTP client
        headers.put("host", List.of("localhost:8000"));
        return new SignedRequest("POST", signed.encodedPath(), signed.encodedQueryParameters().orElse(null), headers,
                Hashing.sha256(bytes));
    }

    private static SignedRequest sdkSigned() {
        return sdkSigned(BODY, NOW, "us-east-1", "dynamodb", AwsCredentialsIdentity.create(KEY_ID, SECRET), false);
    }

    private KnownKey<String> verify(SignedRequest request) {
        QueryParameters query = QueryParameters.parse(request.rawQuery());
        return verifier.verify(request, query, SignatureParameters.of(request, query), "dynamodb",
                "us-east-1"::equals, NOW);
    }

    private void assertRefused(SignedRequest request, ErrorType type, String message) {
        assertThatThrownBy(() -> verify(request)).isInstanceOfSatisfying(DynamoException.class,
                e -> assertThat(e.type()).isEqualTo(type)).hasMessage(message);
    }

    private static SignedRequest withHeader(SignedRequest r, String name, String value) {
        Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
        headers.put(name, List.of(value));
        return new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), headers, r.bodySha256());
    }

    private static SignedRequest withAuthorization(SignedRequest r, UnaryOperator<String> change) {
        return withHeader(r, "authorization", change.apply(r.header("authorization")));
    }

    @Test
    void aRequestSignedByTheSdkIsTheKeysOwners() {
        assertThat(verify(sdkSigned()).owner()).isEqualTo("alice");
    }

    @Test
    void componentsSeparatedByCommasAloneOrBySpacesAloneVerify() {
        SignedRequest r = sdkSigned();
        assertThat(verify(withAuthorization(r, a -> a.replace(", ", ","))).owner()).isEqualTo("alice");
        assertThat(verify(withAuthorization(r, a -> a.replace(", ", " "))).owner()).isEqualTo("alice");
    }

    @Test
    void aPresignedRequestVerifies() {
        SignedRequest r = sdkSigned(BODY, NOW, "us-east-1", "dynamodb", AwsCredentialsIdentity.create(KEY_ID, SECRET),
                true);
        assertThat(r.header("authorization")).isNull();
        assertThat(r.rawQuery()).contains("X-Amz-Signature=");
        assertThat(verify(r).owner()).isEqualTo("alice");
    }

    @Test
    void aTamperedBodyHeaderOrPathDoesNotMatch() {
        SignedRequest r = sdkSigned();
        String mismatch = "The request signature we calculated does not match the signature you provided. Check your "
                + "AWS Secret Access Key and signing method. Consult the service documentation for details.";
        SignedRequest otherBody = new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), r.headers(),
                Hashing.sha256("{\"TableName\":\"u\"}".getBytes(StandardCharsets.UTF_8)));
        for (SignedRequest tampered : List.of(otherBody, withHeader(r, "x-amz-target", "DynamoDB_20120810.DeleteTable"),
                new SignedRequest(r.method(), "/garbage", r.rawQuery(), r.headers(), r.bodySha256()),
                withAuthorization(r, a -> a.substring(0, a.length() - 1) + (a.endsWith("0") ? "1" : "0")))) {
            assertThatThrownBy(() -> verify(tampered)).isInstanceOfSatisfying(DynamoException.class,
                    e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_SIGNATURE))
                    .hasMessageStartingWith(mismatch + "\n\nThe Canonical String for this request should have been\n'POST\n");
        }
    }

    @Test
    void anUnsignedHeaderMayBeAddedOrChanged() {
        assertThat(verify(withHeader(sdkSigned(), "user-agent", "something else")).owner()).isEqualTo("alice");
    }

    @Test
    void aRequestOutsideFifteenMinutesIsExpiredOrNotYetCurrent() {
        Instant old = NOW.minus(Duration.ofMinutes(16));
        assertRefused(sdkSigned(BODY, old, "us-east-1", "dynamodb", AwsCredentialsIdentity.create(KEY_ID, SECRET), false),
                ErrorType.INVALID_SIGNATURE, "Signature expired: 20261201T114400Z is now earlier than 20261201T114500Z"
                        + " (20261201T120000Z - 15 min.)");
        Instant future = NOW.plus(Duration.ofMinutes(16));
        assertRefused(sdkSigned(BODY, future, "us-east-1", "dynamodb", AwsCredentialsIdentity.create(KEY_ID, SECRET),
                false), ErrorType.INVALID_SIGNATURE, "Signature not yet current: 20261201T121600Z is still later than "
                + "20261201T121500Z (20261201T120000Z + 15 min.)");
        // within the window either way
        assertThat(verify(sdkSigned(BODY, NOW.minus(Duration.ofMinutes(14)), "us-east-1", "dynamodb",
                AwsCredentialsIdentity.create(KEY_ID, SECRET), false)).owner()).isEqualTo("alice");
    }

    @Test
    void theScopeMustNameTheRegionAndTheService() {
        assertRefused(sdkSigned(BODY, NOW, "eu-west-1", "dynamodb", AwsCredentialsIdentity.create(KEY_ID, SECRET), false),
                ErrorType.INVALID_SIGNATURE, "Credential should be scoped to a valid region, not 'eu-west-1'. ");
        assertRefused(sdkSigned(BODY, NOW, "us-east-1", "s3", AwsCredentialsIdentity.create(KEY_ID, SECRET), false),
                ErrorType.INVALID_SIGNATURE, "Credential should be scoped to correct service: 'dynamodb'. ");
        assertRefused(withAuthorization(sdkSigned(), a -> a.replace("/us-east-1/dynamodb/aws4_request",
                        "/a/b/c").replace("Credential=" + KEY_ID + "/20261201", "Credential=" + KEY_ID + "/20261130")),
                ErrorType.INVALID_SIGNATURE, "Credential should be scoped to a valid region, not 'a'. Credential should "
                        + "be scoped to correct service: 'dynamodb'. Credential should be scoped with a valid "
                        + "terminator: 'aws4_request', not 'c'. Date in Credential scope does not match YYYYMMDD from "
                        + "ISO-8601 version of date from HTTP: '20261130' != '20261201', from '20261201T120000Z'.");
    }

    @Test
    void anUnknownKeyIsAnUnrecognizedClient() {
        keys.clear();
        assertRefused(sdkSigned(), ErrorType.UNRECOGNIZED_CLIENT, "The security token included in the request is "
                + "invalid.");
    }

    @Test
    void temporaryCredentialsNeedTheirTokenAndExpire() {
        String temporaryId = "ASIAJYNAMOTEST000001";
        AwsSessionCredentialsIdentity identity = AwsSessionCredentialsIdentity.create(temporaryId, SECRET, "token-1");
        sessions.put("token-1", new KnownKey<>(temporaryId, SECRET, "alice", NOW.plus(Duration.ofHours(1))));
        SignedRequest r = sdkSigned(BODY, NOW, "us-east-1", "dynamodb", identity, false);
        assertThat(r.header("x-amz-security-token")).isEqualTo("token-1");
        assertThat(verify(r).owner()).isEqualTo("alice");

        sessions.put("token-1", new KnownKey<>(temporaryId, SECRET, "alice", NOW));
        assertRefused(r, ErrorType.EXPIRED_TOKEN, "The security token included in the request is expired");
        sessions.clear();
        assertRefused(r, ErrorType.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid");
    }

    @Test
    void theRequestIsCheckedInDynamoDbsOrder() {
        SignedRequest r = sdkSigned();
        assertRefused(withHeader(r, "x-amz-date", "201"), ErrorType.INCOMPLETE_SIGNATURE,
                "Date must be in ISO-8601 'basic format'. Got '201'. See http://en.wikipedia.org/wiki/ISO_8601");
        assertRefused(withAuthorization(r, a -> a.replace("SignedHeaders=", "SignedHeaders=x;").replace(";host;", ";")),
                ErrorType.INVALID_SIGNATURE, "'Host' must be a 'SignedHeader' in the AWS Authorization.");
        assertRefused(withAuthorization(r, a -> a.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA25")),
                ErrorType.INCOMPLETE_SIGNATURE, "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA25' (only AWS4-HMAC-SHA256"
                        + " for now). ");
        assertRefused(withAuthorization(r, a -> a.replace("/aws4_request", "")), ErrorType.INCOMPLETE_SIGNATURE,
                "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '"
                        + KEY_ID + "/20261201/us-east-1/dynamodb'");
        // an old request with a malformed credential is told it is old: the time is checked first
        assertRefused(withHeader(withAuthorization(r, a -> a.replace("/aws4_request", "")), "x-amz-date",
                "20200101T000000Z"), ErrorType.INVALID_SIGNATURE, "Signature expired: 20200101T000000Z is now earlier "
                + "than 20261201T114500Z (20261201T120000Z - 15 min.)");
    }

    @Test
    void presenceIsCheckedAsDynamoDbChecksIt() {
        SignedRequest r = sdkSigned();
        assertRefused(withAuthorization(r, a -> "AWS4-HMAC-SHA256 Credential=x, Signature"),
                ErrorType.INCOMPLETE_SIGNATURE, "'Signature' not a valid key=value pair (missing equal-sign) in "
                        + "Authorization header: 'AWS4-HMAC-SHA256 Credential=x, Signature'.");
        assertRefused(withAuthorization(r, a -> "AWS4-"), ErrorType.INCOMPLETE_SIGNATURE, "Authorization header "
                + "requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization "
                + "header requires 'SignedHeaders' parameter. Authorization=AWS4-");
        assertRefused(withAuthorization(r, a -> "Bearer x"), ErrorType.MISSING_AUTHENTICATION_TOKEN,
                "Request is missing Authentication Token");
        SignedRequest both = new SignedRequest(r.method(), r.rawPath(), "X-Amz-Algorithm", r.headers(), r.bodySha256());
        assertRefused(both, ErrorType.INVALID_SIGNATURE, "Found both 'X-Amz-Algorithm' as a query-string param and "
                + "'Authorization' as HTTP header.");
        Map<String, List<String>> none = new LinkedHashMap<>(r.headers());
        none.remove("authorization");
        assertRefused(new SignedRequest(r.method(), r.rawPath(), "X-Amz-Algorithm=&X-Amz-Date=x", none, r.bodySha256()),
                ErrorType.INCOMPLETE_SIGNATURE, "AWS query-string parameters must include 'X-Amz-Algorithm'. AWS "
                        + "query-string parameters must include 'X-Amz-Credential'. AWS query-string parameters must "
                        + "include 'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-SignedHeaders'. "
                        + "Re-examine the query-string parameters.");
    }

    /** Vectors of AWS's SigV4 test suite: key AKIDEXAMPLE, service "service", 2015-08-30T12:36:00Z. */
    @Test
    void theTestSuitesVectorsVerify() {
        keys.put("AKIDEXAMPLE", new KnownKey<>("AKIDEXAMPLE", SECRET, "example", null));
        Instant at = Instant.parse("2015-08-30T12:36:00Z");
        String scope = "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
        byte[] empty = Hashing.sha256(new byte[0]);
        Map<String, List<String>> queryOrder = new LinkedHashMap<>(Map.of("host", List.of("example.amazonaws.com"),
                "x-amz-date", List.of("20150830T123600Z"), "authorization", List.of("AWS4-HMAC-SHA256 " + scope
                        + ", SignedHeaders=host;x-amz-date, Signature="
                        + "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")));
        Map<String, List<String>> trim = new LinkedHashMap<>(Map.of("host", List.of("example.amazonaws.com"),
                "my-header1", List.of(" value1"), "my-header2", List.of(" \"a   b   c\""),
                "x-amz-date", List.of("20150830T123600Z"), "authorization", List.of("AWS4-HMAC-SHA256 " + scope
                        + ", SignedHeaders=host;my-header1;my-header2;x-amz-date, Signature="
                        + "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736")));
        Map<String, List<String>> duplicate = new LinkedHashMap<>(Map.of("host", List.of("example.amazonaws.com"),
                "my-header1", List.of("value2", "value2", "value1"), "x-amz-date", List.of("20150830T123600Z"),
                "authorization", List.of("AWS4-HMAC-SHA256 " + scope + ", SignedHeaders=host;my-header1;x-amz-date, "
                        + "Signature=c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea")));
        for (SignedRequest vector : List.of(new SignedRequest("GET", "/", "Param2=value2&Param1=value1", queryOrder, empty),
                new SignedRequest("GET", "/", null, trim, empty), new SignedRequest("GET", "/", null, duplicate, empty))) {
            QueryParameters query = QueryParameters.parse(vector.rawQuery());
            assertThat(verifier.verify(vector, query, SignatureParameters.of(vector, query), "service",
                    "us-east-1"::equals, at).owner()).isEqualTo("example");
        }
    }

    @Test
    void pathsAreNormalisedAndEncodedTwiceAndQueriesStrictly() {
        assertThat(CanonicalRequest.canonicalPath("")).isEqualTo("/");
        assertThat(CanonicalRequest.canonicalPath("/a/./b/../c//d/")).isEqualTo("/a/c/d/");
        assertThat(CanonicalRequest.canonicalPath("/a%20b")).isEqualTo("/a%2520b");
        assertThat(CanonicalRequest.canonicalQuery(QueryParameters.parse("b=%2a&a=x y&a=1&c"), false))
                .isEqualTo("a=1&a=x%20y&b=%2A&c=");
    }
}
