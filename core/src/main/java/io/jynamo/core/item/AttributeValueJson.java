package io.jynamo.core.item;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jynamo.core.json.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB's typed JSON for attribute values ({@code {"price":{"N":"12.5"}}}), written to responses and to the
 * stored JSONB documents, and read back from storage.
 *
 * <p>Reading is for trusted JSON only (what {@link #writeItem} wrote); request JSON goes through
 * {@link AttributeValueReader}, which validates.
 */
public final class AttributeValueJson {
    private AttributeValueJson() {
    }

    public static void writeItem(JsonGenerator g, Map<String, AttributeValue> item) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            g.writeFieldName(e.getKey());
            write(g, e.getValue());
        }
        g.writeEndObject();
    }

    public static void write(JsonGenerator g, AttributeValue value) throws IOException {
        g.writeStartObject();
        switch (value.type()) {
            case S:
                g.writeStringField("S", ((AttributeValue.S) value).value());
                break;
            case N:
                g.writeStringField("N", ((AttributeValue.N) value).value().toString());
                break;
            case B:
                g.writeFieldName("B");
                g.writeString(Base64.getEncoder().encodeToString(((AttributeValue.B) value).value()));
                break;
            case BOOL:
                g.writeBooleanField("BOOL", ((AttributeValue.Bool) value).value());
                break;
            case NULL:
                g.writeBooleanField("NULL", true);
                break;
            case SS:
                g.writeArrayFieldStart("SS");
                for (String s : ((AttributeValue.SS) value).values()) {
                    g.writeString(s);
                }
                g.writeEndArray();
                break;
            case NS:
                g.writeArrayFieldStart("NS");
                for (DynamoNumber n : ((AttributeValue.NS) value).values()) {
                    g.writeString(n.toString());
                }
                g.writeEndArray();
                break;
            case BS:
                g.writeArrayFieldStart("BS");
                for (byte[] b : ((AttributeValue.BS) value).values()) {
                    g.writeString(Base64.getEncoder().encodeToString(b));
                }
                g.writeEndArray();
                break;
            case L:
                g.writeArrayFieldStart("L");
                for (AttributeValue e : ((AttributeValue.L) value).values()) {
                    write(g, e);
                }
                g.writeEndArray();
                break;
            case M:
                g.writeFieldName("M");
                writeItem(g, ((AttributeValue.M) value).values());
                break;
            default:
                throw new IllegalStateException("unknown type " + value.type());
        }
        g.writeEndObject();
    }

    /** Reads an attribute map; the parser is positioned before or on its START_OBJECT. */
    /** An item from its typed JSON text (as stored). */
    public static Map<String, AttributeValue> parseItem(String json) {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
            return readItem(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static Map<String, AttributeValue> readItem(JsonParser p) throws IOException {
        JsonToken t = p.currentToken() == JsonToken.START_OBJECT ? p.currentToken() : p.nextToken();
        expect(t, JsonToken.START_OBJECT);
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            item.put(name, read(p));
        }
        return item;
    }

    /** Reads one attribute value; the parser is on its START_OBJECT. */
    public static AttributeValue read(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT);
        expect(p.nextToken(), JsonToken.FIELD_NAME);
        String type = p.currentName();
        JsonToken t = p.nextToken();
        AttributeValue value;
        switch (type) {
            case "S":
                value = new AttributeValue.S(p.getText());
                break;
            case "N":
                value = new AttributeValue.N(DynamoNumber.parse(p.getText()));
                break;
            case "B":
                value = new AttributeValue.B(Base64.getDecoder().decode(p.getText()));
                break;
            case "BOOL":
                value = AttributeValue.Bool.of(t == JsonToken.VALUE_TRUE);
                break;
            case "NULL":
                value = AttributeValue.Null.INSTANCE;
                break;
            case "SS": {
                List<String> members = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    members.add(p.getText());
                }
                value = new AttributeValue.SS(members);
                break;
            }
            case "NS": {
                List<DynamoNumber> members = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    members.add(DynamoNumber.parse(p.getText()));
                }
                value = new AttributeValue.NS(members);
                break;
            }
            case "BS": {
                List<byte[]> members = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    members.add(Base64.getDecoder().decode(p.getText()));
                }
                value = new AttributeValue.BS(members);
                break;
            }
            case "L": {
                List<AttributeValue> members = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    members.add(read(p));
                }
                value = new AttributeValue.L(members);
                break;
            }
            case "M":
                value = new AttributeValue.M(readItem(p));
                break;
            default:
                throw new IOException("unknown attribute type in stored item: " + type);
        }
        expect(p.nextToken(), JsonToken.END_OBJECT);
        return value;
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("malformed stored item: expected " + expected + " but found " + actual);
        }
    }
}
