package io.jynamo.core.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The canonical request of SigV4, as AWS defines it ("Create a signed AWS API request") and its SDKs compute it:
 * method; the path with dot segments and repeated slashes removed, percent-encoded once more (every service but S3
 * signs the path encoded twice); the query parameters decoded, encoded strictly and sorted, without the signature
 * itself; each signed header as {@code name:value}, its values trimmed, inner runs of white space made one space,
 * repeated headers joined with commas; the signed header names; the body's SHA-256.
 *
 * <p>The body is always hashed: {@code UNSIGNED-PAYLOAD} is S3's, and a request that claims it for DynamoDB
 * simply does not match, as on AWS.
 */
public final class CanonicalRequest {
    private static final HexFormat HEX = HexFormat.of();

    private CanonicalRequest() {
    }

    public static String of(SignedRequest request, QueryParameters query, SignatureParameters signature) {
        StringBuilder sb = new StringBuilder(512);
        sb.append(request.method()).append('\n');
        sb.append(canonicalPath(request.rawPath())).append('\n');
        sb.append(canonicalQuery(query, signature.presigned())).append('\n');
        for (String name : signature.signedHeaders()) {
            sb.append(name).append(':');
            List<String> values = request.headers().get(name);
            if (values != null) {
                for (int i = 0; i < values.size(); i++) {
                    sb.append(i > 0 ? "," : "");
                    appendTrimmed(sb, values.get(i));
                }
            }
            sb.append('\n');
        }
        sb.append('\n').append(String.join(";", signature.signedHeaders())).append('\n');
        sb.append(HEX.formatHex(request.bodySha256()));
        return sb.toString();
    }

    /** A header value trimmed, each inner run of white space one space. */
    private static void appendTrimmed(StringBuilder sb, String value) {
        String v = value.strip();
        boolean space = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                space = true;
                continue;
            }
            if (space) {
                sb.append(' ');
                space = false;
            }
            sb.append(c);
        }
    }

    static String canonicalPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            switch (segment) {
                case "", "." -> { }
                case ".." -> {
                    if (!segments.isEmpty()) {
                        segments.remove(segments.size() - 1);
                    }
                }
                default -> segments.add(segment);
            }
        }
        StringBuilder sb = new StringBuilder("/");
        for (int i = 0; i < segments.size(); i++) {
            sb.append(i > 0 ? "/" : "").append(encode(segments.get(i)));
        }
        if (!segments.isEmpty() && rawPath.endsWith("/")) {
            sb.append('/');
        }
        return sb.toString();
    }

    static String canonicalQuery(QueryParameters query, boolean presigned) {
        List<String[]> encoded = new ArrayList<>();
        for (QueryParameters.Parameter p : query.all()) {
            if (presigned && p.name().equals(SignatureParameters.SIGNATURE_PARAMETER)) {
                continue;
            }
            encoded.add(new String[] {encode(p.name()), encode(p.value())});
        }
        encoded.sort(Comparator.<String[], String>comparing(e -> e[0]).thenComparing(e -> e[1]));
        StringBuilder sb = new StringBuilder();
        for (String[] e : encoded) {
            sb.append(sb.length() > 0 ? "&" : "").append(e[0]).append('=').append(e[1]);
        }
        return sb.toString();
    }

    /** SigV4's UriEncode: every byte but the unreserved characters as {@code %XX}, upper-case. */
    static String encode(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
