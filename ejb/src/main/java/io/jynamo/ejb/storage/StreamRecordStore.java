package io.jynamo.ejb.storage;

import io.jynamo.ejb.schema.Datasource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Rows of {@code stream_record}, as writes add them in their own transaction. The record gets its sequence number
 * later, in commit order (see the stream package's StreamSequencer).
 */
@ApplicationScoped
public class StreamRecordStore {
    private static final String INSERT = "INSERT INTO stream_record (stream_id, event_id, event_name, images, "
            + "size_bytes, by_ttl) VALUES (?, ?, ?, ?, ?, ?)";

    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    /** For the container. */
    protected StreamRecordStore() {
    }

    /** For use outside the server (tests): over a datasource whose connections share the caller's transaction. */
    public StreamRecordStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Adds a record to a stream.
     *
     * @param images    the record's Keys, NewImage and OldImage, as DynamoDB JSON
     * @param sizeBytes DynamoDB's SizeBytes of the record
     * @param byTtl     whether the TTL process made the change
     */
    public void add(long streamId, String eventName, String images, int sizeBytes, boolean byTtl) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setLong(1, streamId);
            ps.setString(2, UUID.randomUUID().toString().replace("-", ""));
            ps.setString(3, eventName);
            ps.setString(4, images);
            ps.setInt(5, sizeBytes);
            ps.setBoolean(6, byTtl);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw ItemStore.translate(e, null);
        }
    }
}
