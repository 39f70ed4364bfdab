package io.jynamo.ejb.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.jynamo.core.item.PrimaryKey;
import io.jynamo.core.item.StoredItem;
import io.jynamo.ejb.storage.ItemRef;
import io.jynamo.ejb.storage.ItemTable;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Items in memory, by table and key (a table made again under the same name is another table): the item as stored,
 * or that there is none (negative caching), each kept at most for its time to live counted from when it was read,
 * and the whole bounded in bytes. Eviction is Caffeine's (Window TinyLFU: recency and frequency), not DAX's plain LRU:
 * a scan of cold items does not push out the hot ones.
 *
 * <p>A read that misses loads the item while no write of the same key can store its own: a write that commits while
 * the read is loading puts its item after the read's, so the cache never keeps what a committed write replaced
 * for longer than the time to live.
 */
public final class ItemCache {
    /** What an entry costs besides its JSON: the key, the entry, the map's node. */
    private static final int OVERHEAD_BYTES = 160;

    /** A cached answer: the item, or null for none, and when it was read. */
    private record Entry(StoredItem item, long readAtNanos) { }

    private final Cache<ByteBuffer, Entry> cache;
    private final Duration timeToLive;

    /**
     * @param timeToLive how long an entry may be served after its item was read; zero: nothing is kept
     * @param maxBytes   the bound of the whole, in bytes (estimated: two bytes a JSON character and an overhead)
     */
    public ItemCache(Duration timeToLive, long maxBytes) {
        this.timeToLive = timeToLive;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((ByteBuffer key, Entry e) -> OVERHEAD_BYTES + key.capacity()
                        + (e.item() == null ? 0 : 2 * e.item().json().length()))
                .expireAfter(new Expiry<ByteBuffer, Entry>() {
                    @Override
                    public long expireAfterCreate(ByteBuffer key, Entry e, long now) {
                        return remaining(e, now);
                    }

                    @Override
                    public long expireAfterUpdate(ByteBuffer key, Entry e, long now, long current) {
                        return remaining(e, now);
                    }

                    @Override
                    public long expireAfterRead(ByteBuffer key, Entry e, long now, long current) {
                        return current;
                    }
                })
                .recordStats()
                .build();
    }

    private long remaining(Entry e, long now) {
        return Math.max(0, timeToLive.toNanos() - (now - e.readAtNanos()));
    }

    /** The item (null: there is none), from memory or from {@code load}, which is then kept. */
    public StoredItem get(ItemTable table, PrimaryKey key, Supplier<StoredItem> load) {
        return cache.get(new ItemRef(table, key).identity(), k -> {
            long readAt = System.nanoTime();
            return new Entry(load.get(), readAt);
        }).item();
    }

    /** Keeps what a write stored (null: it deleted the item), after the write committed. */
    public void put(ItemTable table, PrimaryKey key, StoredItem item) {
        cache.put(new ItemRef(table, key).identity(), new Entry(item, System.nanoTime()));
    }

    /** Forgets an item, which the next read loads again. */
    public void invalidate(ItemTable table, PrimaryKey key) {
        cache.invalidate(new ItemRef(table, key).identity());
    }

    /** Forgets everything. */
    public void clear() {
        cache.invalidateAll();
    }

    public CacheFigures figures() {
        return CacheFigures.of(cache);
    }
}
