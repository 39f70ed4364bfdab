package io.jynamo.ejb.storage;

import io.jynamo.core.operation.Imports;
import io.jynamo.ejb.schema.Datasource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** The imports (rows of {@code table_import}) and their error log, in the caller's transaction. */
@ApplicationScoped
public class ImportCatalog {
    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    /**
     * An import as stored.
     *
     * @param staging  the internal backup its items are staged in
     * @param afterKey the key of the last object read; null before the first
     */
    public record Stored(long id, long tableId, Imports.Import description, Long staging, String afterKey) { }

    private static final String COLUMNS = "id, table_id, arn, status, table_arn, table_uuid, request::text, started_at,"
            + " ended_at, processed_size_bytes, processed_item_count, imported_item_count, error_count, failure_code,"
            + " failure_message, staging, after_key";

    public long nextId() {
        return Statements.longs(dataSource, "SELECT nextval('table_import_seq')").get(0);
    }

    public void insert(long id, long tableId, String tableName, Imports.Import i, long staging) {
        Statements.execute(dataSource, "INSERT INTO table_import (id, arn, table_id, table_name, table_arn, table_uuid,"
                        + " status, client_token, request, started_at, staging) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb,"
                        + " ?, ?)", id, i.arn(), tableId, tableName, i.tableArn(), i.tableId(), i.status(),
                i.request().clientToken(), i.request().body().toString(), Timestamp.from(i.startTime()), staging);
    }

    public Stored find(String arn) {
        List<Stored> found = query("SELECT " + COLUMNS + " FROM table_import WHERE arn = ?", List.of(arn));
        return found.isEmpty() ? null : found.get(0);
    }

    public Stored lock(long id) {
        List<Stored> found = query("SELECT " + COLUMNS + " FROM table_import WHERE id = ? FOR UPDATE", List.of(id));
        return found.isEmpty() ? null : found.get(0);
    }

    /** The import in progress that fills this table, if any. */
    public Stored filling(long tableId) {
        List<Stored> found = query("SELECT " + COLUMNS + " FROM table_import WHERE table_id = ?"
                + " AND status = 'IN_PROGRESS' FOR UPDATE", List.of(tableId));
        return found.isEmpty() ? null : found.get(0);
    }

    public Stored byClientToken(String token) {
        List<Stored> found = query("SELECT " + COLUMNS + " FROM table_import WHERE client_token = ?"
                + " ORDER BY id DESC LIMIT 1", List.of(token));
        return found.isEmpty() ? null : found.get(0);
    }

    /** The imports whose objects are still to be read, oldest first. */
    public List<Long> reading() {
        return Statements.longs(dataSource, "SELECT i.id FROM table_import i JOIN backup b ON b.id = i.staging"
                + " WHERE i.status = 'IN_PROGRESS' AND b.status = 'CREATING' ORDER BY i.id");
    }

    public int countInProgress() {
        return Statements.longs(dataSource, "SELECT count(*) FROM table_import WHERE status = 'IN_PROGRESS'").get(0)
                .intValue();
    }

    /** A page of ListImports, newest first (see {@link Statements#newestFirst}). */
    public List<Stored> list(String tableArn, Long before, int limit) {
        // by ARN: the imports of a table outlive it, and are listed after it is deleted, as DynamoDB lists them
        return Statements.newestFirst(dataSource, COLUMNS, "table_import", "table_arn", tableArn, before, limit, ROW);
    }

    /** Records an object read: its size and records counted, and that the next object is the one after its key. */
    public void objectRead(long id, String key, long bytes, long processed, long imported, long errors) {
        Statements.execute(dataSource, "UPDATE table_import SET after_key = ?, processed_size_bytes ="
                + " processed_size_bytes + ?, processed_item_count = processed_item_count + ?, imported_item_count ="
                + " imported_item_count + ?, error_count = error_count + ? WHERE id = ?", key, bytes, processed,
                imported, errors, id);
    }

    /** Logs a record that could not be imported (what DynamoDB logs to CloudWatch Logs). */
    public void logError(long id, String bucket, String key, long index, String message) {
        Statements.execute(dataSource, "INSERT INTO import_error_log (import_id, s3_bucket, object_key, item_index,"
                + " message) VALUES (?, ?, ?, ?, ?)", id, bucket, key, index, message);
    }

    public void end(long id, String status, Instant at, String failureCode, String failureMessage) {
        Statements.execute(dataSource, "UPDATE table_import SET status = ?, ended_at = ?, failure_code = ?,"
                + " failure_message = ?, staging = NULL WHERE id = ?", status, Timestamp.from(at), failureCode,
                failureMessage, id);
    }

    private List<Stored> query(String sql, List<Object> args) {
        return Statements.rows(dataSource, sql, args, ROW);
    }

    /** A row of {@link #COLUMNS}. */
    private static final Statements.Row<Stored> ROW = rs -> {
        String arn = rs.getString(3);
        Imports.Request r = Imports.parse(rs.getString(7).getBytes(StandardCharsets.UTF_8));
        Timestamp ended = rs.getTimestamp(9);
        Imports.Import i = new Imports.Import(arn, rs.getString(4), rs.getString(5), rs.getString(6), r,
                rs.getTimestamp(8).toInstant(), ended == null ? null : ended.toInstant(), rs.getLong(10),
                rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getString(14), rs.getString(15),
                logGroupArn(arn));
        long staging = rs.getLong(16);
        Long stagingId = rs.wasNull() ? null : staging;
        return new Stored(rs.getLong(1), rs.getLong(2), i, stagingId, rs.getString(17));
    };

    /** arn:aws:logs:REGION:ACCOUNT:log-group:/aws-dynamodb/imports:* for an import of that region and account. */
    static String logGroupArn(String importArn) {
        String[] parts = importArn.split(":", 6);
        return "arn:aws:logs:" + parts[3] + ":" + parts[4] + ":log-group:" + Imports.LOG_GROUP + ":*";
    }
}
