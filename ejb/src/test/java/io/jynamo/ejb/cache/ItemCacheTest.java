package io.jynamo.ejb.cache;

import io.jynamo.core.item.AttributeType;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.PrimaryKey;
import io.jynamo.core.item.StoredItem;
import io.jynamo.core.table.KeyAttribute;
import io.jynamo.core.table.KeySchema;
import io.jynamo.ejb.storage.ItemTable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules by which the item cache keeps what reads load, when writes commit while they load. */
class ItemCacheTest {
    private static final KeySchema SCHEMA = new KeySchema(new KeyAttribute("pk", AttributeType.S), null);
    private static final ItemTable TABLE = new ItemTable(1, "t", SCHEMA, "item_1", List.of(), 0, null, false, null,
            null);

    private final ItemCache cache = new ItemCache(Duration.ofMinutes(5), 1 << 20);

    private static PrimaryKey key(String pk) {
        return PrimaryKey.ofKey(Map.of("pk", new AttributeValue.S(pk)), SCHEMA);
    }

    private static StoredItem item(String pk, String v) {
        return StoredItem.of(Map.of("pk", new AttributeValue.S(pk), "v", new AttributeValue.S(v)));
    }

    @Test
    void aReadIsServedFromMemoryUntilAWriteCommits() {
        AtomicInteger loads = new AtomicInteger();
        assertThat(cache.get(TABLE, key("a"), () -> { loads.incrementAndGet(); return item("a", "1"); }))
                .isEqualTo(item("a", "1"));
        assertThat(cache.get(TABLE, key("a"), () -> { loads.incrementAndGet(); return item("a", "2"); }))
                .isEqualTo(item("a", "1"));
        cache.invalidate(TABLE, key("a"));
        assertThat(cache.get(TABLE, key("a"), () -> { loads.incrementAndGet(); return item("a", "2"); }))
                .isEqualTo(item("a", "2"));
        assertThat(loads).hasValue(2);
        assertThat(cache.figures().stats().hitCount()).isEqualTo(1);
        assertThat(cache.figures().stats().missCount()).isEqualTo(2);
    }

    @Test
    void whatAReadLoadedWhileAWriteCommittedIsNotKept() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<StoredItem> slowRead = slowRead(item("a", "old"), release);
        // a write commits while the read is loading: its invalidation waits for the load, then removes what it kept
        CompletableFuture<Void> committed = CompletableFuture.runAsync(() -> cache.invalidate(TABLE, key("a")));
        TimeUnit.MILLISECONDS.sleep(100);
        release.countDown();
        committed.get(5, TimeUnit.SECONDS);
        assertThat(slowRead.get(5, TimeUnit.SECONDS)).isEqualTo(item("a", "old"));
        assertThat(cache.get(TABLE, key("a"), () -> item("a", "new"))).isEqualTo(item("a", "new"));
    }

    @Test
    void aWriteThroughReplacesWhatALoadWouldKeep() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<StoredItem> slowRead = slowRead(item("a", "old"), release);
        CompletableFuture<Void> written = CompletableFuture.runAsync(() -> cache.put(TABLE, key("a"),
                item("a", "written")));
        TimeUnit.MILLISECONDS.sleep(100);
        release.countDown();
        written.get(5, TimeUnit.SECONDS);
        slowRead.get(5, TimeUnit.SECONDS);
        assertThat(cache.get(TABLE, key("a"), () -> item("a", "loaded"))).isEqualTo(item("a", "written"));
    }

    @Test
    void aMissingItemIsKeptAsMissing() {
        assertThat(cache.get(TABLE, key("none"), () -> null)).isNull();
        assertThat(cache.get(TABLE, key("none"), () -> item("none", "appeared"))).isNull();
    }

    /** A read of "a" that misses and loads {@code loaded}, started now, its load waiting for {@code release}. */
    private CompletableFuture<StoredItem> slowRead(StoredItem loaded, CountDownLatch release) throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CompletableFuture<StoredItem> read = CompletableFuture.supplyAsync(() -> cache.get(TABLE, key("a"), () -> {
            loading.countDown();
            await(release);
            return loaded;
        }));
        assertThat(loading.await(5, TimeUnit.SECONDS)).as("the read is loading").isTrue();
        return read;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
