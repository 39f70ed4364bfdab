package io.jynamo.ejb.transfer;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import io.jynamo.core.operation.Backups;
import io.jynamo.core.operation.Imports;
import io.jynamo.core.table.TableDescription;
import io.jynamo.ejb.backup.BackupWork;
import io.jynamo.ejb.backup.TableFilled;
import io.jynamo.ejb.jobs.Steps;
import io.jynamo.ejb.service.TableService;
import io.jynamo.ejb.storage.BackupCatalog;
import io.jynamo.ejb.storage.Catalog;
import io.jynamo.ejb.storage.ImportCatalog;
import io.jynamo.ejb.storage.TableEntity;
import io.jynamo.ejb.storage.TableRestores;
import io.jynamo.ejb.storage.TransferFailures;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * ImportTable, DescribeImport and ListImports, and the steps of the table-import job.
 *
 * <p>An import creates its table at once (CREATING), stages the items of its objects in an internal backup, an
 * object per step ({@link ImportObjects}), and then has the table-restore job fill the table from that backup as it
 * restores any backup (with the index entries): no write capacity, no stream, no item locks. The import ends when the
 * table is ACTIVE: COMPLETED, or FAILED (ItemValidationError) when any record could not be imported, as in DynamoDB,
 * whose table then keeps the items that could.
 */
@Stateless
@LocalBean
public class ImportService implements TransferWork {
    private static final Logger LOG = Logger.getLogger(ImportService.class.getName());

    /** "Up to 50 concurrent import jobs." */
    static final int MAX_IMPORTS_IN_PROGRESS = 50;

    @Inject
    private Catalog catalog;

    @Inject
    private ImportCatalog imports;

    @Inject
    private BackupCatalog backups;

    @Inject
    private TableRestores restores;

    @Inject
    private ImportObjects objects;

    @Inject
    private ObjectStores stores;

    @Inject
    private TransferFailures failures;

    @EJB
    private TableService tables;

    @Inject
    private Event<BackupWork> work;

    public Imports.Import start(Imports.Request r) {
        if (r.clientToken() != null) {
            ImportCatalog.Stored prior = imports.byClientToken(r.clientToken());
            if (prior != null) {
                if (!r.sameAs(prior.description().request())) {
                    throw Imports.conflict();
                }
                if (prior.description().status().equals("IN_PROGRESS")) {
                    return prior.description();
                }
            }
        }
        if (imports.countInProgress() >= MAX_IMPORTS_IN_PROGRESS) {
            throw new DynamoException(ErrorType.LIMIT_EXCEEDED, "There are already " + MAX_IMPORTS_IN_PROGRESS
                    + " imports in progress. Try again after some of them are done.");
        }
        TableEntity t = tables.create(r.table(), null, true);
        TableDescription d = catalog.describe(t);
        long staging = backups.register(t, d, "import", BackupCatalog.IMPORT, null, null).id();
        Instant start = Instant.now();
        Imports.Request stored = completed(r, d.tableArn().split(":")[4]);
        Imports.Import i = new Imports.Import(d.tableArn() + "/import/" + Backups.newId(start), "IN_PROGRESS",
                d.tableArn(), t.getTableUuid().toString(), stored, start, null, 0, 0, 0, 0, null, null, null);
        long id = imports.nextId();
        imports.insert(id, t.getId(), t.getName(), i, staging);
        work.fire(BackupWork.IMPORT);
        return imports.find(i.arn()).description();
    }

    /**
     * The request as stored and shown again: with the client token DynamoDB generates when none is given, and the
     * bucket's owner (the caller's account) when it is not named.
     */
    private static Imports.Request completed(Imports.Request r, String account) {
        com.fasterxml.jackson.databind.node.ObjectNode body = r.body().deepCopy();
        String token = r.clientToken() != null ? r.clientToken() : UUID.randomUUID().toString();
        body.put("ClientToken", token);
        com.fasterxml.jackson.databind.node.ObjectNode source =
                (com.fasterxml.jackson.databind.node.ObjectNode) body.get("S3BucketSource");
        if (!source.has("S3BucketOwner")) {
            source.put("S3BucketOwner", account);
        }
        return new Imports.Request(body, token, r.s3Bucket(), source.get("S3BucketOwner").asText(), r.s3KeyPrefix(),
                r.inputFormat(), r.compression(), r.csv(), r.table());
    }

    public Imports.Import describe(String arn) {
        ImportCatalog.Stored i = imports.find(arn);
        if (i == null) {
            throw Imports.notFound(arn);
        }
        return i.description();
    }

