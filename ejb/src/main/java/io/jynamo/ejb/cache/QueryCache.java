package io.jynamo.ejb.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The answers of Query and Scan requests, by the request itself (operation and body, byte for byte), kept for their
 * time to live and bounded in bytes (evicted as {@link ItemCache} says). Writes do not touch it: as in DynamoDB Accelerator,
 * a result set changes only when its time to live is over.
 */
public final class QueryCache {
    private static final int OVERHEAD_BYTES = 160;

    private final Cache<String, byte[]> cache;

    public QueryCache(Duration timeToLive, long maxBytes) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String request, byte[] answer) -> OVERHEAD_BYTES + 2 * request.length() + answer.length)
                .expireAfterWrite(timeToLive)
                .recordStats()
                .build();
    }

    /** The answer to the request, from memory or from {@code answer}, which is then kept. */
    public byte[] get(String operation, String body, Supplier<byte[]> answer) {
        return cache.get(operation + '\n' + body, k -> answer.get());
    }

    public CacheFigures figures() {
        return CacheFigures.of(cache);
    }
}
