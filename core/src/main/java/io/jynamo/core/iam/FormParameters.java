package io.jynamo.core.iam;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a Query-protocol request: a form-encoded body ({@code Action=CreateUser&UserName=bob&...};
 * {@code +} and {@code %20} both a space), with lists as {@code Name.member.N}.
 */
public final class FormParameters {
    private final Map<String, String> values;

    private FormParameters(Map<String, String> values) {
        this.values = values;
    }

    public static FormParameters parse(byte[] body) {
        Map<String, String> values = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                // the first of repeated names counts
                values.putIfAbsent(name, value);
            } catch (IllegalArgumentException malformed) {
                throw IamException.validation("The request body is not a valid form: " + malformed.getMessage());
            }
        }
        return new FormParameters(values);
    }

    /** A parameter's value, or null. */
    public String get(String name) {
        return values.get(name);
    }

    /** A required parameter, or IAM's message for its absence. */
    public String required(String name) {
        String v = values.get(name);
        if (v == null) {
            throw IamException.validation("1 validation error detected: Value null at '" + lowerFirst(name)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return v;
    }

    /** The members of a list parameter: {@code name.member.1}, {@code name.member.2}, ... */
    public List<String> list(String name) {
        List<String> out = new ArrayList<>();
        for (int i = 1; values.containsKey(name + ".member." + i); i++) {
            out.add(values.get(name + ".member." + i));
        }
        return out;
    }

    /** One member of a list of structures: {@code name.member.1.field}, {@code name.member.2.field}, ... */
    public List<String> list(String name, String field) {
        List<String> out = new ArrayList<>();
        for (int i = 1; values.containsKey(name + ".member." + i + "." + field); i++) {
            out.add(values.get(name + ".member." + i + "." + field));
        }
        return out;
    }

    public boolean bool(String name, boolean fallback) {
        String v = values.get(name);
        return v == null ? fallback : v.equalsIgnoreCase("true");
    }

    /** An integer parameter within bounds, with IAM's messages. */
    public Integer integer(String name, int min, int max) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        long n;
        try {
            n = Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw IamException.validation("1 validation error detected: Value '" + v + "' at '" + lowerFirst(name)
                    + "' failed to satisfy constraint: Member must be a number");
        }
        if (n < min) {
            throw IamException.validation("1 validation error detected: Value '" + v + "' at '" + lowerFirst(name)
                    + "' failed to satisfy constraint: Member must have value greater than or equal to " + min);
        }
        if (n > max) {
            throw IamException.validation("1 validation error detected: Value '" + v + "' at '" + lowerFirst(name)
                    + "' failed to satisfy constraint: Member must have value less than or equal to " + max);
        }
        return (int) n;
    }

    static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
