package io.jynamo.core.transfer;

import com.amazon.ion.IonType;
import com.amazon.ion.IonWriter;
import com.amazon.ion.system.IonTextWriterBuilder;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.AttributeValueJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lines of an export's data files, one per item (a full export) or per changed item (an incremental one), each
 * ending in a newline, as DynamoDB writes them:
 *
 * <ul>
 * <li>full, DYNAMODB_JSON: {@code {"Item":{...}}}</li>
 * <li>full, ION: {@code $ion_1_0 {Item:{...}}} (every line begins with the version marker)</li>
 * <li>incremental, DYNAMODB_JSON: {@code {"Metadata":{"WriteTimestampMicros":{"N":"..."}},"Keys":{...},
 *     "OldImage":{...},"NewImage":{...}}}, OldImage only with the NEW_AND_OLD_IMAGES view and when the item existed
 *     at the start, NewImage only when it exists at the end</li>
 * <li>incremental, ION: the same fields in an Ion struct (DynamoDB's form of it is not documented)</li>
 * </ul>
 */
public final class ExportLines {
    private static final IonTextWriterBuilder ION = IonTextWriterBuilder.minimal();

    private ExportLines() {
    }

    /** A full export's line for an item stored as typed JSON. */
    public static String item(String format, String storedJson) {
        if (format.equals("ION")) {
            Map<String, AttributeValue> item = AttributeValueJson.parseItem(storedJson);
            return ion(w -> {
                w.stepIn(IonType.STRUCT);
                w.setFieldName("Item");
                IonItems.write(w, item);
                w.stepOut();
            });
        }
        // compact, as DynamoDB writes it (PostgreSQL's text of a jsonb has spaces after its colons and commas)
        return "{\"Item\":" + compact(storedJson) + "}\n";
    }

    /**
     * An incremental export's line for an item that changed.
     *
     * @param oldImage null when the item did not exist at the start, or the view has no old images
     * @param newImage null when the item was deleted
     */
    public static String change(String format, Instant written, Map<String, AttributeValue> keys,
                                Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        long micros = written.getEpochSecond() * 1_000_000L + written.getNano() / 1_000;
        Map<String, Map<String, AttributeValue>> parts = new LinkedHashMap<>();
        parts.put("Keys", keys);
        if (oldImage != null) {
            parts.put("OldImage", oldImage);
        }
        if (newImage != null) {
            parts.put("NewImage", newImage);
        }
        if (format.equals("ION")) {
            return ion(w -> {
                w.stepIn(IonType.STRUCT);
                w.setFieldName("Metadata");
                w.stepIn(IonType.STRUCT);
                w.setFieldName("WriteTimestampMicros");
                w.writeInt(micros);
                w.stepOut();
                for (Map.Entry<String, Map<String, AttributeValue>> p : parts.entrySet()) {
                    w.setFieldName(p.getKey());
                    IonItems.write(w, p.getValue());
                }
                w.stepOut();
            });
        }
        StringBuilder line = new StringBuilder("{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"").append(micros)
                .append("\"}}");
        for (Map.Entry<String, Map<String, AttributeValue>> p : parts.entrySet()) {
            line.append(",\"").append(p.getKey()).append("\":").append(new String(io.jynamo.core.json.Json.write(
                    g -> AttributeValueJson.writeItem(g, p.getValue())), java.nio.charset.StandardCharsets.UTF_8));
        }
        return line.append("}\n").toString();
    }

    private static String compact(String json) {
        try {
            return io.jynamo.core.json.Json.MAPPER.readTree(json).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface IonBody {
        void write(IonWriter w) throws IOException;
    }

    private static String ion(IonBody body) {
        StringBuilder out = new StringBuilder("$ion_1_0 ");
        try (IonWriter w = ION.build(out)) {
            body.write(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }
}
