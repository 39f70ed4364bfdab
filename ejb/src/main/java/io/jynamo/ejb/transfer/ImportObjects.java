package io.jynamo.ejb.transfer;

import io.airlift.compress.zstd.ZstdInputStream;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.item.AttributeType;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.IndexKeys;
import io.jynamo.core.item.ItemSize;
import io.jynamo.core.item.PrimaryKey;
import io.jynamo.core.operation.Imports;
import io.jynamo.core.table.AttributeDefinition;
import io.jynamo.core.transfer.ImportRecords;
import io.jynamo.ejb.storage.BackupItems;
import io.jynamo.ejb.storage.ImportCatalog;
import io.jynamo.ejb.storage.ItemTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads one object of an import into its staging backup: decompressed as the request says (DynamoDB does not guess
 * from the content or the name), its records parsed ({@link ImportRecords}), each item checked as a write of it
 * would be (the table's key, its indexes' key types, the size) and staged, each failure logged with the record's
 * number in the object. A record that cannot be parsed ends the object, as in DynamoDB.
 */
@ApplicationScoped
public class ImportObjects {
    /** Items staged per JDBC batch. */
    private static final int BATCH = 500;

    /**
     * Failures logged per import at most (all are counted): a hostile object of a million bad lines writes no more
     * rows than this.
     */
    static final long MAX_LOGGED_ERRORS = 100_000;

    @Inject
    private BackupItems items;

    @Inject
    private ImportCatalog imports;

    /** What reading an object counted. */
    public record Counts(long bytes, long processed, long imported, long errors) { }

    Counts read(ImportCatalog.Stored i, ItemTable table, ObjectStore store, ObjectStore.StoredObject object)
            throws IOException {
        Imports.Request r = i.description().request();
        Map<String, AttributeType> keyTypes = new HashMap<>();
        for (AttributeDefinition d : r.table().attributeDefinitions()) {
            keyTypes.put(d.attributeName(), d.attributeType());
        }
        Staging staging = new Staging(i, table, r.s3Bucket(), object.key());
        try (CountingInputStream counted = new CountingInputStream(store.get(r.s3Bucket(), object.key()))) {
            try {
                InputStream in = switch (r.compression()) {
                    case "GZIP" -> new GZIPInputStream(counted, 65536);
                    case "ZSTD" -> new ZstdInputStream(counted);
                    default -> counted;
                };
                ImportRecords.read(r.inputFormat(), in, r.csv(), keyTypes, staging);
            } catch (IOException | RuntimeException e) {
                if (storeFailure(e) != null) {
                    // the store, not the object: the step rolls back and the object is read again on the next run
                    throw storeFailure(e);
                }
                // the object cannot be read on (bad compression, malformed Ion, a record over the limit): one
                // error, and the rest of the object is skipped, as in DynamoDB
                staging.error(staging.processed, "Unable to read the object: " + e.getMessage());
            }
            staging.flush();
            return new Counts(counted.count, staging.processed, staging.imported, staging.errors);
        }
    }

    /** The store's failure among the causes of a reading failure; null when the object itself is at fault. */
    private static IOException storeFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreReadFailure f) {
                return f;
            }
        }
        return null;
    }

    /** Reading from the store failed (a connection reset, say): not the object's fault. */
    private static final class StoreReadFailure extends IOException {
        StoreReadFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Checks and stages each item, logs each error. */
    private final class Staging implements ImportRecords.Sink {
        private final ImportCatalog.Stored i;
        private final ItemTable table;
        private final String bucket;
        private final String key;
        private final List<BackupItems.Staged> pending = new ArrayList<>();
        long processed;
        long imported;
        long errors;

        Staging(ImportCatalog.Stored i, ItemTable table, String bucket, String key) {
            this.i = i;
            this.table = table;
            this.bucket = bucket;
            this.key = key;
        }

        @Override
        public void item(long index, Map<String, AttributeValue> item) {
            PrimaryKey k;
            try {
                k = PrimaryKey.ofItem(item, table.keySchema());
                if (!table.indexes().isEmpty()) {
                    IndexKeys.check(item, table.enforcedIndexes());
                }
            } catch (DynamoException e) {
                error(index, e.getMessage());
                return;
            }
            processed++;
            imported++;
            pending.add(new BackupItems.Staged(k, item, ItemSize.of(item)));
            if (pending.size() >= BATCH) {
                flush();
            }
        }

        @Override
        public void error(long index, String message) {
            processed++;
            errors++;
            if (i.description().errorCount() + errors <= MAX_LOGGED_ERRORS) {
                imports.logError(i.id(), bucket, key, index, message);
            }
        }

        void flush() {
            if (!pending.isEmpty()) {
                items.stage(i.staging(), pending);
                pending.clear();
            }
        }
    }

    /**
     * Counts the bytes read from the store (ProcessedSizeBytes: what the object weighs as stored), and marks its
     * failures as the store's.
     */
    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                int b = super.read();
                if (b >= 0) {
                    count++;
                }
                return b;
            } catch (IOException e) {
                throw new StoreReadFailure(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = super.read(b, off, len);
                if (n > 0) {
                    count += n;
                }
                return n;
            } catch (IOException e) {
                throw new StoreReadFailure(e);
            }
        }
    }
}
