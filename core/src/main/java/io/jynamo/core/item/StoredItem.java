package io.jynamo.core.item;

import java.util.Map;

/**
 * An item as it is stored: its DynamoDB typed JSON text (which the write path wrote from normalised values, so it
 * can go into a response as it is, without being parsed and written again) and its size as DynamoDB measures it.
 *
 * @param json the item as typed JSON ({"pk":{"S":"a"},...}); object members in any order
 * @param size {@link ItemSize} of the item, kept with it when it was written
 */
public record StoredItem(String json, int size) {

    /** An item as it would be stored: its typed JSON and its size. */
    public static StoredItem of(Map<String, AttributeValue> item) {
        return new StoredItem(new String(io.jynamo.core.json.Json.write(g -> AttributeValueJson.writeItem(g, item)),
                java.nio.charset.StandardCharsets.UTF_8), ItemSize.of(item));
    }

    /** The item's attributes, parsed (for projections, conditions, updates). */
    public Map<String, AttributeValue> attributes() {
        return AttributeValueJson.parseItem(json);
    }
}
