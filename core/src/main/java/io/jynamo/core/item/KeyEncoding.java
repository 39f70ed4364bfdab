package io.jynamo.core.item;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes key attribute values into bytes whose unsigned lexicographic order (PostgreSQL's {@code bytea} order) is
 * DynamoDB's order for the type, so that a btree over the encoded keys serves range queries and sorted results.
 *
 * <ul>
 *   <li>S: the UTF-8 bytes — DynamoDB compares strings by their UTF-8 bytes.</li>
 *   <li>B: the bytes themselves — DynamoDB compares binary values as unsigned bytes.</li>
 *   <li>N: an order-preserving decimal encoding in the manner of FoundationDB's tuple layer and CockroachDB's decimal
 *       keys: a sign byte (negative 0x01, zero 0x02, positive 0x03); for non-zero values the decimal exponent
 *       (−130…125 offset to 0…255) and the significant digits packed two per byte as nibbles {@code digit+1}
 *       (so that no digit nibble is zero and a shorter digit string sorts first); for negative values exponent and
 *       digit bytes are complemented and a 0xFF terminator follows, inverting the order. Numbers are normalised
 *       first, so equal numbers (1.5, 1.50, 15E-1) have equal encodings.</li>
 * </ul>
 *
 * <p>Only one type is ever stored in a given key column (the attribute definition fixes it), so no type tag is
 * needed.
 */
public final class KeyEncoding {
    private static final byte NEGATIVE = 0x01;
    private static final byte ZERO = 0x02;
    private static final byte POSITIVE = 0x03;
    private static final int EXPONENT_OFFSET = -DynamoNumber.MIN_EXPONENT;

    private KeyEncoding() {
    }

    /** The encoding of a key attribute value (S, N or B). */
    public static byte[] encode(AttributeValue value) {
        if (value instanceof AttributeValue.S s) {
            return s.value().getBytes(StandardCharsets.UTF_8);
        }
        if (value instanceof AttributeValue.B b) {
            return b.value();
        }
        if (value instanceof AttributeValue.N n) {
            return encodeNumber(n.value());
        }
        throw new IllegalArgumentException("not a key type: " + value.type());
    }

    public static byte[] encodeNumber(DynamoNumber number) {
        int signum = number.signum();
        if (signum == 0) {
            return new byte[] {ZERO};
        }
        String digits = number.digits();
        int digitBytes = (digits.length() + 1) / 2;
        boolean negative = signum < 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream(2 + digitBytes + 1);
        out.write(negative ? NEGATIVE : POSITIVE);
        int exponent = number.exponent() + EXPONENT_OFFSET;
        out.write(negative ? 0xFF - exponent : exponent);
        for (int i = 0; i < digits.length(); i += 2) {
            int high = digits.charAt(i) - '0' + 1;
            int low = i + 1 < digits.length() ? digits.charAt(i + 1) - '0' + 1 : 0;
            int b = (high << 4) | low;
            out.write(negative ? 0xFF - b : b);
        }
        if (negative) {
            out.write(0xFF);
        }
        return out.toByteArray();
    }

    /** Compares encoded keys as PostgreSQL compares {@code bytea}: unsigned bytes, then length. */
    public static int compare(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b);
    }
}
