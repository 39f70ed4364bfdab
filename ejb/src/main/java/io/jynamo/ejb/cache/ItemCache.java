package io.jynamo.ejb.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import io.jynamo.core.item.PrimaryKey;
import io.jynamo.core.item.StoredItem;
import io.jynamo.ejb.storage.ItemRef;
import io.jynamo.ejb.storage.ItemTable;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Items in memory, by table and key (a table made again under the same name is another table): the item as stored,
 * or that there is none (negative caching), each kept at most for its time to live counted from when it was read,
 * and the whole bounded in bytes. Eviction is Caffeine's (Window TinyLFU: recency and frequency), not DAX's plain LRU:
 * a scan of cold items does not push out the hot ones.
 *
 * <p>A read that misses enters a pending entry and loads the item in its own thread, outside the map's locks (reads
 * of other keys, and writes' invalidations, do not wait for it); reads of the same key meanwhile wait for that load.
 * A write that commits while the read is loading removes (or replaces) the pending entry, so what the read loaded is
 * answered to it and to those waiting with it, never to a read that came after the commit.
 */
public final class ItemCache {
    /** What an entry costs besides its JSON: the key, the entry, the map's node. */
    private static final int OVERHEAD_BYTES = 160;

    /** A cached answer: the item, or null for none, and when it was read. */
    private record Entry(StoredItem item, long readAtNanos) { }

    private final AsyncCache<ByteBuffer, Entry> cache;
    private final Cache<ByteBuffer, Entry> completed;
    private final StatsCounter stats = new ConcurrentStatsCounter();
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
                .recordStats(() -> stats)
                .buildAsync();
        this.completed = cache.synchronous();
    }

    private long remaining(Entry e, long now) {
        return Math.max(0, timeToLive.toNanos() - (now - e.readAtNanos()));
    }

    /** The item (null: there is none), from memory or from {@code load}, which is then kept. */
    public StoredItem get(ItemTable table, PrimaryKey key, Supplier<StoredItem> load) {
        ByteBuffer id = new ItemRef(table, key).identity();
        CompletableFuture<Entry> mine = new CompletableFuture<>();
        CompletableFuture<Entry> present = cache.asMap().putIfAbsent(id, mine);
        if (present != null) {
            stats.recordHits(1);
            try {
                return present.join().item();
            } catch (CompletionException failed) {
                // the load this read waited for failed (and is gone): this read loads for itself, keeping nothing
                return load.get();
            }
        }
        stats.recordMisses(1);
        try {
            // the time to live counts from before the read: the item is at least as new as that
            long readAt = System.nanoTime();
            Entry loaded = new Entry(load.get(), readAt);
            mine.complete(loaded);
            return loaded.item();
        } catch (RuntimeException e) {
            // a failed future leaves the cache by itself
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** Keeps what a write stored (null: it deleted the item), after the write committed. */
    public void put(ItemTable table, PrimaryKey key, StoredItem item) {
        completed.put(new ItemRef(table, key).identity(), new Entry(item, System.nanoTime()));
    }

    /** Forgets an item, which the next read loads again. */
    public void invalidate(ItemTable table, PrimaryKey key) {
        completed.invalidate(new ItemRef(table, key).identity());
    }

    /** Forgets everything. */
    public void clear() {
        completed.invalidateAll();
    }

    public CacheFigures figures() {
        return CacheFigures.of(completed);
    }
}
