package io.jynamo.core.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * IAM's patterns: {@code *} any run of characters, {@code ?} any one, with policy variables ({@code ${aws:username}},
 * {@code ${key, 'default'}}) substituted first and {@code ${*}}, {@code ${?}}, {@code ${$}} standing for those
 * characters themselves. A variable with no value makes the whole pattern match nothing.
 */
final class Wildcards {
    private Wildcards() {
    }

    private static final int STAR = -1;
    private static final int ONE = -2;

    /** A pattern compiled to characters and wildcards ({@link #STAR}, {@link #ONE}). */
    record Pattern(int[] codes) { }

    /**
     * Compiles a pattern; null when a variable in it has no value.
     *
     * @param variables whether {@code ${...}} are variables (policy version 2012-10-17) or literal text
     * @param wildcards whether {@code *} and {@code ?} are wildcards (not in StringEquals)
     */
    static Pattern compile(String pattern, AccessRequest request, boolean variables, boolean wildcards) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (variables && c == '$' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '{') {
                int end = pattern.indexOf('}', i + 2);
                if (end > 0) {
                    String value = variable(pattern.substring(i + 2, end), request);
                    if (value == null) {
                        return null;
                    }
                    value.chars().forEach(out::add);
                    i = end;
                    continue;
                }
            }
            out.add(wildcards && c == '*' ? STAR : wildcards && c == '?' ? ONE : (int) c);
        }
        return new Pattern(out.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The value of {@code ${inner}}: a key, or a key with a default ({@code key, 'default'}), or an escape. */
    private static String variable(String inner, AccessRequest request) {
        switch (inner) {
            case "*", "?", "$" -> {
                return inner;
            }
            default -> { }
        }
        String key = inner;
        String fallback = null;
        int comma = inner.indexOf(',');
        if (comma > 0) {
            key = inner.substring(0, comma).strip();
            String d = inner.substring(comma + 1).strip();
            if (d.length() >= 2 && d.startsWith("'") && d.endsWith("'")) {
                fallback = d.substring(1, d.length() - 1);
            }
        }
        String value = request.single(key.toLowerCase(Locale.ROOT));
        return value != null ? value : fallback;
    }

    /** Glob matching in time proportional to pattern times text, backtracking only to the last star. */
    static boolean matches(Pattern pattern, String text, boolean ignoreCase) {
        if (pattern == null) {
            return false;
        }
        int[] codes = pattern.codes();
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < codes.length && (codes[p] == ONE || (codes[p] >= 0 && same(codes[p], text.charAt(t), ignoreCase)))) {
                p++;
                t++;
            } else if (p < codes.length && codes[p] == STAR) {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < codes.length && codes[p] == STAR) {
            p++;
        }
        return p == codes.length;
    }

    private static boolean same(int code, char c, boolean ignoreCase) {
        return code == c || (ignoreCase && Character.toLowerCase((char) code) == Character.toLowerCase(c));
    }

    /**
     * Whether an ARN pattern matches an ARN: part by part (arn, partition, service, region, account, resource), the
     * resource part keeping its colons (a stream's label has some), case-sensitively; a pattern of fewer parts whose
     * last ends in {@code *} takes the rest of the ARN.
     */
    static boolean arnMatches(String pattern, String arn, AccessRequest request, boolean variables) {
        if (pattern.equals("*")) {
            return true;
        }
        String[] p = pattern.split(":", 6);
        String[] a = arn.split(":", 6);
        if (p.length > a.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            boolean last = i == p.length - 1;
            String text = last && p.length < a.length ? String.join(":", java.util.Arrays.copyOfRange(a, i, a.length))
                    : a[i];
            if (last && p.length < a.length && !p[i].endsWith("*")) {
                return false;
            }
            // variables only in the resource part, after the fifth colon
            if (!matches(compile(p[i], request, variables && i == 5, true), text, false)) {
                return false;
            }
        }
        return true;
    }
}
