package io.jynamo.core.auth;

import java.util.List;
import java.util.Map;

/**
 * What a request's signature covers, as it arrived: the method, the path and query string still percent-encoded, the
 * headers (names lower-cased, each name's values in the order they came), and the SHA-256 of the body as sent (of
 * the compressed bytes, for a compressed body).
 *
 * @param rawQuery the query string without its {@code ?}; null when there is none
 */
public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                            byte[] bodySha256) {

    /** The first value of a header, or null. */
    public String header(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
