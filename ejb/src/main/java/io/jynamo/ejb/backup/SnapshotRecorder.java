package io.jynamo.ejb.backup;

import io.jynamo.ejb.storage.ItemHistory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records the database's snapshot every second while any table has point-in-time recovery on: the instants a restore
 * can return a table to (see {@link ItemHistory}). Every node records its own, so the instants stay a second apart
 * or less while any node runs; a node's missing a beat only makes the nearest instant before a restore time older.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SnapshotRecorder {
    private static final Logger LOG = Logger.getLogger(SnapshotRecorder.class.getName());
    static final long INTERVAL_MILLIS = 1000;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @Inject
    private ItemHistory history;

    private ScheduledFuture<?> task;

    @PostConstruct
    void start() {
        task = scheduler.scheduleWithFixedDelay(this::record, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        task.cancel(false);
    }

    private void record() {
        try {
            history.recordSnapshot();
        } catch (RuntimeException e) {
            // the next beat records one; restores meanwhile pick the last recorded
            LOG.log(Level.FINE, "could not record a snapshot for point-in-time recovery", e);
        }
    }
}
