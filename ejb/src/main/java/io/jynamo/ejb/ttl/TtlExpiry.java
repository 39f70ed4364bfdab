package io.jynamo.ejb.ttl;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.item.PrimaryKey;
import io.jynamo.ejb.jobs.MaintenanceTask;
import io.jynamo.ejb.storage.Catalog;
import io.jynamo.ejb.storage.ItemTable;
import io.jynamo.ejb.storage.ItemTables;
import io.jynamo.ejb.storage.StaleTableException;
import jakarta.ejb.EJB;
import io.jynamo.ejb.metrics.ServiceMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ttl-expiry job: deletes the items of every TTL-enabled table whose TTL attribute is a Number of epoch seconds
 * in the past, but not five years or more in the past. As in DynamoDB, an item whose attribute is missing or not a
 * Number is left alone, and "the timestamp value is older than the current time but not five years older or more (in
 * order to avoid a possible accidental deletion due to a malformed TTL value)". Expired items stay readable until the
 * job deletes them.
 *
 * <p>Items are found through the TTL index ({@link ExpiredItems}) and deleted in batches of {@link #BATCH}, each its
 * own transaction; a run stops after {@link #MAX_PER_TABLE} deletions per table and leaves the rest to the next.
 */
@ApplicationScoped
public class TtlExpiry implements MaintenanceTask {
    private static final Logger LOG = Logger.getLogger(TtlExpiry.class.getName());
    static final int BATCH = 25;
    static final int MAX_PER_TABLE = 10_000;

    @Inject
    private Catalog catalog;

    @Inject
    private ItemTables definitions;

    @Inject
    private ExpiredItems expired;

    @EJB
    private ExpiryService expiry;

    @Inject
    private ServiceMetrics metrics;

    @Override
    public String name() {
        return "ttl-expiry";
    }

    @Override
    public String description() {
        return "Deletes items whose Time to Live attribute is a past epoch second (less than five years past)";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofMinutes(1);
    }

    @Override
    public String run(BooleanSupplier stopping) {
        Instant now = Instant.now();
        BigDecimal notAfter = BigDecimal.valueOf(now.getEpochSecond());
        BigDecimal notBefore = BigDecimal.valueOf(now.atOffset(ZoneOffset.UTC).minusYears(5).toEpochSecond());
        int deleted = 0;
        int tables = 0;
        for (Catalog.TtlTable t : catalog.tablesWithTtl()) {
            if (stopping.getAsBoolean()) {
                break;
            }
            tables++;
            try {
                int expired = expireTable(definitions.get(t.name()), t.attribute(), notBefore, notAfter, stopping);
                metrics.timeToLiveDeleted(t.name(), expired);
                deleted += expired;
            } catch (StaleTableException | DynamoException changedMeanwhile) {
                // deleted or changed since the catalog was read: the next run sees it as it is
                definitions.forget(t.name());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "TTL expiry of table " + t.name() + " failed; the next run tries again", e);
            }
        }
        return "deleted " + deleted + " expired items from " + tables + " tables";
    }

    private int expireTable(ItemTable table, String attribute, BigDecimal notBefore, BigDecimal notAfter,
                            BooleanSupplier stopping) {
        int deleted = 0;
        while (deleted < MAX_PER_TABLE && !stopping.getAsBoolean()) {
            List<PrimaryKey> due = expired.find(table, attribute, notBefore, notAfter, BATCH);
            if (due.isEmpty()) {
                break;
            }
            int batch = expiry.expire(table, attribute, due, notBefore, notAfter);
            deleted += batch;
            if (batch == 0) {
                // all of them busy in transactions (or no longer due): try again next run
                break;
            }
        }
        return deleted;
    }
}
