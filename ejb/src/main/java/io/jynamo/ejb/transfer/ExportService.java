package io.jynamo.ejb.transfer;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import io.jynamo.core.operation.Backups;
import io.jynamo.core.operation.ContinuousBackups;
import io.jynamo.core.operation.Exports;
import io.jynamo.core.table.TableDescription;
import io.jynamo.core.table.TableStatus;
import io.jynamo.ejb.backup.BackupWork;
import io.jynamo.ejb.backup.PointInTimeService;
import io.jynamo.ejb.jobs.Steps;
import io.jynamo.ejb.storage.BackupCatalog;
import io.jynamo.ejb.storage.Catalog;
import io.jynamo.ejb.storage.ExportCatalog;
import io.jynamo.ejb.storage.ItemHistory;
import io.jynamo.ejb.storage.TableEntity;
import io.jynamo.ejb.storage.TransferFailures;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * ExportTableToPointInTime, DescribeExport and ListExports, and the steps of the table-export job.
 *
 * <p>An export never reads the live table: the call registers the table's state at the export's instant (and, for an
 * incremental export, at its start) as internal backups, which the backup-create job makes from the point-in-time
 * history as it makes a point-in-time restore's; the table-export job then writes them out ({@link ExportFiles}).
 */
@Stateless
@LocalBean
public class ExportService implements TransferWork {
    private static final Logger LOG = Logger.getLogger(ExportService.class.getName());

    /** "Up to 300 export tasks ... can be exported concurrently." */
    static final int MAX_EXPORTS_IN_PROGRESS = 300;

    /**
     * An incremental export's window: 15 minutes to 24 hours, of days as long as point-in-time recovery's (see
     * {@link ItemHistory#DAY}: shortened in tests, which cannot wait 15 minutes).
     */
    static final Duration MIN_INCREMENTAL = ItemHistory.DAY.multipliedBy(15).dividedBy(24 * 60);
    static final Duration MAX_INCREMENTAL = ItemHistory.DAY;

    /** How long an export's (or import's) steps may go on failing before it ends FAILED. */
    static final Duration GIVE_UP = Duration.ofHours(1);

    @Inject
    private Catalog catalog;

    @Inject
    private ExportCatalog exports;

    @Inject
    private BackupCatalog backups;

    @Inject
    private ItemHistory history;

    @Inject
    private ExportFiles files;

    @Inject
    private TransferFailures failures;

    @EJB
    private PointInTimeService pointInTime;

    @Inject
    private Event<BackupWork> work;

