package io.jynamo.ejb.storage;

import io.jynamo.core.operation.Exports;
import io.jynamo.ejb.schema.Datasource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** The exports (rows of {@code table_export}) and the data files they wrote, in the caller's transaction. */
@ApplicationScoped
public class ExportCatalog {
    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    /**
     * An export as stored: what DescribeExport shows, and where its writing got.
     *
     * @param newState the backup holding the table at the export's time (a full export) or its to-time
     * @param oldState the backup holding the table at an incremental export's from-time; null otherwise
     */
    public record Stored(long id, long tableId, String exportId, Exports.Export export, Long newState, Long oldState,
                         byte[] afterHash, byte[] afterRange) { }

    /** A data file written, as manifest-files.json lists it. */
    public record DataFile(String key, long itemCount, String md5Checksum, String etag) { }

    private static final String COLUMNS = "id, table_id, export_id, arn, status, started_at, ended_at, table_uuid,"
            + " request::text, export_time, item_count, billed_size_bytes, failure_code, failure_message, new_state,"
            + " old_state, after_hk, after_rk";

    public long nextId() {
        return Statements.longs(dataSource, "SELECT nextval('table_export_seq')").get(0);
    }

    /** Records a new export, IN_PROGRESS, of the table of this ARN (as Jynamo forms it). */
    public void insert(long id, long tableId, String tableArn, String exportId, Exports.Export e, Long newState,
                       Long oldState) {
        Exports.Request r = e.request();
        Statements.execute(dataSource, "INSERT INTO table_export (id, arn, export_id, table_id, table_name, table_arn,"
                        + " table_uuid, status, client_token, request, export_type, export_format, export_time,"
                        + " from_time, to_time, view_type, started_at, new_state, old_state)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, e.arn(), exportId, tableId, r.tableName(), tableArn, e.tableId(), e.status(), r.clientToken(),
                Exports.toJson(r), r.exportType(), r.exportFormat(), timestamp(e.exportTime()), timestamp(r.fromTime()),
                timestamp(r.toTime()), r.viewType(), timestamp(e.startTime()), newState, oldState);
    }

    public Stored find(String arn) {
        List<Stored> found = query("SELECT " + COLUMNS + " FROM table_export WHERE arn = ?", List.of(arn));
        return found.isEmpty() ? null : found.get(0);
    }

    /** The export with this id, its row locked; null when there is none. */
    public Stored lock(long id) {
        List<Stored> found = query("SELECT " + COLUMNS + " FROM table_export WHERE id = ? FOR UPDATE", List.of(id));
        return found.isEmpty() ? null : found.get(0);
    }

    /** The latest export a client token started, if any (of any table: a token names one request). */
    public Stored byClientToken(String token) {
        List<Stored> found = query("SELECT " + COLUMNS + " FROM table_export WHERE client_token = ?"
                + " ORDER BY id DESC LIMIT 1", List.of(token));
        return found.isEmpty() ? null : found.get(0);
    }

    /** The exports in progress, oldest first. */
    public List<Long> inProgress() {
        return Statements.longs(dataSource, "SELECT id FROM table_export WHERE status = 'IN_PROGRESS' ORDER BY id");
    }

    public int countInProgress() {
        return Statements.longs(dataSource, "SELECT count(*) FROM table_export WHERE status = 'IN_PROGRESS'").get(0)
                .intValue();
    }

    /**
     * A page of ListExports, newest first (see {@link Statements#newestFirst}): of the table with this id (null: of
     * all tables). By id, not by ARN: DynamoDB lists no exports of a table deleted, or deleted and created again.
     */
    public List<Stored> list(Long tableId, Long before, int limit) {
        return Statements.newestFirst(dataSource, COLUMNS, "table_export", "table_id", tableId, before, limit, ROW);
    }

    /** Records a data file written, the position it got to and the items it held. */
    public void fileWritten(long id, int n, DataFile f, byte[] afterHash, byte[] afterRange) {
        Statements.execute(dataSource, "INSERT INTO table_export_file (export_id, n, s3_key, item_count,"
                + " md5_checksum, etag) VALUES (?, ?, ?, ?, ?, ?)", id, n, f.key(), f.itemCount(), f.md5Checksum(),
                f.etag());
        Statements.execute(dataSource, "UPDATE table_export SET after_hk = ?, after_rk = ?,"
                + " item_count = item_count + ? WHERE id = ?", afterHash, afterRange, f.itemCount(), id);
    }

    /** The data files the export wrote, in order. */
    public List<DataFile> files(long id) {
        return Statements.rows(dataSource, "SELECT s3_key, item_count, md5_checksum, etag FROM table_export_file"
                + " WHERE export_id = ? ORDER BY n", List.of(id),
                rs -> new DataFile(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
    }

    /** Ends the export: COMPLETED with its size billed, or FAILED with a code and message. */
    public void end(long id, String status, Instant at, long billedSizeBytes, String failureCode,
                    String failureMessage) {
        Statements.execute(dataSource, "UPDATE table_export SET status = ?, ended_at = ?, billed_size_bytes = ?,"
                + " failure_code = ?, failure_message = ?, new_state = NULL, old_state = NULL WHERE id = ?", status,
                Timestamp.from(at), billedSizeBytes, failureCode, failureMessage, id);
    }

    private static Timestamp timestamp(Instant t) {
        return t == null ? null : Timestamp.from(t);
    }

    private List<Stored> query(String sql, List<Object> args) {
        return Statements.rows(dataSource, sql, args, ROW);
    }

    /** A row of {@link #COLUMNS}. */
    private static final Statements.Row<Stored> ROW = rs -> {
        String status = rs.getString(5);
        Exports.Request r = Exports.fromJson(rs.getString(9));
        String arn = rs.getString(4);
        String exportId = rs.getString(3);
        String manifest = status.equals("COMPLETED")
                ? io.jynamo.core.transfer.ExportLayout.folder(r.s3Prefix(), exportId) + "manifest-summary.json" : null;
        Exports.Export e = new Exports.Export(arn, status, rs.getTimestamp(6).toInstant(),
                instant(rs.getTimestamp(7)), manifest, rs.getString(8), r, instant(rs.getTimestamp(10)),
                rs.getLong(12), rs.getLong(11), rs.getString(13), rs.getString(14));
        long newState = rs.getLong(15);
        Long newStateId = rs.wasNull() ? null : newState;
        long oldState = rs.getLong(16);
        Long oldStateId = rs.wasNull() ? null : oldState;
        return new Stored(rs.getLong(1), rs.getLong(2), exportId, e, newStateId, oldStateId,
                rs.getBytes(17), rs.getBytes(18));
    };

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
