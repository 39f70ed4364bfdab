package io.jynamo.ejb.cache;

import io.jynamo.core.item.PrimaryKey;
import io.jynamo.ejb.cluster.ClusterView;
import io.jynamo.ejb.config.Settings;
import io.jynamo.ejb.storage.ItemTable;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * Eventually consistent reads of the main endpoint (GetItem, BatchGetItem) served from memory, within DynamoDB's
 * eventual consistency: a write acknowledged by any node is read by every node within a second. Two caches:
 * <ul>
 *   <li>while this node is alone in the cluster ({@link ClusterView#alone()}), every write goes through it, and it
 *       drops the items its writes change as they commit: its items may stay for minutes
 *       ({@code JYNAMO_MEMORY_READS_TTL_MILLIS}, 5 minutes); the cache is emptied when another node appears;</li>
 *   <li>otherwise an item is kept {@link #SHARED_TTL} from when it was read, which bounds how long another node's
 *       write can go unseen.</li>
 * </ul>
 * {@code JYNAMO_MEMORY_READS=off} turns both off: every read goes to PostgreSQL.
 */
@ApplicationScoped
public class MemoryReads {
    /** Under a second, with room for the read that loaded the item to have taken its time. */
    public static final Duration SHARED_TTL = Duration.ofMillis(500);

    @Inject
    private ClusterView cluster;

    private boolean enabled;
    private ItemCache alone;
    private ItemCache shared;

    @PostConstruct
    void init() {
        enabled = !"off".equalsIgnoreCase(Settings.get("jynamo.memory-reads", "JYNAMO_MEMORY_READS", "on"));
        long heap = Runtime.getRuntime().maxMemory();
        alone = new ItemCache(Settings.millis("jynamo.memory-reads.ttl-millis", "JYNAMO_MEMORY_READS_TTL_MILLIS",
                Duration.ofMinutes(5)), heap / 8);
        shared = new ItemCache(SHARED_TTL, heap / 32);
    }

    /** The cache an eventually consistent read may go through now; null when reads must go to the table. */
    public ItemCache now() {
        if (!enabled) {
            return null;
        }
        return cluster.alone() ? alone : shared;
    }

    /** After a write committed on this node: its item is read again when next asked for. */
    public void committed(ItemTable table, PrimaryKey key) {
        alone.invalidate(table, key);
        shared.invalidate(table, key);
    }

    /** Another node appeared: what was kept on the belief that every write goes through this one must go. */
    public void noLongerAlone() {
        alone.clear();
    }

    public ItemCache aloneCache() {
        return alone;
    }

    public ItemCache sharedCache() {
        return shared;
    }
}
