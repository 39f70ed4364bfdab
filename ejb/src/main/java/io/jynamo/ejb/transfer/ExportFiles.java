package io.jynamo.ejb.transfer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.AttributeValueJson;
import io.jynamo.core.json.Json;
import io.jynamo.core.operation.Exports;
import io.jynamo.core.transfer.ExportLayout;
import io.jynamo.core.transfer.ExportLines;
import io.jynamo.ejb.config.Settings;
import io.jynamo.ejb.storage.BackupCatalog;
import io.jynamo.ejb.storage.BackupItems;
import io.jynamo.ejb.storage.ExportCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an export's objects: its data files, one per step of the table-export job (gzip-compressed lines of
 * {@link ExportLines}, read in key order from the export's states), then its manifests, as DynamoDB lays them out
 * ({@link ExportLayout}). The checksums are DynamoDB's: a data file's {@code md5Checksum} is the base64 MD5 of its
 * compressed bytes, a manifest's {@code .md5} file the base64 MD5 of the manifest; {@code etag} is what the store
 * answered.
 */
@ApplicationScoped
public class ExportFiles {
    /**
     * Items per data file at most ({@code JYNAMO_EXPORT_FILE_ITEMS}); an incremental export's files may hold up to a
     * page more changes.
     */
    static final int FILE_ITEMS = Integer.parseInt(Settings.get("jynamo.export.file-items",
            "JYNAMO_EXPORT_FILE_ITEMS", "50000"));

    /** Uncompressed bytes per data file at most (a file ends at the first item past it). */
    static final long FILE_BYTES = 256L * 1024 * 1024;

    /**
     * Items read from a state at a time: at most 250 × 400 KB of JSON in memory (an incremental export holds a page
     * of each of its two states, and the items it parses of them).
     */
    static final int PAGE = 250;

    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Inject
    private BackupItems items;

    @Inject
    private ExportCatalog exports;

    @Inject
    private ObjectStores stores;

    /** Where a data file's reading ended: the last key written, and whether it was the state's (or diff's) last. */
    private record Position(byte[] hash, byte[] range, long count, boolean last) { }

