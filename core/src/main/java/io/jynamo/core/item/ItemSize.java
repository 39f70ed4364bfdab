package io.jynamo.core.item;

import java.util.Map;

/**
 * Item sizes computed as DynamoDB computes them for its 400 KB limit and capacity units.
 *
 * <p>An item's size is the sum over its attributes of the UTF-8 length of the name plus the size of the value:
 * strings their UTF-8 length, binaries their length, numbers about one byte per two significant digits plus one,
 * booleans and nulls one byte, lists and maps three bytes plus one byte per element plus the elements (and, for
 * maps, the element names), sets the sum of their members. The number formula is the one dynalite measured against
 * DynamoDB (it reflects DynamoDB's internal base-100 number encoding).
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html">Item sizes</a>
 */
public final class ItemSize {
    private ItemSize() {
    }

    /** The size of an item that may not be there: 0 for none. */
    public static int ofNullable(Map<String, AttributeValue> item) {
        return item == null ? 0 : of(item);
    }

    public static int of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += utf8Length(e.getKey()) + of(e.getValue());
        }
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    public static long of(AttributeValue value) {
        if (value instanceof AttributeValue.S s) {
            return utf8Length(s.value());
        }
        if (value instanceof AttributeValue.N n) {
            return numberSize(n.value());
        }
        if (value instanceof AttributeValue.B b) {
            return b.value().length;
        }
        if (value instanceof AttributeValue.Bool || value instanceof AttributeValue.Null) {
            return 1;
        }
        if (value instanceof AttributeValue.SS ss) {
            long size = 0;
            for (String s : ss.values()) {
                size += utf8Length(s);
            }
            return size;
        }
        if (value instanceof AttributeValue.NS ns) {
            long size = 0;
            for (DynamoNumber n : ns.values()) {
                size += numberSize(n);
            }
            return size;
        }
        if (value instanceof AttributeValue.BS bs) {
            long size = 0;
            for (byte[] b : bs.values()) {
                size += b.length;
            }
            return size;
        }
        if (value instanceof AttributeValue.L l) {
            long size = 3;
            for (AttributeValue e : l.values()) {
                size += 1 + of(e);
            }
            return size;
        }
        AttributeValue.M m = (AttributeValue.M) value;
        long size = 3;
        for (Map.Entry<String, AttributeValue> e : m.values().entrySet()) {
            size += 1 + utf8Length(e.getKey()) + of(e.getValue());
        }
        return size;
    }

    static int numberSize(DynamoNumber n) {
        if (n.signum() == 0) {
            return 1;
        }
        int digits = n.precision();
        // Digits are stored in base-100 pairs aligned on the exponent, so an even digit count with an even
        // exponent needs one more byte; negative numbers carry a terminator byte.
        int size = 1 + (digits + 1) / 2;
        if (digits % 2 == 0 && Math.floorMod(n.exponent(), 2) == 0) {
            size += 1;
        }
        if (n.signum() < 0) {
            size += 1;
        }
        return size;
    }

    public static int utf8Length(String s) {
        int length = s.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2; // 4 bytes for the pair, counted as 2 chars
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }
}
