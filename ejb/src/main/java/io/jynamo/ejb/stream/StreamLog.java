package io.jynamo.ejb.stream;

import io.jynamo.core.streams.GetRecords;
import io.jynamo.ejb.schema.Datasource;
import io.jynamo.ejb.storage.StorageException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads a stream's numbered records and its counters (JDBC; see {@link StreamSequencer} for the numbering). */
@ApplicationScoped
public class StreamLog {
    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    /**
     * A stream's counters.
     *
     * @param lastSequence   the highest number given so far (0: none)
     * @param trimmedThrough records numbered up to this are gone
     */
    public record Counters(long lastSequence, long trimmedThrough) { }

    /** The stream's counters, or null when the stream is no longer known. */
    public Counters counters(long streamId) {
        String sql = "SELECT last_sequence, trimmed_through FROM stream WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, streamId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Counters(rs.getLong(1), rs.getLong(2)) : null;
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    /**
     * Records fetched per round trip when the read runs in a transaction; GetRecords runs in none (autocommit), and
     * the driver then reads all its rows at once: at most its Limit of 1,000, only those within the byte limit with
     * their images.
     */
    private static final int FETCH_SIZE = 100;

    /**
     * The numbered records after {@code position}, in order, at most {@code limit}, ending with the record that
     * brings their images to {@code maxBytes} or more. The limit is applied in SQL, as for Query pages: a record's
     * images are sent only while the images before it are under the limit, so no more than that and one record is
     * ever held.
     */
    public List<GetRecords.Record> after(long streamId, long position, int limit, long maxBytes) {
        String sql = "SELECT sequence, event_id, event_name, created_at, CASE WHEN before < ? THEN images END,"
                + " size_bytes, by_ttl FROM (SELECT sequence, event_id, event_name, created_at, images, size_bytes,"
                + " by_ttl, sum(octet_length(images)) OVER (ORDER BY sequence ROWS UNBOUNDED PRECEDING)"
                + " - octet_length(images) AS before FROM stream_record WHERE stream_id = ? AND sequence > ?"
                + " ORDER BY sequence LIMIT ?) r ORDER BY sequence"; // no sort: the input is in that order
        List<GetRecords.Record> records = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(Math.min(limit, FETCH_SIZE));
            ps.setLong(1, maxBytes);
            ps.setLong(2, streamId);
            ps.setLong(3, position);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String images = rs.getString(5);
                    if (images == null) {
                        break;
                    }
                    records.add(new GetRecords.Record(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant(), images, rs.getInt(6), rs.getBoolean(7)));
                }
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        }
        return records;
    }
}
