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
 *   <li>while this node is alone in the cluster ({@link ClusterView#alonePeriod()}), every write goes through it, and
 *       it drops the items its writes change as they commit: its items may stay for minutes
 *       ({@code JYNAMO_MEMORY_READS_TTL_MILLIS}, 5 minutes). Each unbroken period of being alone has a cache of its
 *       own: when another node appears (or a look at the others comes too late), the next period starts empty, and a
 *       read still loading into the old one puts its item where no read looks;</li>
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

    /** The cache of one unbroken period of being alone. */
    private record AloneCache(long period, ItemCache cache) { }

    private boolean enabled;
    private Duration aloneTtl;
    private long aloneBytes;
    private volatile AloneCache alone;
    private ItemCache shared;

    @PostConstruct
    void init() {
        enabled = !"off".equalsIgnoreCase(Settings.get("jynamo.memory-reads", "JYNAMO_MEMORY_READS", "on"));
        long heap = Runtime.getRuntime().maxMemory();
        aloneTtl = Settings.millis("jynamo.memory-reads.ttl-millis", "JYNAMO_MEMORY_READS_TTL_MILLIS",
                Duration.ofMinutes(5));
        aloneBytes = heap / 8;
        alone = new AloneCache(-1, new ItemCache(aloneTtl, aloneBytes));
        shared = new ItemCache(SHARED_TTL, heap / 32);
    }

    /** The cache an eventually consistent read may go through now; null when reads must go to the table. */
    public ItemCache now() {
        if (!enabled) {
            return null;
        }
        long period = cluster.alonePeriod();
        return period < 0 ? shared : aloneCache(period);
    }

    private ItemCache aloneCache(long period) {
        AloneCache current = alone;
        if (current.period() == period) {
            return current.cache();
        }
        synchronized (this) {
            if (alone.period() != period) {
                alone = new AloneCache(period, new ItemCache(aloneTtl, aloneBytes));
            }
            return alone.cache();
        }
    }

    /**
     * After a write committed on this node (or may have: an unknown outcome counts too): its item is read again when
     * next asked for.
     */
    public void committed(ItemTable table, PrimaryKey key) {
        alone.cache().invalidate(table, key);
        shared.invalidate(table, key);
    }

    public ItemCache aloneCache() {
        return alone.cache();
    }

    public ItemCache sharedCache() {
        return shared;
    }
}
