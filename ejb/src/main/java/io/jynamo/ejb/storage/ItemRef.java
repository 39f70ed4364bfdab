package io.jynamo.ejb.storage;

import io.jynamo.core.item.PrimaryKey;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

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
        return ItemLocks.lockKey((byte) 'i', identity());
    }

    /** The positions of the items in the list, in the order their rows are to be locked and written. */
    public static List<Integer> inLockOrder(List<ItemRef> items) {
        List<Integer> order = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> items.get(a).compareTo(items.get(b)));
        return order;
    }

    @Override
    public int compareTo(ItemRef other) {
        return ORDER.compare(this, other);
    }
}
