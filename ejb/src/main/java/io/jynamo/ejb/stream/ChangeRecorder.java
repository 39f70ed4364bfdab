package io.jynamo.ejb.stream;

import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.AttributeValueJson;
import io.jynamo.core.item.ItemSize;
import io.jynamo.core.json.Json;
import io.jynamo.core.table.StreamViewType;
import io.jynamo.ejb.schema.Datasource;
import io.jynamo.ejb.storage.ItemTable;
import io.jynamo.ejb.storage.StorageException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the stream record of an item change, in the transaction of the change, when the table has a stream.
 *
 * <p>As DynamoDB does, a change that changes nothing leaves no record: a put or update that leaves the item as it
 * was, a delete of an item that is not there. Otherwise the record is an INSERT (no item before), a REMOVE (none
 * after) or a MODIFY, with the key and the images the stream's view type asks for.
 */
@ApplicationScoped
public class ChangeRecorder {
    private static final String INSERT = "INSERT INTO stream_record (stream_id, event_id, event_name, images, "
            + "size_bytes, by_ttl) VALUES (?, ?, ?, ?, ?, ?)";

    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    /** For the container. */
    protected ChangeRecorder() {
    }

    /** For use outside the server (tests): over a datasource whose connections share the caller's transaction. */
    public ChangeRecorder(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Who made a change: a client's request, or the TTL process deleting an expired item. */
    public enum Origin { REQUEST, TTL }

    /**
     * Records the change of one item from {@code old} to {@code next} (null: no item), if the table has a stream and
     * the change changes something.
     */
    public void record(ItemTable table, Map<String, AttributeValue> old, Map<String, AttributeValue> next,
                       Origin origin) {
        ItemTable.Stream stream = table.stream();
        if (stream == null || (old == null ? next == null : old.equals(next))) {
            return;
        }
        StreamViewType view = stream.viewType();
        Map<String, AttributeValue> keys = table.keySchema().keyOf(next != null ? next : old);
        Map<String, AttributeValue> newImage = view.hasNewImage() ? next : null;
        Map<String, AttributeValue> oldImage = view.hasOldImage() ? old : null;
        String images = new String(Json.write(g -> {
            g.writeStartObject();
            g.writeFieldName("Keys");
            AttributeValueJson.writeItem(g, keys);
            if (newImage != null) {
                g.writeFieldName("NewImage");
                AttributeValueJson.writeItem(g, newImage);
            }
            if (oldImage != null) {
                g.writeFieldName("OldImage");
                AttributeValueJson.writeItem(g, oldImage);
            }
            g.writeEndObject();
        }), StandardCharsets.UTF_8);
        // DynamoDB's SizeBytes, as measured on its records: the item sizes of the key and of the images carried
        int size = ItemSize.of(keys) + (newImage == null ? 0 : ItemSize.of(newImage))
                + (oldImage == null ? 0 : ItemSize.of(oldImage));
        String event = old == null ? "INSERT" : next == null ? "REMOVE" : "MODIFY";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setLong(1, stream.id());
            ps.setString(2, UUID.randomUUID().toString().replace("-", ""));
            ps.setString(3, event);
            ps.setString(4, images);
            ps.setInt(5, size);
            ps.setBoolean(6, origin == Origin.TTL);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }
}
