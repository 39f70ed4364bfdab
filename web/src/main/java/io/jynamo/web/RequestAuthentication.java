package io.jynamo.web;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import jakarta.servlet.http.HttpServletRequest;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The authentication checks DynamoDB makes before looking at a request: a SigV4 {@code Authorization} header (or
 * presigned query parameters) must be present and complete. Signatures are not verified yet; any well-formed
 * AWS4 credential is accepted.
 */
final class RequestAuthentication {
    /** What separates the parameters of an Authorization header (compiled once: it is on every request's path). */
    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");

    private RequestAuthentication() {
    }

    static void check(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        boolean query = request.getParameter("X-Amz-Algorithm") != null;
        if (header != null && query) {
            throw new DynamoException(ErrorType.INVALID_SIGNATURE,
                    "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
        }
        if ((header == null && !query) || (header != null && !header.strip().startsWith("AWS4-"))) {
            throw new DynamoException(ErrorType.MISSING_AUTHENTICATION_TOKEN, "Request is missing Authentication Token");
        }
        StringBuilder missing = new StringBuilder();
        if (header != null) {
            Map<String, String> params = parameters(header);
            for (String p : new String[] {"Credential", "Signature", "SignedHeaders"}) {
                if (params.get(p) == null || params.get(p).isEmpty()) {
                    missing.append("Authorization header requires '").append(p).append("' parameter. ");
                }
            }
            if (request.getHeader("X-Amz-Date") == null && request.getHeader("Date") == null) {
                missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
            }
            if (missing.length() > 0) {
                missing.append("Authorization=").append(header);
            }
        } else {
            for (String p : new String[] {"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature",
                    "X-Amz-SignedHeaders", "X-Amz-Date"}) {
                if (request.getParameter(p) == null) {
                    missing.append("AWS query-string parameters must include '").append(p).append("'. ");
                }
            }
            if (missing.length() > 0) {
                missing.append("Re-examine the query-string parameters.");
            }
        }
        if (missing.length() > 0) {
            throw new DynamoException(ErrorType.INCOMPLETE_SIGNATURE, missing.toString());
        }
    }

    /** The key=value parameters after the algorithm in a SigV4 Authorization header. */
    private static Map<String, String> parameters(String header) {
        Map<String, String> params = new HashMap<>();
        String[] parts = SEPARATORS.split(header.strip());
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                params.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
            }
        }
        return params;
    }
}
