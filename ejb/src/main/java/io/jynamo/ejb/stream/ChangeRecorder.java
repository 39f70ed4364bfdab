package io.jynamo.ejb.stream;

import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.AttributeValueJson;
import io.jynamo.core.item.ItemSize;
import io.jynamo.core.json.Json;
import io.jynamo.core.table.StreamViewType;
import io.jynamo.ejb.storage.ItemTable;
import io.jynamo.ejb.storage.StreamRecordStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Makes the stream record of an item change, in the transaction of the change, when the table has a stream (its
 * row is added by {@link StreamRecordStore}).
 *
 * <p>As DynamoDB does, a change that changes nothing leaves no record: a put or update that leaves the item as it
 * was, a delete of an item that is not there. Otherwise the record is an INSERT (no item before), a REMOVE (none
 * after) or a MODIFY, with the key and the images the stream's view type asks for.
 */
@ApplicationScoped
public class ChangeRecorder {
    @Inject
    private StreamRecordStore records;

    /** For the container. */
    protected ChangeRecorder() {
    }

    /** For use outside the server (tests). */
    public ChangeRecorder(StreamRecordStore records) {
        this.records = records;
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
        int size = ItemSize.of(keys) + ItemSize.ofNullable(newImage) + ItemSize.ofNullable(oldImage);
        String event = old == null ? "INSERT" : next == null ? "REMOVE" : "MODIFY";
        records.add(stream.id(), event, images, size, origin == Origin.TTL);
    }
}
