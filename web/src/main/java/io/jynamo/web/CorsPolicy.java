package io.jynamo.web;

import io.jynamo.ejb.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may call Jynamo from a browser. DynamoDB answers every origin ({@code Access-Control-Allow-Origin:
 * *}); a server on a developer's machine or an office network must not, or any page its users open could scan and
 * delete their tables. So cross-origin calls are refused unless {@code JYNAMO_CORS_ORIGINS} lists the origins
 * allowed (comma-separated, exactly as browsers send them, e.g. {@code https://app.example.com}), or is {@code *}.
 *
 * <p>For an allowed origin the headers are DynamoDB's: the origin allowed, DynamoDB's exposed headers, and on a
 * preflight the requested method and headers echoed with a two-day max age.
 */
@ApplicationScoped
public class CorsPolicy {
    /** The response headers DynamoDB lets browsers read. */
    static final String EXPOSED = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date";
    /** DynamoDB's preflight max age: two days. */
    static final String MAX_AGE_SECONDS = "172800";

    private final boolean anyOrigin;
    private final Set<String> origins;

    public CorsPolicy() {
        this(Settings.get("jynamo.cors.origins", "JYNAMO_CORS_ORIGINS", ""));
    }

    CorsPolicy(String setting) {
        Set<String> listed = Arrays.stream(setting.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.anyOrigin = listed.contains("*");
        this.origins = listed;
    }

    /** Whether the request comes from a page whose origin may call Jynamo. */
    boolean allows(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        return origin != null && (anyOrigin || origins.contains(origin));
    }

    /** The headers of an actual (not preflight) cross-origin response, when the origin is allowed. */
    void addHeaders(HttpServletRequest request, HttpServletResponse response) {
        if (allows(request)) {
            response.setHeader("Access-Control-Allow-Origin", anyOrigin ? "*" : request.getHeader("Origin"));
            response.setHeader("Access-Control-Expose-Headers", EXPOSED);
            if (!anyOrigin) {
                // the answer depends on the Origin header: caches must not serve it to another origin
                response.addHeader("Vary", "Origin");
            }
        }
    }

    /** Whether an OPTIONS request is a preflight Jynamo answers; if so, adds the preflight headers. */
    boolean preflight(HttpServletRequest request, HttpServletResponse response) {
        if (!allows(request)) {
            return false;
        }
        addHeaders(request, response);
        String headers = request.getHeader("Access-Control-Request-Headers");
        if (headers != null) {
            response.setHeader("Access-Control-Allow-Headers", headers);
        }
        String method = request.getHeader("Access-Control-Request-Method");
        if (method != null) {
            response.setHeader("Access-Control-Allow-Methods", method);
        }
        response.setHeader("Access-Control-Max-Age", MAX_AGE_SECONDS);
        return true;
    }
}