    /**
     * Writes the export's next data file (and, before its first, the empty {@code _started} object DynamoDB writes to
     * see that the bucket is writable); returns whether it was the last.
     */
    boolean writeNext(ExportCatalog.Stored e, BackupCatalog.Stored newState, BackupCatalog.Stored oldState)
            throws IOException {
        Exports.Request r = e.export().request();
        ObjectStore store = stores.of(r.s3Bucket());
        int written = exports.files(e.id()).size();
        if (written == 0 && e.afterHash() == null) {
            store.put(r.s3Bucket(), ExportLayout.folder(r.s3Prefix(), e.exportId()) + "_started", new byte[0]);
        }
        Path temp = Files.createTempFile("jynamo-export", ".gz");
        try {
            MessageDigest md5 = md5();
            Position p;
            try (OutputStream file = Files.newOutputStream(temp);
                 Writer w = new OutputStreamWriter(new GZIPOutputStream(new DigestOutputStream(file, md5)),
                         StandardCharsets.UTF_8)) {
                p = r.incremental() ? writeChanges(w, e, newState, oldState) : writeItems(w, e, newState);
            }
            String key = ExportLayout.dataFile(r.s3Prefix(), e.exportId(), written, r.incremental(), r.exportFormat());
            ObjectStore.Written put = store.put(r.s3Bucket(), key, temp);
            exports.fileWritten(e.id(), written, new ExportCatalog.DataFile(key, p.count(),
                    Base64.getEncoder().encodeToString(md5.digest()), put.etag()), p.hash(), p.range());
            return p.last();
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A full export's items, in key order, after the export's position. */
    private Position writeItems(Writer w, ExportCatalog.Stored e, BackupCatalog.Stored state) throws IOException {
        String format = e.export().request().exportFormat();
        byte[] hash = e.afterHash();
        byte[] range = e.afterRange();
        long count = 0;
        long bytes = 0;
        while (true) {
            int limit = (int) Math.min(PAGE, FILE_ITEMS - count);
            List<BackupItems.Row> rows = items.page(state.id(), hash, range, limit);
            for (BackupItems.Row row : rows) {
                String line = ExportLines.item(format, row.json());
                w.write(line);
                bytes += line.length();
                count++;
                hash = row.hash();
                range = row.range();
            }
            if (rows.size() < limit) {
                return new Position(hash, range, count, true);
            }
            if (count >= FILE_ITEMS || bytes >= FILE_BYTES) {
                return new Position(hash, range, count, false);
            }
        }
    }

    /**
     * An incremental export's changes: the items whose state at the end differs from their state at the start, found
     * by reading both states in key order side by side.
     */
    private Position writeChanges(Writer w, ExportCatalog.Stored e, BackupCatalog.Stored newState,
                                  BackupCatalog.Stored oldState) throws IOException {
        Exports.Request r = e.export().request();
        List<String> keyNames = new ArrayList<>();
        newState.definition().path("KeySchema").forEach(k -> keyNames.add(k.path("AttributeName").asText()));
        boolean oldImages = "NEW_AND_OLD_IMAGES".equals(r.viewType());
        byte[] hash = e.afterHash();
        byte[] range = e.afterRange();
        long count = 0;
        long bytes = 0;
        while (true) {
            List<BackupItems.Row> after = items.page(newState.id(), hash, range, PAGE);
            List<BackupItems.Row> before = items.page(oldState.id(), hash, range, PAGE);
            // keys up to the smaller of the two pages' last keys are complete in both pages (a short page: to the end)
            BackupItems.Row bound = smaller(after.size() == PAGE ? last(after) : null,
                    before.size() == PAGE ? last(before) : null);
            List<BackupItems.Row[]> changes = new ArrayList<>();
            int i = 0;
            int j = 0;
            while (i < after.size() || j < before.size()) {
                BackupItems.Row n = i < after.size() ? after.get(i) : null;
                BackupItems.Row o = j < before.size() ? before.get(j) : null;
                int order = n == null ? 1 : o == null ? -1 : compare(n, o);
                BackupItems.Row next = order <= 0 ? n : o;
                if (bound != null && compare(next, bound) > 0) {
                    break;
                }
                BackupItems.Row newRow = order <= 0 ? n : null;
                BackupItems.Row oldRow = order >= 0 ? o : null;
                i += order <= 0 ? 1 : 0;
                j += order >= 0 ? 1 : 0;
                if (newRow == null || oldRow == null || !newRow.json().equals(oldRow.json())) {
                    changes.add(new BackupItems.Row[] {newRow, oldRow});
                }
            }
            List<BackupItems.Row> changedKeys = changes.stream().map(c -> c[0] != null ? c[0] : c[1]).toList();
            Map<String, Instant> written = items.lastChanged(newState.tableId(), changedKeys,
                    newState.pointInTime());
            for (BackupItems.Row[] c : changes) {
                Map<String, AttributeValue> newImage = c[0] == null ? null : AttributeValueJson.parseItem(c[0].json());
                Map<String, AttributeValue> oldImage = c[1] == null ? null : AttributeValueJson.parseItem(c[1].json());
                BackupItems.Row key = c[0] != null ? c[0] : c[1];
                Map<String, AttributeValue> image = newImage != null ? newImage : oldImage;
                Map<String, AttributeValue> keys = new LinkedHashMap<>();
                keyNames.forEach(k -> keys.put(k, image.get(k)));
                String line = ExportLines.change(r.exportFormat(),
                        written.getOrDefault(key.keyText(), newState.pointInTime()), keys,
                        oldImages ? oldImage : null, newImage);
                w.write(line);
                bytes += line.length();
                count++;
            }
            if (bound == null) {
                // both states read to their ends
                BackupItems.Row furthest = last(after) == null ? last(before) : last(before) == null ? last(after)
                        : compare(last(after), last(before)) >= 0 ? last(after) : last(before);
                return furthest == null ? new Position(hash, range, count, true)
                        : new Position(furthest.hash(), furthest.range(), count, true);
            }
            hash = bound.hash();
            range = bound.range();
            if (count >= FILE_ITEMS || bytes >= FILE_BYTES) {
                return new Position(hash, range, count, false);
            }
        }
    }

    private static BackupItems.Row last(List<BackupItems.Row> rows) {
        return rows.isEmpty() ? null : rows.get(rows.size() - 1);
    }

    /** The smaller of two keys; null stands for "past the end". */
    private static BackupItems.Row smaller(BackupItems.Row a, BackupItems.Row b) {
        return a == null ? b : b == null ? a : compare(a, b) <= 0 ? a : b;
    }

    /** Keys in the item table's order (bytea compares bytes unsigned); null last. */
    private static int compare(BackupItems.Row a, BackupItems.Row b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        int byHash = Arrays.compareUnsigned(a.hash(), b.hash());
        return byHash != 0 ? byHash : Arrays.compareUnsigned(a.range(), b.range());
    }

    /**
     * Writes manifest-files.json and manifest-summary.json with their .md5 files, the summary last (a reader that
     * finds it finds everything); returns the size billed: the table's size for a full export, 0 for an incremental
     * one (DynamoDB's rule for those, a minimum charge, is not documented).
     */
    long writeManifests(ExportCatalog.Stored e, BackupCatalog.Stored newState, Instant end) throws IOException {
        Exports.Export x = e.export();
        Exports.Request r = x.request();
        ObjectStore store = stores.of(r.s3Bucket());
        String folder = ExportLayout.folder(r.s3Prefix(), e.exportId());
        StringBuilder lines = new StringBuilder();
        long itemCount = 0;
        for (ExportCatalog.DataFile f : exports.files(e.id())) {
            ObjectNode line = Json.MAPPER.createObjectNode();
            line.put("itemCount", f.itemCount()).put("md5Checksum", f.md5Checksum()).put("etag", f.etag())
                    .put("dataFileS3Key", f.key());
            lines.append(line).append('\n');
            itemCount += f.itemCount();
        }
        byte[] filesJson = lines.toString().getBytes(StandardCharsets.UTF_8);
        store.put(r.s3Bucket(), folder + "manifest-files.json", filesJson);
        store.put(r.s3Bucket(), folder + "manifest-files.md5", base64Md5(filesJson));
        long billed = r.incremental() || newState == null ? 0 : newState.backup().sizeBytes();
        ObjectNode summary = Json.MAPPER.createObjectNode();
        summary.put("version", r.incremental() ? "2023-08-01" : "2020-06-30");
        summary.put("exportArn", x.arn());
        summary.put("startTime", ISO_MILLIS.format(x.startTime()));
        summary.put("endTime", ISO_MILLIS.format(end));
        summary.put("tableArn", r.tableArn());
        summary.put("tableId", x.tableId());
        if (r.incremental()) {
            summary.put("exportFromTime", ISO_MILLIS.format(r.fromTime()));
            summary.put("exportToTime", ISO_MILLIS.format(r.toTime()));
        } else {
            summary.put("exportTime", ISO_MILLIS.format(x.exportTime()));
        }
        summary.put("s3Bucket", r.s3Bucket());
        summary.put("s3Prefix", r.s3Prefix());
        summary.put("s3SseAlgorithm", r.s3SseAlgorithm());
        summary.put("s3SseKmsKeyId", r.s3SseKmsKeyId());
        summary.put("manifestFilesS3Key", folder + "manifest-files.json");
        summary.put("billedSizeBytes", billed);
        summary.put("itemCount", itemCount);
        summary.put("outputFormat", r.exportFormat());
        if (r.incremental()) {
            summary.put("outputView", r.viewType());
            summary.put("exportType", r.exportType());
        }
        byte[] summaryJson = summary.toString().getBytes(StandardCharsets.UTF_8);
        store.put(r.s3Bucket(), folder + "manifest-summary.json", summaryJson);
        store.put(r.s3Bucket(), folder + "manifest-summary.md5", base64Md5(summaryJson));
        return billed;
    }

    private static byte[] base64Md5(byte[] content) {
        return Base64.getEncoder().encode(md5().digest(content));
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
