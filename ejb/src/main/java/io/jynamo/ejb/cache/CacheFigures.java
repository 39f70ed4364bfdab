package io.jynamo.ejb.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.stats.CacheStats;

/**
 * What a cache has done and holds, for operators ({@code GET /admin/caches}).
 *
 * @param stats   hits, misses, evictions since the node started
 * @param entries the entries it holds now (Caffeine's estimate)
 * @param bytes   their estimated size, as its bound counts it
 */
public record CacheFigures(CacheStats stats, long entries, long bytes) {
    static CacheFigures of(Cache<?, ?> cache) {
        return new CacheFigures(cache.stats(), cache.estimatedSize(),
                cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L));
    }
}
