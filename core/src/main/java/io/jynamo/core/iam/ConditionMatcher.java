package io.jynamo.core.iam;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * Whether a request meets one condition, as "IAM JSON policy elements: Condition operators" defines it. Several values
 * for a key match if any does; for a negated operator (StringNotEquals, NotIpAddress, ...) if none does. A key the
 * request lacks fails a condition, but passes a negated one, one with IfExists, and any ForAllValues one;
 * ForAnyValue fails it. A multi-valued key (dynamodb:Attributes) with no set qualifier never matches.
 */
final class ConditionMatcher {
    private static final Set<String> NEGATED = Set.of("StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike",
            "NumericNotEquals", "DateNotEquals", "NotIpAddress", "ArnNotEquals", "ArnNotLike");

    private ConditionMatcher() {
    }

    static boolean holds(Condition c, AccessRequest request, boolean variables) {
        List<String> present = request.values(c.key());
        boolean absent = present == null || present.isEmpty();
        if (c.operator().equals("Null")) {
            return c.values().stream().anyMatch(v -> v.equalsIgnoreCase("true") == absent);
        }
        boolean negated = NEGATED.contains(c.operator());
        if (c.qualifier() == null) {
            if (absent) {
                return c.ifExists() || negated;
            }
            if (request.multiValued().contains(c.key())) {
                return false;
            }
            return one(c, present.get(0), negated, request, variables);
        }
        if (absent) {
            return c.qualifier().equals("ForAllValues") || c.ifExists();
        }
        return c.qualifier().equals("ForAllValues")
                ? present.stream().allMatch(v -> one(c, v, negated, request, variables))
                : present.stream().anyMatch(v -> one(c, v, negated, request, variables));
    }

    /** Whether one request value meets the condition: matches a policy value, or for a negated operator none. */
    private static boolean one(Condition c, String value, boolean negated, AccessRequest request, boolean variables) {
        boolean any = false;
        for (String policyValue : c.values()) {
            if (matches(c.operator(), value, policyValue, request, variables)) {
                any = true;
                break;
            }
        }
        return negated != any;
    }

    /** The operator's positive form: does the request value match the policy value? */
    private static boolean matches(String operator, String value, String policyValue, AccessRequest request,
                                   boolean variables) {
        switch (operator) {
            case "StringEquals", "StringNotEquals":
                return Wildcards.matches(Wildcards.compile(policyValue, request, variables, false), value, false);
            case "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase":
                return Wildcards.matches(Wildcards.compile(policyValue, request, variables, false), value, true);
            case "StringLike", "StringNotLike":
                return Wildcards.matches(Wildcards.compile(policyValue, request, variables, true), value, false);
            case "ArnEquals", "ArnNotEquals", "ArnLike", "ArnNotLike":
                return Wildcards.arnMatches(policyValue, value, request, variables);
            case "Bool":
                return policyValue.equalsIgnoreCase(value);
            case "BinaryEquals":
                return policyValue.equals(value);
            case "IpAddress", "NotIpAddress":
                return inRange(value, policyValue);
            default:
                break;
        }
        if (operator.startsWith("Numeric")) {
            BigDecimal a = number(value);
            BigDecimal b = number(policyValue);
            return a != null && b != null && compares(operator.substring("Numeric".length()), a.compareTo(b));
        }
        if (operator.startsWith("Date")) {
            Instant a = date(value);
            Instant b = date(policyValue);
            return a != null && b != null && compares(operator.substring("Date".length()), a.compareTo(b));
        }
        return false;
    }

    private static boolean compares(String relation, int cmp) {
        return switch (relation) {
            case "Equals", "NotEquals" -> cmp == 0;
            case "LessThan" -> cmp < 0;
            case "LessThanEquals" -> cmp <= 0;
            case "GreaterThan" -> cmp > 0;
            case "GreaterThanEquals" -> cmp >= 0;
            default -> false;
        };
    }

    private static BigDecimal number(String s) {
        try {
            return new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A date as IAM takes one: W3C ISO 8601 (a date, or a date and time with a zone), or epoch seconds. */
    static Instant date(String s) {
        String v = s.strip();
        try {
            if (v.matches("-?\\d+(\\.\\d+)?")) {
                return Instant.ofEpochSecond(new BigDecimal(v).longValueExact());
            }
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    /** Whether an address is in a CIDR range (an address alone is its /32, or /128). */
    static boolean inRange(String address, String cidr) {
        try {
            String[] parts = cidr.strip().split("/", 2);
            byte[] network = literal(parts[0]);
            byte[] candidate = literal(address.strip());
            if (network == null || candidate == null || network.length != candidate.length) {
                return false;
            }
            int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            if (bits < 0 || bits > network.length * 8) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((network[i / 8] & mask) != (candidate[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The bytes of an IP address literal; null for anything else (never a DNS lookup). */
    private static byte[] literal(String s) {
        if (!s.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
