package io.jynamo.ejb.backup;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import io.jynamo.core.operation.Backups;
import io.jynamo.core.operation.ContinuousBackups;
import io.jynamo.core.operation.Restores;
import io.jynamo.core.table.RestoreSummary;
import io.jynamo.core.table.TableDescription;
import io.jynamo.core.table.TableStatus;
import io.jynamo.ejb.storage.BackupCatalog;
import io.jynamo.ejb.storage.Catalog;
import io.jynamo.ejb.storage.ItemHistory;
import io.jynamo.ejb.storage.TableEntity;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.time.Instant;

/**
 * Point-in-time recovery: UpdateContinuousBackups, DescribeContinuousBackups, RestoreTableToPointInTime, and the steps
 * of the pitr-prune job. How the history is kept, and why restores hold whole transactions, is told in
 * {@link ItemHistory}.
 *
 * <p>The window: from the base (taken as PITR is enabled, moved forward by pitr-prune) or the start of the recovery
 * period, whichever is later, to the last recorded snapshot (about a second ago; DynamoDB's is about five minutes
 * ago).
 */
@Stateless
public class PointInTimeService {
    @Inject
    private Catalog catalog;

    @Inject
    private ItemHistory history;

    @Inject
    private BackupCatalog backups;

    @EJB
    private BackupService restorer;

    @Inject
    private Event<BackupWork> work;

    /** Turns PITR on or off, or changes its recovery period. The base is copied after the commit: {@link #copyBase}. */
    public ContinuousBackups.Description update(ContinuousBackups.Update r) {
        TableEntity t = BackupService.lockedForBackups(catalog, r.tableName());
        int days = r.recoveryPeriodInDays() == null ? ContinuousBackups.DEFAULT_RECOVERY_DAYS
                : r.recoveryPeriodInDays();
        if (r.enabled() && !t.isPitrEnabled()) {
            catalog.enablePointInTimeRecovery(t, days, Instant.now());
        } else if (r.enabled()) {
            t.setPitrRecoveryDays(days);
        } else if (t.isPitrEnabled()) {
            // "you can't ... disable backups on a table if a backup for that table is in progress"
            if (backups.anyCreating(t.getId())) {
                throw new DynamoException(ErrorType.CONTINUOUS_BACKUPS_UNAVAILABLE, "A backup of the table is in "
                        + "progress: " + r.tableName() + ". Please retry later");
            }
            catalog.disablePointInTimeRecovery(t);
        }
        return description(t);
    }

    public ContinuousBackups.Description describe(String name) {
        TableEntity t = catalog.find(name).filter(e -> catalog.status(e) != TableStatus.DELETING)
                .orElseThrow(() -> Backups.tableNotFound(name));
        return description(t);
    }

    /** The table's continuous backups as DescribeContinuousBackups shows them: its window, when PITR is on. */
    public ContinuousBackups.Description description(TableEntity t) {
        if (!t.isPitrEnabled()) {
            return ContinuousBackups.Description.DISABLED;
        }
        int days = t.getPitrRecoveryDays();
        Instant base = t.getPitrBaseAt() != null ? t.getPitrBaseAt() : t.getPitrEnabledAt();
        Instant periodStart = Instant.now().minus(ItemHistory.DAY.multipliedBy(days));
        Instant earliest = base.isAfter(periodStart) ? base : periodStart;
        Instant latest = t.getPitrBaseAt() == null ? null : history.latestSnapshot();
        if (latest == null || latest.isBefore(earliest)) {
            latest = earliest;
        }
        return new ContinuousBackups.Description(true, days, earliest, latest);
    }

    /**
     * Copies the base of a table whose PITR was enabled by a committed transaction, if it has none yet (each node's
     * request, and the pitr-prune job after a crash, may try: the first does it); in a {@link LongTransactions} one.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void copyBase(long tableId) {
        catalog.byId(tableId).filter(TableEntity::isPitrEnabled)
                .ifPresent(t -> history.copyBase(tableId, t.itemPartition()));
    }

    /** The id of the table of this name, for {@link #copyBase} after UpdateContinuousBackups. */
    public long tableId(String name) {
        return catalog.find(name).map(TableEntity::getId).orElse(-1L);
    }

    /**
     * Restores the source table as it was at the instant asked for into a new table: the table is created (CREATING,
     * with RestoreSummary) at once; the backup-create job makes the source's state at that instant into a backup of
     * its own, and the table-restore job fills the table from it.
     */
    public TableDescription restore(Restores.ToPointInTime r) {
        // locked: pitr-prune does not move the base past the instant before the restore's backup is made
        TableEntity source = catalog.findForUpdate(r.sourceTableName())
                .filter(e -> catalog.status(e) != TableStatus.DELETING)
                .orElseThrow(() -> Backups.tableNotFound(r.sourceTableName()));
        if (!source.isPitrEnabled()) {
            throw new DynamoException(ErrorType.POINT_IN_TIME_RECOVERY_UNAVAILABLE,
                    "Point in time recovery is not enabled for table '" + source.getName() + "'");
        }
        ContinuousBackups.Description window = description(source);
        Instant at = r.useLatestRestorableTime() ? window.latestRestorable() : r.restoreDateTime();
        if (source.getPitrBaseAt() == null || at.isBefore(window.earliestRestorable())
                || at.isAfter(window.latestRestorable())) {
            throw new DynamoException(ErrorType.INVALID_RESTORE_TIME, "Invalid restore time: RestoreDateTime must be "
                    + "between EarliestRestorableDateTime and LatestRestorableDateTime");
        }
        // the state at the last snapshot recorded by then (the base's is one, so there is always one)
        Instant snapshot = history.snapshotAtOrBefore(at);
        TableDescription d = catalog.describe(source);
        // "All these settings come from the current settings of the source table at the time of restore"
        BackupCatalog.Stored state = backups.register(source, d, "point-in-time-restore", BackupCatalog.POINT_IN_TIME,
                null, snapshot);
        TableDescription restoring = restorer.startRestore(Restores.table(r.targetTableName(), state.definition(),
                r.overrides()), new RestoreSummary(null, d.tableArn(), at, true), state.id());
        // the restore waits for its state to be made
        work.fire(BackupWork.BACKUP);
        return restoring;
    }

    /**
     * Moves the table's base forward to the last snapshot recorded by {@code to} (the start of its window); not while
     * a point-in-time restore of it still has to read the history from the base on. Returns whether it moved. In a
     * {@link LongTransactions} one.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public boolean rollBase(long tableId, Instant to) {
        TableEntity t = catalog.byIdForUpdate(tableId).orElse(null);
        if (t == null || !t.isPitrEnabled() || t.getPitrBaseAt() == null || backups.anyCreating(tableId)) {
            return false;
        }
        Instant snapshot = history.snapshotAtOrBefore(to);
        if (snapshot == null || !snapshot.isAfter(t.getPitrBaseAt())) {
            return false;
        }
        history.rollBase(tableId, snapshot);
        return true;
    }
}
