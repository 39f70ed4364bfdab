package io.jynamo.core.auth;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SigV4 parameters of a request, from its {@code Authorization} header or its presigned query string, checked
 * for presence in DynamoDB's order and words (dynalite's tests, recorded against DynamoDB, have the bytes):
 * both forms at once, neither, a component that is not {@code key=value}, then the missing components, listed
 * together.
 *
 * @param signedHeaders the names the signature covers, lower-cased, in the order given
 * @param requestTime   the request's time as sent ({@code X-Amz-Date}, else {@code Date}); its format is checked later
 * @param securityToken the session token of temporary credentials; null for a long-term key
 * @param authorization the Authorization header as received (null when presigned), which some messages quote
 */
public record SignatureParameters(String algorithm, String credential, List<String> signedHeaders, String signature, String requestTime, String securityToken, boolean presigned,
                                  String authorization) {


    static final String ALGORITHM_PARAMETER = "X-Amz-Algorithm";
    static final String SIGNATURE_PARAMETER = "X-Amz-Signature";

    public static SignatureParameters of(SignedRequest request, QueryParameters query) {
        String header = request.header("authorization");
        boolean presigned = query.has(ALGORITHM_PARAMETER);
        if (header != null && presigned) {
            throw new DynamoException(ErrorType.INVALID_SIGNATURE,
                    "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
        }
        if ((header == null && !presigned) || (header != null && !header.strip().startsWith("AWS4-"))) {
            throw missingToken();
        }
        return presigned ? fromQuery(query) : fromHeader(request, header);
    }

    public static DynamoException missingToken() {
        return new DynamoException(ErrorType.MISSING_AUTHENTICATION_TOKEN, "Request is missing Authentication Token");
    }

    private static SignatureParameters fromHeader(SignedRequest request, String header) {
        String[] parts = split(header.strip());
        Map<String, String> params = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq < 0) {
                throw new DynamoException(ErrorType.INCOMPLETE_SIGNATURE, "'" + parts[i] + "' not a valid key=value "
                        + "pair (missing equal-sign) in Authorization header: '" + header + "'.");
            }
            // a parameter given twice: the last one counts, as AWS takes it
            params.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        String time = request.header("x-amz-date") != null ? request.header("x-amz-date") : request.header("date");
        StringBuilder missing = new StringBuilder();
        for (String p : new String[] {"Credential", "Signature"}) {
            if (params.get(p) == null || params.get(p).isEmpty()) {
                missing.append("Authorization header requires '").append(p).append("' parameter. ");
            }
        }
        // an empty SignedHeaders passes here, and fails for not signing Host
        if (params.get("SignedHeaders") == null) {
            missing.append("Authorization header requires 'SignedHeaders' parameter. ");
        }
        if (time == null) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (missing.length() > 0) {
            throw new DynamoException(ErrorType.INCOMPLETE_SIGNATURE, missing + "Authorization=" + header);
        }
        String signed = params.get("SignedHeaders");
        return new SignatureParameters(parts[0], params.get("Credential"), names(signed), params.get("Signature"),
                time, request.header("x-amz-security-token"), false, header);
    }

    /**
     * The parts of an Authorization header, separated by spaces, commas or both, as DynamoDB accepts (by hand: a
     * regular expression here cost more than the rest of the header's parsing).
     */
    private static String[] split(String header) {
        List<String> parts = new ArrayList<>(4);
        int start = -1;
        for (int i = 0; i <= header.length(); i++) {
            boolean separator = i == header.length() || separator(header.charAt(i));
            if (separator && start >= 0) {
                parts.add(header.substring(start, i));
                start = -1;
            } else if (!separator && start < 0) {
                start = i;
            }
        }
        return parts.toArray(new String[0]);
    }

    /** A comma, or what a regular expression's \s is: space, tab, line feed, vertical tab, form feed, return. */
    private static boolean separator(char c) {
        return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static SignatureParameters fromQuery(QueryParameters query) {
        StringBuilder missing = new StringBuilder();
        for (String p : new String[] {ALGORITHM_PARAMETER, "X-Amz-Credential", SIGNATURE_PARAMETER,
                "X-Amz-SignedHeaders", "X-Amz-Date"}) {
            String value = query.first(p);
            if (value == null || value.isEmpty()) {
                missing.append("AWS query-string parameters must include '").append(p).append("'. ");
            }
        }
        if (missing.length() > 0) {
            throw new DynamoException(ErrorType.INCOMPLETE_SIGNATURE, missing + "Re-examine the query-string parameters.");
        }
        String signed = query.first("X-Amz-SignedHeaders");
        return new SignatureParameters(query.first(ALGORITHM_PARAMETER), query.first("X-Amz-Credential"),
                names(signed), query.first(SIGNATURE_PARAMETER), query.first("X-Amz-Date"),
                query.first("X-Amz-Security-Token"), true, null);
    }

    private static List<String> names(String signedHeaders) {
        List<String> names = new ArrayList<>();
        for (String name : signedHeaders.split(";")) {
            if (!name.isEmpty()) {
                names.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(names);
    }
}
