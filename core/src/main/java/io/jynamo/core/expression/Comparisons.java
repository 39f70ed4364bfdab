package io.jynamo.core.expression;

import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.KeyEncoding;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * How DynamoDB compares attribute values: numbers by value, strings by their UTF-8 bytes, binaries as unsigned
 * bytes; only these three types are ordered. Equality is by type and value (sets ignore order).
 */
public final class Comparisons {
    private Comparisons() {
    }

    /** Whether values of this value's type can be compared with {@code <}. */
    public static boolean isOrdered(AttributeValue v) {
        return v instanceof AttributeValue.N || v instanceof AttributeValue.S || v instanceof AttributeValue.B;
    }

    /** Compares two values of the same ordered type. */
    public static int compare(AttributeValue a, AttributeValue b) {
        if (a instanceof AttributeValue.N x && b instanceof AttributeValue.N y) {
            return x.value().compareTo(y.value());
        }
        if (a instanceof AttributeValue.S x && b instanceof AttributeValue.S y) {
            return KeyEncoding.compare(x.value().getBytes(StandardCharsets.UTF_8),
                    y.value().getBytes(StandardCharsets.UTF_8));
        }
        if (a instanceof AttributeValue.B x && b instanceof AttributeValue.B y) {
            return Arrays.compareUnsigned(x.value(), y.value());
        }
        throw new IllegalArgumentException("not comparable: " + a.type() + " and " + b.type());
    }

    /** Whether both are ordered values of one type, so that {@link #compare} applies. */
    public static boolean comparable(AttributeValue a, AttributeValue b) {
        return a != null && b != null && a.type() == b.type() && isOrdered(a);
    }

    /** A scalar as DynamoDB quotes it in messages. */
    static String show(AttributeValue v) {
        if (v instanceof AttributeValue.S s) {
            return s.value();
        }
        if (v instanceof AttributeValue.N n) {
            return n.value().toString();
        }
        if (v instanceof AttributeValue.B b) {
            return Base64.getEncoder().encodeToString(b.value());
        }
        return v.toString();
    }
}