    public Exports.Export start(Exports.Request r) {
        if (r.clientToken() != null) {
            ExportCatalog.Stored prior = exports.byClientToken(r.clientToken());
            if (prior != null) {
                Exports.Request before = prior.export().request();
                if (!r.resolved(r.clientToken(), r.toTime() == null ? before.toTime() : r.toTime()).sameAs(before)) {
                    throw Exports.conflict();
                }
                return prior.export();
            }
        }
        TableEntity t = catalog.findForUpdate(r.tableName()).filter(e -> catalog.status(e) != TableStatus.DELETING)
                .orElseThrow(() -> new DynamoException(ErrorType.TABLE_NOT_FOUND, "Table not found: " + r.tableArn()));
        TableDescription d = catalog.describe(t);
        if (!t.isPitrEnabled()) {
            throw new DynamoException(ErrorType.POINT_IN_TIME_RECOVERY_UNAVAILABLE,
                    "Point in time recovery is not enabled for table '" + t.getName() + "'");
        }
        if (exports.countInProgress() >= MAX_EXPORTS_IN_PROGRESS) {
            throw new DynamoException(ErrorType.LIMIT_EXCEEDED, "There are already " + MAX_EXPORTS_IN_PROGRESS
                    + " exports in progress. Try again after some of them are done.");
        }
        Instant now = Instant.now();
        ContinuousBackups.Description window = pointInTime.description(t);
        Instant exportTime = null;
        Instant newState;
        Instant oldState = null;
        Exports.Request stored;
        if (r.incremental()) {
            Instant to = r.toTime() != null ? r.toTime() : window.latestRestorable();
            checkIncremental(r.fromTime(), to, now, t.getCreatedAt(), window);
            oldState = history.snapshotAtOrBefore(r.fromTime());
            newState = history.snapshotAtOrBefore(to);
            stored = r.resolved(token(r), to);
        } else {
            exportTime = r.exportTime() != null ? r.exportTime() : now;
            if (r.exportTime() != null && (exportTime.isAfter(now) || exportTime.isBefore(window.earliestRestorable())
                    || t.getPitrBaseAt() == null)) {
                throw new DynamoException(ErrorType.INVALID_EXPORT_TIME, "Export Time is invalid");
            }
            if (t.getPitrBaseAt() == null) {
                // PITR was enabled a moment ago: its base is not copied yet
                throw new DynamoException(ErrorType.INVALID_EXPORT_TIME,
                        "Point in Time Recovery is not available for specified export time");
            }
            // asked for now: the state of now, not of the last snapshot recorded (up to a second ago)
            newState = r.exportTime() == null ? history.recordSnapshotNow() : history.snapshotAtOrBefore(exportTime);
            stored = r.resolved(token(r), null);
        }
        if (newState == null || oldState == null && r.incremental()) {
            throw new DynamoException(ErrorType.INVALID_EXPORT_TIME,
                    "Point in Time Recovery is not available for specified export time");
        }
        long newId = backups.register(t, d, "export", BackupCatalog.POINT_IN_TIME, null, newState).id();
        Long oldId = oldState == null ? null
                : backups.register(t, d, "export-start", BackupCatalog.POINT_IN_TIME, null, oldState).id();
        // incremental exports' ids are whole seconds, as DynamoDB's are
        Instant start = r.incremental() ? now.truncatedTo(ChronoUnit.SECONDS) : now;
        String exportId = Backups.newId(start);
        Exports.Export e = new Exports.Export(d.tableArn() + "/export/" + exportId, "IN_PROGRESS", start, null, null,
                t.getTableUuid().toString(), stored, exportTime, 0, 0, null, null);
        exports.insert(exports.nextId(), t.getId(), d.tableArn(), exportId, e, newId, oldId);
        // the states are made first (backup-create), then written out (table-export, started when they are)
        work.fire(BackupWork.BACKUP);
        return e;
    }

    private static String token(Exports.Request r) {
        return r.clientToken() != null ? r.clientToken() : UUID.randomUUID().toString();
    }

    /** DynamoDB's rules for an incremental export's window, in its order, with its messages. */
    private static void checkIncremental(Instant from, Instant to, Instant now, Instant created,
                                         ContinuousBackups.Description window) {
        if (to.isAfter(now)) {
            throw invalidTime("Incremental export period to time cannot be greater than the current time : "
                    + now.truncatedTo(ChronoUnit.SECONDS));
        }
        if (from.isBefore(created.truncatedTo(ChronoUnit.SECONDS))) {
            throw invalidTime("Incremental export period from time cannot be less than the table creation time : "
                    + created.truncatedTo(ChronoUnit.SECONDS));
        }
        if (Duration.between(from, to).compareTo(MIN_INCREMENTAL) < 0) {
            throw invalidTime("Difference between export period from time and export period to time is less than "
                    + "15 minutes");
        }
        if (Duration.between(from, to).compareTo(MAX_INCREMENTAL) > 0) {
            // not recorded of DynamoDB: worded as its other window rules
            throw invalidTime("Difference between export period from time and export period to time is greater "
                    + "than 24 hours");
        }
        if (from.isBefore(window.earliestRestorable()) || to.isAfter(window.latestRestorable())) {
            throw invalidTime("Point in Time Recovery is not available for specified export time");
        }
    }

    private static DynamoException invalidTime(String message) {
        return new DynamoException(ErrorType.INVALID_EXPORT_TIME, message);
    }

    public Exports.Export describe(String arn) {
        ExportCatalog.Stored e = exports.find(arn);
        if (e == null) {
            throw Exports.notFound(arn);
        }
        return e.export();
    }

