package io.jynamo.ejb.backup;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import io.jynamo.core.operation.Backups;
import io.jynamo.core.operation.CreateTable;
import io.jynamo.core.operation.Restores;
import io.jynamo.core.table.RestoreSummary;
import io.jynamo.core.table.TableDescription;
import io.jynamo.core.table.TableStatus;
import io.jynamo.ejb.jobs.Steps;
import io.jynamo.ejb.service.TableService;
import io.jynamo.ejb.storage.BackupCatalog;
import io.jynamo.ejb.storage.Catalog;
import io.jynamo.ejb.storage.ItemHistory;
import io.jynamo.ejb.storage.TableEntity;
import io.jynamo.ejb.storage.TableRestores;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;

/**
 * On-demand backups: CreateBackup, DescribeBackup, ListBackups, DeleteBackup, RestoreTableFromBackup. Each call is one
 * transaction; copying items is left to the jobs ({@link BackupCreation}, {@link TableRestore}), which the calls
 * start as they commit.
 *
 * <p>A backup is CREATING from its request until its copy has committed, then AVAILABLE until DeleteBackup. Its table
 * cannot be deleted while it is CREATING (DynamoDB's rule too), so the copy always finds the table.
 */
@Stateless
public class BackupService {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(
            BackupService.class.getName());

    /** DynamoDB allows an account up to 50 restores at a time ("any type of restore"). */
    static final int MAX_RESTORES_IN_PROGRESS = 50;

    @Inject
    private Catalog catalog;

    @Inject
    private BackupCatalog backups;

    @Inject
    private TableRestores restores;

    @EJB
    private TableService tables;

    @Inject
    private Event<BackupWork> work;

    @Inject
    private ItemHistory history;

    @Inject
    private Event<TableFilled> filled;

    public Backups.Backup createBackup(Backups.Create r) {
        return create(r.tableName(), r.backupName(), "USER", null);
    }

    /**
     * Registers a backup of the table as it is now (CREATING; the backup-create job copies its items).
     *
     * @param lifetime how long after its creation a SYSTEM backup expires; null for USER backups
     */
    private Backups.Backup create(String tableName, String backupName, String type, java.time.Duration lifetime) {
        TableEntity t = lockedForBackups(catalog, tableName);
        Backups.Backup b = backups.register(t, catalog.describe(t), backupName, type, lifetime, null).backup();
        work.fire(BackupWork.BACKUP);
        return b;
    }

    /**
     * The table a backup operation changes, its catalog row locked (which orders the operation with DeleteTable, and
     * with the jobs); DynamoDB's errors for one that does not exist or is being created.
     */
    static TableEntity lockedForBackups(Catalog catalog, String tableName) {
        TableEntity t = catalog.findForUpdate(tableName).orElseThrow(() -> Backups.tableNotFound(tableName));
        TableStatus status = catalog.status(t);
        if (status == TableStatus.DELETING) {
            throw Backups.tableNotFound(tableName);
        }
        if (status == TableStatus.CREATING) {
            // the message DynamoDB gives for a table whose continuous backups are not set up yet
            throw new DynamoException(ErrorType.CONTINUOUS_BACKUPS_UNAVAILABLE,
                    "Backups are being enabled for the table: " + tableName + ". Please retry later");
        }
        return t;
    }

