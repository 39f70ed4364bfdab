package io.jynamo.core.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of a raw query string, decoded, in their order. Parsed here rather than by the servlet container,
 * whose {@code getParameter} would read a form-encoded body as well.
 */
public record QueryParameters(List<Parameter> all) {
    /** One {@code name=value} of the query string; a name without {@code =} has the value "". */
    public record Parameter(String name, String value) { }

    public static final QueryParameters NONE = new QueryParameters(List.of());

    public static QueryParameters parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return NONE;
        }
        List<Parameter> all = new ArrayList<>();
        for (String piece : rawQuery.split("&")) {
            if (piece.isEmpty()) {
                continue;
            }
            int eq = piece.indexOf('=');
            all.add(eq < 0 ? new Parameter(decode(piece), "")
                    : new Parameter(decode(piece.substring(0, eq)), decode(piece.substring(eq + 1))));
        }
        return new QueryParameters(List.copyOf(all));
    }

    /** Whether a parameter of that name is present, even with an empty value. */
    public boolean has(String name) {
        return first(name) != null;
    }

    /** The first value of a parameter (AWS takes the first of repeated query parameters); null when absent. */
    public String first(String name) {
        for (Parameter p : all) {
            if (p.name().equals(name)) {
                return p.value();
            }
        }
        return null;
    }

    /**
     * Percent-decodes as SigV4 reads a query: {@code %XX} escapes become bytes (UTF-8), everything else, {@code +}
     * included, stays as it is. A malformed escape is kept literally.
     */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 3;
            } else {
                byte[] bytes = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i += Character.charCount(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