    public Exports.ListResponse list(Exports.ListRequest r) {
        Long before = r.nextToken() == null ? null : ListTokens.read(r.nextToken(), "export");
        Long tableId = null;
        if (r.tableArn() != null) {
            // the table now of that name: none (or one made again since) has none of the exports of the one deleted
            tableId = catalog.find(Backups.tableName(r.tableArn()))
                    .filter(t -> catalog.status(t) != TableStatus.DELETING).map(TableEntity::getId).orElse(-1L);
        }
        ListTokens.Page<Exports.Export> page = ListTokens.page(exports.list(tableId, before, r.maxResults()),
                r.maxResults(), ExportCatalog.Stored::id, ExportCatalog.Stored::export, "export");
        return new Exports.ListResponse(page.entries(), page.nextToken());
    }

    /** The exports the table-export job has to write. */
    @Override
    public List<Long> pending() {
        return exports.inProgress();
    }

    /**
     * Writes the export's next data file (or its first, {@code _started}); DONE once all are written. In a
     * {@link io.jynamo.ejb.backup.LongTransactions} one: a step takes as long as its file's upload.
     */
    @Override
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Steps.Outcome step(long id) {
        ExportCatalog.Stored e = exports.lock(id);
        if (e == null || !e.export().status().equals("IN_PROGRESS")) {
            return Steps.Outcome.DONE;
        }
        BackupCatalog.Stored newState = backups.find(e.newState());
        BackupCatalog.Stored oldState = e.oldState() == null ? null : backups.find(e.oldState());
        if (newState == null || e.oldState() != null && oldState == null) {
            // its history was gone when backup-create came to make the state
            fail(e, "UNKNOWN", "The table's point-in-time history for the export time is no longer kept");
            return Steps.Outcome.DONE;
        }
        if (!newState.backup().status().equals("AVAILABLE")
                || oldState != null && !oldState.backup().status().equals("AVAILABLE")) {
            return Steps.Outcome.WAITING;
        }
        try {
            boolean last = files.writeNext(e, newState, oldState);
            failures.succeeded(TransferFailures.Kind.EXPORT, id);
            return last ? Steps.Outcome.DONE : Steps.Outcome.MORE;
        } catch (ObjectStore.StoreException x) {
            fail(e, "S3" + x.code(), x.getMessage());
            return Steps.Outcome.DONE;
        } catch (java.io.IOException x) {
            // the store could not be reached: the next run tries again (see failed)
            throw new java.io.UncheckedIOException(x);
        }
    }

    /**
     * Records that a step of the export failed; an export whose steps have been failing for {@link #GIVE_UP} ends
     * FAILED.
     */
    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failed(long id, String message) {
        Instant since = failures.failed(TransferFailures.Kind.EXPORT, id, message);
        if (since.plus(GIVE_UP).isBefore(Instant.now())) {
            ExportCatalog.Stored e = exports.lock(id);
            if (e != null && e.export().status().equals("IN_PROGRESS")) {
                fail(e, "UNKNOWN", "The export failed for an hour: " + message);
            }
        }
    }

    /** Writes the manifests of an export whose data files are written, and completes it (as {@link #step}). */
    @Override
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void finish(long id) {
        ExportCatalog.Stored e = exports.lock(id);
        if (e == null || !e.export().status().equals("IN_PROGRESS")) {
            return;
        }
        BackupCatalog.Stored newState = backups.find(e.newState());
        BackupCatalog.Stored oldState = e.oldState() == null ? null : backups.find(e.oldState());
        Instant end = Instant.now();
        try {
            long billed = files.writeManifests(e, newState, end);
            exports.end(id, "COMPLETED", end, billed, null, null);
        } catch (ObjectStore.StoreException x) {
            fail(e, "S3" + x.code(), x.getMessage());
            return;
        } catch (java.io.IOException x) {
            throw new java.io.UncheckedIOException(x);
        }
        forget(newState);
        forget(oldState);
    }

    private void fail(ExportCatalog.Stored e, String code, String message) {
        LOG.warning(() -> "export " + e.export().arn() + " failed: " + code + " " + message);
        exports.end(e.id(), "FAILED", Instant.now(), 0, code, message);
        forget(e.newState() == null ? null : backups.find(e.newState()));
        forget(e.oldState() == null ? null : backups.find(e.oldState()));
    }

    private void forget(BackupCatalog.Stored state) {
        if (state != null) {
            backups.delete(state.id());
        }
    }
}
