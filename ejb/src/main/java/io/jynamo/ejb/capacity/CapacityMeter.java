package io.jynamo.ejb.capacity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ThroughputExceededException;
import io.jynamo.core.operation.Consumption;
import io.jynamo.core.table.OnDemandThroughput;
import io.jynamo.core.table.ProvisionedThroughput;
import io.jynamo.core.table.SecondaryIndex;
import io.jynamo.ejb.cluster.ClusterView;
import io.jynamo.ejb.config.ServiceIdentity;
import io.jynamo.ejb.config.Settings;
import io.jynamo.ejb.storage.ItemTable;
import io.jynamo.ejb.storage.ItemTables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;

/**
 * Provisioned capacity and on-demand maxima enforced: a token bucket per table and per global index, reads and writes
 * apart, that accrues the provisioned units (or the maximum request units) per second and keeps up to
 * {@link #burstSeconds} of provisioned units unused (DynamoDB "retains up to 5 minutes (300 seconds) of unused read and
 * write capacity"), one second's worth of a maximum (DynamoDB calls its maxima targets that bursts may exceed briefly). A request is let in while the buckets it draws on hold
 * units, and spends what it consumed once it is done ({@link #charge}); a table's local indexes draw on the
 * table's buckets, a global index on its own, and a write on the table's and on those of every global index of the
 * table (a global index short of write capacity holds back its table's writes, as in DynamoDB).
 *
 * <p>The buckets are the node's, not shared through PostgreSQL: a row per bucket updated by every request would add a
 * round trip to each and make the bucket's row lock a point every writer of the table waits on. Each node accrues its
 * share instead, the table's rate divided by the number of nodes serving ({@link ClusterView#nodes}), so the nodes
 * together admit the table's rate. A client whose requests all reach one node of several is throttled at that node's
 * share, much as DynamoDB throttles a hot partition at the partition's share of the table.
 */
@ApplicationScoped
public class CapacityMeter {
    private final double burstSeconds = Double.parseDouble(
            Settings.get("jynamo.capacity.burst-seconds", "JYNAMO_CAPACITY_BURST_SECONDS", "300"));

    /**
     * A bucket's identity: a table (as created: a table made again under its name starts afresh), an index, a kind of
     * units, and whether it holds provisioned capacity or an on-demand maximum (a switch of billing mode starts afresh).
     */
    private record Key(long tableId, String index, boolean write, boolean provisioned) { }

    /** Units per second a bucket accrues (before the node's share is taken), and of which kind of limit. */
    private record Limit(boolean provisioned, long unitsPerSecond) { }

    private final Cache<Key, TokenBucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(1)).build();

    @Inject
    private ItemTables tables;

    @Inject
    private ClusterView cluster;

    @Inject
    private CapacityUsage usage;

    @Inject
    private ServiceIdentity identity;

    /** Refuses a read of the table, or of its index {@code indexName} (null: none), whose read capacity is spent. */
    public void admitRead(String tableName, String indexName) {
        ItemTable table = find(tableName);
        if (table == null) {
            return;
        }
        SecondaryIndex index = indexName == null ? null : table.index(indexName);
        admit(table, index != null && index.global() ? index : null, false);
    }

    /**
     * Refuses a write to the table when its write capacity is spent, or that of one of its global indexes (which the
     * write may have to update).
     */
    public void admitWrite(String tableName) {
        ItemTable table = find(tableName);
        if (table == null) {
            return;
        }
        admit(table, null, true);
        for (SecondaryIndex index : table.indexes()) {
            if (index.global()) {
                admit(table, index, true);
            }
        }
    }

    /**
     * Spends what a request consumed from the buckets of the tables and indexes it touched, and adds it to their
     * usage (the one place every consumed unit passes).
     */
    public void charge(Consumption consumed) {
        long now = System.nanoTime();
        for (Map.Entry<String, Consumption.OnTable> e : consumed.tables().entrySet()) {
            ItemTable table = find(e.getKey());
            if (table == null) {
                continue;
            }
            Consumption.OnTable on = e.getValue();
            spend(table, null, false, on.tableCapacityRead(), now);
            spend(table, null, true, on.tableCapacityWrite(), now);
            usage.consumed(table.id(), table.name(), "", on.tableCapacityRead(), on.tableCapacityWrite());
            for (Map.Entry<String, Consumption.Units> i : on.globalIndexes().entrySet()) {
                SecondaryIndex index = table.index(i.getKey());
                if (index != null) {
                    spend(table, index, false, i.getValue().read(), now);
                    spend(table, index, true, i.getValue().write(), now);
                    usage.consumed(table.id(), table.name(), index.name(), i.getValue().read(),
                            i.getValue().write());
                }
            }
        }
    }

    /** The table of that name; null when there is none (the operation answers that, in its order of checks). */
    private ItemTable find(String tableName) {
        try {
            return tables.get(tableName);
        } catch (DynamoException none) {
            return null;
        }
    }

    private void admit(ItemTable table, SecondaryIndex index, boolean write) {
        Limit limit = limit(table, index, write);
        if (limit == null) {
            return;
        }
        long now = System.nanoTime();
        if (!bucket(table, index, write, limit, now).hasUnits(now)) {
            usage.throttled(table.id(), table.name(), index == null ? "" : index.name(), write);
            String arn = identity.tableArn(table.name());
            String resource = index == null ? arn : arn + "/index/" + index.name();
            throw limit.provisioned() ? ThroughputExceededException.provisioned(index != null, write, resource)
                    : ThroughputExceededException.onDemandMaximum(index != null, write, resource);
        }
    }

    private void spend(ItemTable table, SecondaryIndex index, boolean write, double units, long now) {
        if (units > 0) {
            Limit limit = limit(table, index, write);
            if (limit != null) {
                bucket(table, index, write, limit, now).spend(units, now);
            }
        }
    }

    /**
     * What the table's (or index's) units of that kind are held to: its provisioned capacity while the table is
     * provisioned, its on-demand maximum while it is on demand; null when neither is set.
     */
    private static Limit limit(ItemTable table, SecondaryIndex index, boolean write) {
        if (table.throughput() != null) {
            ProvisionedThroughput provisioned = index == null ? table.throughput() : index.throughput();
            return provisioned == null ? null : new Limit(true,
                    write ? provisioned.writeCapacityUnits() : provisioned.readCapacityUnits());
        }
        OnDemandThroughput maxima = index == null ? table.onDemandThroughput() : index.onDemandThroughput();
        Long max = maxima == null ? null : maxima.max(write);
        return max == null ? null : new Limit(false, max);
    }

    /** The bucket of the node's share of that limit; provisioned capacity keeps its burst, a maximum one second's. */
    private TokenBucket bucket(ItemTable table, SecondaryIndex index, boolean write, Limit limit, long now) {
        double rate = limit.unitsPerSecond() / (double) cluster.nodes();
        double ceiling = rate * (limit.provisioned() ? Math.max(1, burstSeconds) : 1);
        TokenBucket bucket = buckets.get(new Key(table.id(), index == null ? "" : index.name(), write,
                limit.provisioned()), k -> new TokenBucket(rate, ceiling, now));
        bucket.resize(rate, ceiling, now);
        return bucket;
    }
}
