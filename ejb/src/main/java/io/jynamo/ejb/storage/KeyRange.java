package io.jynamo.ejb.storage;

/**
 * A range of encoded sort keys (or, for a scan, of whole keys): each bound is optional and inclusive or exclusive.
 *
 * @param lower null for unbounded
 * @param upper null for unbounded
 */
public record KeyRange(byte[] lower, boolean lowerInclusive, byte[] upper, boolean upperInclusive) {

    public static final KeyRange ALL = new KeyRange(null, false, null, false);

    public static KeyRange exactly(byte[] value) {
        return new KeyRange(value, true, value, true);
    }

    /** All keys starting with the prefix: from the prefix up to (not including) its successor. */
    public static KeyRange prefix(byte[] prefix) {
        return new KeyRange(prefix, true, successor(prefix), false);
    }

    /** The least byte string greater than every string starting with {@code prefix}; null if there is none. */
    static byte[] successor(byte[] prefix) {
        byte[] next = prefix.clone();
        for (int i = next.length - 1; i >= 0; i--) {
            if (next[i] != (byte) 0xFF) {
                next[i]++;
                return java.util.Arrays.copyOf(next, i + 1);
            }
        }
        return null;
    }
}