    public Imports.ListResponse list(Imports.ListRequest r) {
        Long before = r.nextToken() == null ? null : ListTokens.read(r.nextToken(), "import");
        ListTokens.Page<Imports.Import> page = ListTokens.page(imports.list(r.tableArn(), before, r.pageSize()),
                r.pageSize(), ImportCatalog.Stored::id, ImportCatalog.Stored::description, "import");
        return new Imports.ListResponse(page.entries(), page.nextToken());
    }

    /** The imports whose objects the table-import job has to read. */
    @Override
    public List<Long> pending() {
        return imports.reading();
    }

    /**
     * Reads the import's next object into its staging backup; DONE when there is none left. In a
     * {@link io.jynamo.ejb.backup.LongTransactions} one: a step takes as long as its object's reading.
     */
    @Override
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Steps.Outcome step(long id) {
        ImportCatalog.Stored i = imports.lock(id);
        if (i == null || !i.description().status().equals("IN_PROGRESS") || i.staging() == null) {
            return Steps.Outcome.DONE;
        }
        Imports.Request r = i.description().request();
        TableEntity t = catalog.byId(i.tableId()).orElse(null);
        if (t == null) {
            fail(i, null, "TableNotFound", "The table being imported into was deleted");
            return Steps.Outcome.DONE;
        }
        ObjectStore store = stores.of(r.s3Bucket());
        try {
            if (i.afterKey() == null && !store.bucketExists(r.s3Bucket())) {
                // as in DynamoDB, the import fails and no table is left
                fail(i, t, "S3NoSuchBucket", "The specified bucket does not exist (Bucket: " + r.s3Bucket() + ")");
                return Steps.Outcome.DONE;
            }
            ObjectStore.StoredObject next = store.firstAfter(r.s3Bucket(), r.s3KeyPrefix(), i.afterKey());
            if (next == null) {
                return Steps.Outcome.DONE;
            }
            ImportObjects.Counts c = objects.read(i, catalog.itemTable(t), store, next);
            imports.objectRead(id, next.key(), c.bytes(), c.processed(), c.imported(), c.errors());
            failures.succeeded(TransferFailures.Kind.IMPORT, id);
            return Steps.Outcome.MORE;
        } catch (ObjectStore.StoreException e) {
            fail(i, t, "S3" + e.code(), e.getMessage());
            return Steps.Outcome.DONE;
        } catch (IOException e) {
            // the store could not be reached: the next run goes on from the last object read (see failed)
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Records that a step of the import failed; an import whose steps have been failing for an hour ends FAILED, and
     * its table is dropped.
     */
    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failed(long id, String message) {
        Instant since = failures.failed(TransferFailures.Kind.IMPORT, id, message);
        if (since.plus(ExportService.GIVE_UP).isBefore(Instant.now())) {
            ImportCatalog.Stored i = imports.lock(id);
            if (i != null && i.description().status().equals("IN_PROGRESS")) {
                fail(i, catalog.byId(i.tableId()).orElse(null), "UNKNOWN", "The import failed for an hour: " + message);
            }
        }
    }

    /**
     * Once every object is read: the staged items are made AVAILABLE and the table-restore job fills the table (as
     * {@link #step}).
     */
    @Override
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void finish(long id) {
        ImportCatalog.Stored i = imports.lock(id);
        if (i == null || !i.description().status().equals("IN_PROGRESS") || i.staging() == null) {
            return;
        }
        BackupCatalog.Stored staged = backups.lock(i.staging());
        if (staged == null || !staged.backup().status().equals("CREATING")) {
            return;
        }
        backups.available(staged.id());
        restores.start(i.tableId(), staged.id(), Instant.now());
        work.fire(BackupWork.RESTORE);
    }

    /** The import's table is filled: the import ends, FAILED if any record could not be imported. */
    public void filled(@Observes TableFilled event) {
        ImportCatalog.Stored i = imports.filling(event.tableId());
        if (i == null) {
            return;
        }
        if (!event.filled()) {
            imports.end(i.id(), "FAILED", Instant.now(), "UNKNOWN", "The table was deleted before it was filled");
        } else if (i.description().errorCount() > 0) {
            imports.end(i.id(), "FAILED", Instant.now(), "ItemValidationError", "Some of the items failed validation "
                    + "checks and were not imported. Please check CloudWatch error logs for more details.");
        } else {
            imports.end(i.id(), "COMPLETED", Instant.now(), null, null);
        }
    }

    /** Ends the import FAILED; its table (when given) and staged items are dropped. */
    private void fail(ImportCatalog.Stored i, TableEntity t, String code, String message) {
        LOG.warning(() -> "import " + i.description().arn() + " failed: " + code + " " + message);
        imports.end(i.id(), "FAILED", Instant.now(), code, message);
        if (i.staging() != null) {
            backups.delete(i.staging());
        }
        if (t != null) {
            catalog.drop(t);
        }
    }
}