    /**
     * Makes a SYSTEM backup of the table if its plan is due: its last SYSTEM backup was made {@code plan.every()} ago
     * or more (or it has none). Returns whether it made one.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean backUpIfDue(String tableName, BackupPlan plan, Instant now) {
        Instant last = backups.lastCreated(tableName, "SYSTEM");
        if (last != null && last.plus(plan.every()).isAfter(now)) {
            return false;
        }
        TableEntity t = catalog.find(tableName).orElse(null);
        if (t == null || catalog.status(t) != TableStatus.ACTIVE) {
            return false;
        }
        String name = "plan." + PLANNED_NAME.format(now);
        create(tableName, name, "SYSTEM", plan.keep());
        return true;
    }

    /** The name of a planned backup: "plan." and the time it was made. */
    private static final java.time.format.DateTimeFormatter PLANNED_NAME = java.time.format.DateTimeFormatter
            .ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC);

    /** Deletes the backups past their expiry (not those a restore is reading); returns how many. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int deleteExpired(Instant now) {
        int deleted = 0;
        for (long id : backups.expired(now)) {
            BackupCatalog.Stored b = backups.lock(id);
            if (b != null && !restores.restoring(id)) {
                backups.delete(id);
                deleted++;
            }
        }
        return deleted;
    }

    public Backups.Backup describeBackup(String arn) {
        BackupCatalog.Stored b = backups.find(arn);
        if (b == null) {
            throw Backups.backupNotFound(arn);
        }
        return b.backup();
    }

    public Backups.ListResponse listBackups(Backups.ListRequest r) {
        BackupCatalog.Stored after = null;
        if (r.exclusiveStartBackupArn() != null) {
            after = backups.find(r.exclusiveStartBackupArn());
            if (after == null) {
                throw Backups.backupNotFound(r.exclusiveStartBackupArn());
            }
        }
        if (r.type() == Backups.Type.AWS_BACKUP) {
            // Jynamo makes no backups through AWS Backup
            return new Backups.ListResponse(List.of(), null);
        }
        List<BackupCatalog.Stored> found = backups.list(r, after);
        List<Backups.Backup> page = found.stream().limit(r.limit()).map(BackupCatalog.Stored::backup).toList();
        String last = found.size() > r.limit() ? page.get(page.size() - 1).arn() : null;
        return new Backups.ListResponse(page, last);
    }

    public Backups.Backup deleteBackup(String arn) {
        BackupCatalog.Stored b = backups.findForUpdate(arn);
        if (b == null) {
            throw Backups.backupNotFound(arn);
        }
        if (b.backup().status().equals("CREATING")) {
            throw new DynamoException(ErrorType.BACKUP_IN_USE, "Backup is being created: " + arn);
        }
        if (restores.restoring(b.id())) {
            throw new DynamoException(ErrorType.BACKUP_IN_USE, "Backup is being restored to a table: " + arn);
        }
        backups.delete(b.id());
        return b.backup().withStatus("DELETED");
    }

    public TableDescription restoreTableFromBackup(Restores.FromBackup r) {
        // locked: DeleteBackup waits for the restore to be registered, and then refuses
        BackupCatalog.Stored b = backups.findForUpdate(r.backupArn());
        if (b == null) {
            throw Backups.backupNotFound(r.backupArn());
        }
        if (b.backup().status().equals("CREATING")) {
            throw new DynamoException(ErrorType.BACKUP_IN_USE, "Backup is being created: " + r.backupArn());
        }
        return startRestore(Restores.table(r.targetTableName(), b.definition(), r.overrides()),
                new RestoreSummary(b.backup().arn(), b.backup().tableArn(), b.backup().createdAt(), true), b.id());
    }

    /**
     * Creates the table a restore fills from a backup (CREATING, with its RestoreSummary) and has the table-restore
     * job fill it; any restore, from a user's backup or from a point-in-time restore's own. In the caller's
     * transaction.
     */
    public TableDescription startRestore(CreateTable.Request table, RestoreSummary summary, long backupId) {
        if (restores.inProgress() >= MAX_RESTORES_IN_PROGRESS) {
            throw new DynamoException(ErrorType.LIMIT_EXCEEDED, "There are already " + MAX_RESTORES_IN_PROGRESS
                    + " restores in progress. Try again after some of them are done.");
        }
        TableEntity t = tables.create(table, summary);
        restores.start(t.getId(), backupId, Instant.now());
        work.fire(BackupWork.RESTORE);
        return catalog.describe(t);
    }

    /** Copies the items of a backup being created, and makes it AVAILABLE: in a {@link LongTransactions} one. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void copy(long backupId) {
        BackupCatalog.Stored b = backups.lock(backupId);
        if (b == null || !b.backup().status().equals("CREATING")
                || b.backup().type().equals(BackupCatalog.IMPORT)) {
            // an import's staged items are written by the import, not copied from the table
            return;
        }
        TableEntity t = catalog.byId(b.tableId()).orElse(null);
        if (t == null) {
            // cannot happen while DeleteTable refuses; a backup of nothing is no backup
            backups.delete(backupId);
            return;
        }
        if (b.pointInTimeState()) {
            if (!t.isPitrEnabled() || t.getPitrBaseAt() == null || t.getPitrBaseAt().isAfter(b.pointInTime())
                    || !history.hasSnapshot(b.pointInTime())) {
                // the history that instant needs is gone (the guards against it in PointInTimeService aside, a
                // crash can leave this): the restore fails, and its table goes (see restoreStep)
                LOG.warning(() -> "point-in-time restore of " + t.getName() + " to " + b.pointInTime()
                        + " failed: its history is no longer kept");
                backups.delete(backupId);
                work.fire(BackupWork.STATE);
                return;
            }
            history.materialize(t.getId(), b.pointInTime(), backupId);
            // the restore or export waits for this copy
            work.fire(BackupWork.STATE);
        } else {
            backups.copy(b, t.itemPartition());
        }
        backups.available(backupId);
    }

    /** Copies the next {@code batch} items into a table being restored. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Steps.Outcome restoreStep(long tableId, int batch) {
        TableRestores.Restore restore = restores.lock(tableId);
        if (restore == null) {
            return Steps.Outcome.DONE;
        }
        BackupCatalog.Stored source = backups.find(restore.backupId());
        TableEntity t = catalog.byId(tableId).orElse(null);
        if (t == null) {
            restores.forget(tableId);
            forgetIfOwn(source);
            filled.fire(new TableFilled(tableId, false));
            return Steps.Outcome.DONE;
        }
        if (source == null) {
            // a point-in-time restore whose state could not be made: finishRestore removes the table
            return Steps.Outcome.DONE;
        }
        if (!source.backup().status().equals("AVAILABLE")) {
            // a point-in-time restore's backup is still being made
            return Steps.Outcome.WAITING;
        }
        return restores.step(restore, catalog.itemTable(t), batch) < batch ? Steps.Outcome.DONE : Steps.Outcome.MORE;
    }

    /**
     * Ends a restore whose items are all copied: the table turns ACTIVE; or, when its source is gone (a point-in-time
     * restore whose state could not be made), the restore fails cleanly and the half-filled table is deleted. Locks the
     * catalog row before the restore's, in the order DeleteTable would.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void finishRestore(long tableId) {
        TableEntity t = catalog.byIdForUpdate(tableId).orElse(null);
        TableRestores.Restore restore = t == null ? null : restores.lock(tableId);
        if (restore == null) {
            return;
        }
        BackupCatalog.Stored source = backups.find(restore.backupId());
        restores.forget(tableId);
        if (source == null) {
            LOG.warning(() -> "restore of " + t.getName() + " failed: its source is gone; the table is deleted");
            catalog.drop(t);
            filled.fire(new TableFilled(tableId, false));
            return;
        }
        t.restored(Instant.now());
        forgetIfOwn(source);
        filled.fire(new TableFilled(tableId, true));
    }

    /** Deletes the backup a point-in-time restore or an import made for itself (users' backups stay). */
    private void forgetIfOwn(BackupCatalog.Stored source) {
        if (source != null && source.internal()) {
            backups.delete(source.id());
        }
    }
}
