package io.jynamo.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.jynamo.core.json.Json;
import io.jynamo.ejb.cache.CacheFigures;
import io.jynamo.ejb.cache.MemoryReads;
import io.jynamo.ejb.cluster.ClusterView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;

/**
 * {@code GET /admin/caches}: this node's caches, each with its hits, misses, evictions, entries and estimated bytes:
 * the accelerator's item and query caches, and the memory of the main endpoint's eventually consistent reads (while
 * the node is alone in the cluster, and otherwise), and whether it is alone now.
 */
@ApplicationScoped
public class CachesPage {
    @Inject
    private Accelerator accelerator;

    @Inject
    private MemoryReads memoryReads;

    @Inject
    private ClusterView cluster;

    byte[] render() {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeBooleanField("Alone", cluster.alone());
            write(g, "AcceleratorItemCache", accelerator.items().figures());
            write(g, "AcceleratorQueryCache", accelerator.queries().figures());
            write(g, "MemoryReadsAlone", memoryReads.aloneCache().figures());
            write(g, "MemoryReadsShared", memoryReads.sharedCache().figures());
            g.writeEndObject();
        });
    }

    private static void write(JsonGenerator g, String name, CacheFigures figures) throws IOException {
        CacheStats s = figures.stats();
        g.writeObjectFieldStart(name);
        g.writeNumberField("Hits", s.hitCount());
        g.writeNumberField("Misses", s.missCount());
        g.writeNumberField("Evictions", s.evictionCount());
        g.writeNumberField("EvictedWeight", s.evictionWeight());
        g.writeNumberField("Entries", figures.entries());
        g.writeNumberField("EstimatedBytes", figures.bytes());
        g.writeEndObject();
    }
}
