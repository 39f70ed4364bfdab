package io.jynamo.ejb.storage;

import io.jynamo.core.item.PrimaryKey;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;

/**
 * One item of one table, named by its key: what a request reads, locks or must not name twice.
 *
 * <p>Items are ordered by table, then by key in DynamoDB's order: the fixed order in which a transaction takes its
 * rows' locks.
 */
public record ItemRef(ItemTable table, PrimaryKey key) implements Comparable<ItemRef> {
    private static final Comparator<ItemRef> ORDER = Comparator.<ItemRef>comparingLong(r -> r.table().id())
            .thenComparing((a, b) -> Arrays.compareUnsigned(a.key().hash(), b.key().hash()))
            .thenComparing((a, b) -> Arrays.compareUnsigned(a.key().range(), b.key().range()));

    /** A value equal for the same item and different for different ones (the key's byte arrays compare by identity). */
    public ByteBuffer identity() {
        ByteBuffer b = ByteBuffer.allocate(Long.BYTES + 2 * Integer.BYTES + key.hash().length + key.range().length);
        b.putLong(table.id()).putInt(key.hash().length).put(key.hash()).putInt(key.range().length).put(key.range());
        return b.flip();
    }

    /** The name of the item's lock (see {@link ItemLocks}): 64 bits of SHA-256 over its identity. */
    public long lockKey() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((byte) 'i');
            digest.update(identity());
            return ByteBuffer.wrap(digest.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public int compareTo(ItemRef other) {
        return ORDER.compare(this, other);
    }
}
