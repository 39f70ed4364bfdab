package io.jynamo.core.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HexFormat;
import java.util.function.Predicate;

/**
 * Verifies a request's SigV4 signature, in the order DynamoDB checks one and with its messages: the request time
 * (format, then within 15 minutes), Host among the signed headers, the algorithm, the credential's five parts, its
 * scope (region, service, terminator and date, in one message), the session token, the access key, and last the
 * signature itself, compared in constant time. Every step but the last can be taken without knowing any secret, so a
 * request with a stale clock or the wrong region is told so even with an unknown key.
 *
 * <p>Signing keys (derived from a secret, a date, a region and a service) are kept per key and scope, so a steady
 * client costs one HMAC per request.
 */
public final class SignatureVerifier<O> {
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** How far a request's time may be from the server's, either way. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(15);

    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final HexFormat HEX = HexFormat.of();

    private final KeyDirectory<O> keys;
    private final Cache<Scope, SigningKey> signingKeys = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofDays(1)).build();

    private record Scope(String accessKeyId, String date, String region, String service) { }

    private record SigningKey(String secret, byte[] key) { }

    public SignatureVerifier(KeyDirectory<O> keys) {
        this.keys = keys;
    }

    /**
     * Verifies the request's signature and returns the key that made it.
     *
     * @param service       the service the request is for, as its credential scope must name it
     * @param regionAllowed which regions a credential may be scoped to
     */
    public KnownKey<O> verify(SignedRequest request, QueryParameters query, SignatureParameters p, String service,
                              Predicate<String> regionAllowed, Instant now) {
        Instant time = requestTime(p.requestTime());
        checkWindow(p.requestTime(), time, now);
        if (!p.signedHeaders().contains("host")) {
            throw new DynamoException(ErrorType.INVALID_SIGNATURE,
                    "'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }
        if (!ALGORITHM.equals(p.algorithm())) {
            throw new DynamoException(ErrorType.INCOMPLETE_SIGNATURE, "Unsupported AWS 'algorithm': '" + p.algorithm()
                    + "' (only AWS4-HMAC-SHA256 for now). ");
        }
        // trailing slashes are ignored, as split drops them
        String[] credential = p.credential().split("/");
        if (credential.length != 5) {
            throw new DynamoException(ErrorType.INCOMPLETE_SIGNATURE, "Credential must have exactly 5 slash-delimited "
                    + "elements, e.g. keyid/date/region/service/term, got '" + p.credential() + "'");
        }
        checkScope(credential, p.requestTime(), service, regionAllowed);
        KnownKey<O> key = knownKey(credential[0], p.securityToken(), now);
        String scope = credential[1] + "/" + credential[2] + "/" + credential[3] + "/" + credential[4];
        String canonical = CanonicalRequest.of(request, query, p);
        String stringToSign = ALGORITHM + "\n" + p.requestTime() + "\n" + scope + "\n"
                + HEX.formatHex(Hashing.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] expected = Hashing.hmac(signingKey(key, credential), stringToSign);
        byte[] given = p.signature().getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(HEX.formatHex(expected).getBytes(StandardCharsets.US_ASCII), given)) {
            throw new DynamoException(ErrorType.INVALID_SIGNATURE, "The request signature we calculated does not match "
                    + "the signature you provided. Check your AWS Secret Access Key and signing method. Consult the "
                    + "service documentation for details.\n\nThe Canonical String for this request should have been\n'"
                    + canonical + "'\n\nThe String-to-Sign should have been\n'" + stringToSign + "'\n");
        }
        return key;
    }

    private static Instant requestTime(String text) {
        try {
            return LocalDateTime.parse(text, BASIC).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new DynamoException(ErrorType.INCOMPLETE_SIGNATURE, "Date must be in ISO-8601 'basic format'. Got '"
                    + text + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
    }

    private static void checkWindow(String text, Instant time, Instant now) {
        Instant earliest = now.minus(MAX_SKEW);
        Instant latest = now.plus(MAX_SKEW);
        if (time.isBefore(earliest)) {
            throw new DynamoException(ErrorType.INVALID_SIGNATURE, "Signature expired: " + text + " is now earlier than "
                    + format(earliest) + " (" + format(now) + " - 15 min.)");
        }
        if (time.isAfter(latest)) {
            throw new DynamoException(ErrorType.INVALID_SIGNATURE, "Signature not yet current: " + text + " is still "
                    + "later than " + format(latest) + " (" + format(now) + " + 15 min.)");
        }
    }

    public static String format(Instant t) {
        return BASIC.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
    }

    /** Region, service, terminator and date of the scope, each wrong one said in one message. */
    private static void checkScope(String[] credential, String requestTime, String service,
                                   Predicate<String> regionAllowed) {
        StringBuilder wrong = new StringBuilder();
        if (!regionAllowed.test(credential[2])) {
            wrong.append("Credential should be scoped to a valid region, not '").append(credential[2]).append("'. ");
        }
        if (!service.equals(credential[3])) {
            wrong.append("Credential should be scoped to correct service: '").append(service).append("'. ");
        }
        if (!"aws4_request".equals(credential[4])) {
            wrong.append("Credential should be scoped with a valid terminator: 'aws4_request', not '")
                    .append(credential[4]).append("'. ");
        }
        String day = requestTime.substring(0, 8);
        if (!day.equals(credential[1])) {
            wrong.append("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '")
                    .append(credential[1]).append("' != '").append(day).append("', from '").append(requestTime)
                    .append("'.");
        }
        if (wrong.length() > 0) {
            throw new DynamoException(ErrorType.INVALID_SIGNATURE, wrong.toString());
        }
    }

    /**
     * The key of a long-term credential, or of temporary ones when a session token comes with it: the token is
     * checked first (a temporary key means nothing without it), then whether it has expired.
     */
    private KnownKey<O> knownKey(String accessKeyId, String securityToken, Instant now) {
        if (securityToken != null) {
            KnownKey<O> session = keys.session(securityToken);
            if (session == null || !session.accessKeyId().equals(accessKeyId)) {
                throw new DynamoException(ErrorType.UNRECOGNIZED_CLIENT,
                        "The security token included in the request is invalid");
            }
            if (session.expires() != null && !now.isBefore(session.expires())) {
                throw new DynamoException(ErrorType.EXPIRED_TOKEN,
                        "The security token included in the request is expired");
            }
            return session;
        }
        KnownKey<O> key = keys.key(accessKeyId);
        if (key == null) {
            throw unrecognized();
        }
        return key;
    }

    public static DynamoException unrecognized() {
        return new DynamoException(ErrorType.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
    }

    private byte[] signingKey(KnownKey<O> key, String[] credential) {
        Scope scope = new Scope(key.accessKeyId(), credential[1], credential[2], credential[3]);
        SigningKey cached = signingKeys.getIfPresent(scope);
        if (cached != null && cached.secret().equals(key.secret())) {
            return cached.key();
        }
        byte[] k = Hashing.hmac(("AWS4" + key.secret()).getBytes(StandardCharsets.UTF_8), credential[1]);
        k = Hashing.hmac(k, credential[2]);
        k = Hashing.hmac(k, credential[3]);
        k = Hashing.hmac(k, "aws4_request");
        signingKeys.put(scope, new SigningKey(key.secret(), k));
        return k;
    }
}
