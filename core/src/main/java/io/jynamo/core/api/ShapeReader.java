package io.jynamo.core.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.error.DynamoException;

import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;

/**
 * The first of {@link RequestChecker}'s steps: reads a body as a token stream against its shape and builds the
 * normalised tree. A member of the wrong JSON type is a SerializationException with the message DynamoDB's Java
 * deserializer gives. Unknown members and JSON nulls are dropped; booleans given as "true"/"yes"/"1" strings are
 * accepted and integers given with a fraction are truncated, as DynamoDB does. Base64 blobs are decoded.
 *
 * <p>What it builds is bounded twice over. A list or map is built only up to one element past its shape's maximum
 * length, enough for the length constraint to fail: the rest is read for its types (a type error anywhere still
 * wins, as in DynamoDB) but not kept, so a BatchWriteItem of a million requests costs what one of 26 does. And
 * every node is charged to the request's {@link RequestMemory} as it is made, at the estimates below, so a body
 * whose every token fits its shape (an item whose list holds millions of values) takes no more of the heap than
 * the server grants it.
 */
final class ShapeReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MODEL_PACKAGE = "com.amazonaws.dynamodb.v20120810.";

    // What the nodes cost on a 64-bit JVM with compressed references, rounded up. Checked against the heap's
    // occupancy after building PutItem trees of a million values (charged / measured, in bytes per body byte):
    // L of {} 37.3 / 28.1, L of {"S":"x"} 23.4 / 21.3, L of {"NULL":true} 12.0 / 10.6, SS of "x" 18.5 / 17.2,
    // 500,000 attributes 17.4 / 15.4, L of 1,000-character strings 2.2 / 1.2.
    /** An ObjectNode with its LinkedHashMap and a table of two slots. */
    private static final int OBJECT = 104;
    /** A member of an ObjectNode: the map's entry and its share of the table. */
    private static final int MEMBER = 56;
    /** The key of a map's entry (an attribute name, say): its String, before the characters. */
    private static final int KEY = 48;
    /** An ArrayNode with its ArrayList. */
    private static final int ARRAY = 64;
    /** An element of an ArrayNode: its slot, with the list's spare capacity. */
    private static final int ELEMENT = 8;
    /** A TextNode and its String, before the characters (at most two bytes each). */
    private static final int TEXT = 64;
    /** A BinaryNode and its array, before the bytes. */
    private static final int BINARY = 40;
    /** A number node. */
    private static final int NUMBER = 24;

    private final JsonParser p;
    private final RequestMemory.Meter meter;

    ShapeReader(JsonParser p, RequestMemory.Meter meter) {
        this.p = p;
        this.meter = meter;
    }

    /**
     * Reads the members of the object whose START_OBJECT is the current token, up to its END_OBJECT.
     *
     * @param build whether to build the structure, or only to check the types of what it holds
     */
    ObjectNode readStruct(Shape shape, boolean build) throws IOException {
        ObjectNode out = null;
        if (build) {
            // few structures have more than two members, and attribute values have one
            out = new ObjectNode(NODES, new LinkedHashMap<>(2));
            meter.add(OBJECT);
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            Shape member = shape.members().get(p.currentName());
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (member == null) {
                // unknown members are ignored, as DynamoDB ignores them, without being built
                p.skipChildren();
            } else if (value != JsonToken.VALUE_NULL) {
                JsonNode v = readValue(member, false, build);
                if (build) {
                    out.set(name, v);
                    meter.add(MEMBER);
                }
            } else if (build) {
                // a JSON null is the same as an absent member
                out.remove(name);
            }
        }
        return out;
    }

    /**
     * Reads the value whose first token is the current one.
     *
     * @param asElement whether the value is an element of a list or map (Coral's messages for a misplaced struct
     *                  differ between a struct that is a member and one that is an element)
     * @param build     whether to build the value (else null is returned once its types are checked)
     */
    private JsonNode readValue(Shape shape, boolean asElement, boolean build) throws IOException {
        JsonToken t = p.currentToken();
        switch (shape.kind()) {
            case STRING:
                if (t == JsonToken.VALUE_STRING) {
                    return build ? text(p.getText()) : null;
                }
                throw scalarMismatch("String", "class java.lang.String");
            case BOOLEAN:
                return readBoolean();
            case INTEGER:
            case LONG:
                JsonNode number = readInteger(shape.kind() == Shape.Kind.INTEGER ? "Integer" : "Long");
                meter.add(build ? NUMBER : 0);
                return number;
            case DOUBLE:
                if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    meter.add(build ? NUMBER : 0);
                    return build ? NODES.numberNode(p.getDoubleValue()) : null;
                }
                throw scalarMismatch("Double", "class java.lang.Double");
            case TIMESTAMP:
                if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    meter.add(build ? NUMBER : 0);
                    return build ? NODES.numberNode(p.getDecimalValue()) : null;
                }
                if (t == JsonToken.VALUE_STRING) {
                    // Coral's words for a timestamp given as text (recorded from SWF, another Coral JSON service)
                    throw DynamoException.serialization(
                            "class java.lang.String can not be converted to milliseconds since epoch");
                }
                throw scalarMismatch("Date", "class java.util.Date");
            case BLOB:
                return readBlob(build);
            case LIST:
                if (t == JsonToken.START_ARRAY) {
                    return readList(shape, build);
                }
                if (t == JsonToken.START_OBJECT) {
                    throw DynamoException.serialization("Start of structure or map found where not expected");
                }
                throw DynamoException.serialization("Unexpected field type");
            case MAP:
                if (t == JsonToken.START_OBJECT) {
                    return readMap(shape, build);
                }
                if (t == JsonToken.START_ARRAY) {
                    String valueType = shape.element().kind() == Shape.Kind.STRING
                            ? "java.lang.String" : MODEL_PACKAGE + shape.element().typeName();
                    throw DynamoException.serialization(
                            "Unrecognized collection type java.util.Map<java.lang.String, " + valueType + ">");
                }
                throw DynamoException.serialization("Unexpected field type");
            case STRUCT:
                structOrFail(t, shape.typeName(), asElement);
                return readStruct(shape, build);
            case ATTRIBUTE_VALUE:
                structOrFail(t, "AttributeValue", asElement);
                return readStruct(AttributeValueShape.SHAPE, build);
            default:
                throw new IllegalStateException("unknown shape " + shape);
        }
    }

    /** The elements up to one past the shape's maximum are kept: enough for its length constraint to fail. */
    private static int kept(Shape shape) {
        Integer max = shape.maxLengthValue();
        return max == null ? Integer.MAX_VALUE : max + 1;
    }

    private JsonNode readList(Shape shape, boolean build) throws IOException {
        ArrayNode out = null;
        if (build) {
            out = NODES.arrayNode();
            meter.add(ARRAY);
        }
        int keep = build ? kept(shape) : 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            boolean kept = out != null && out.size() < keep;
            JsonNode element = p.currentToken() == JsonToken.VALUE_NULL ? NODES.nullNode()
                    : readValue(shape.element(), true, kept);
            if (kept) {
                out.add(element);
                meter.add(ELEMENT);
            }
        }
        return out;
    }

    private JsonNode readMap(Shape shape, boolean build) throws IOException {
        ObjectNode out = null;
        if (build) {
            out = NODES.objectNode();
            meter.add(OBJECT);
        }
        int keep = build ? kept(shape) : 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                if (out != null) {
                    out.remove(key);
                }
                continue;
            }
            boolean kept = out != null && out.size() < keep;
            JsonNode value = readValue(shape.element(), true, kept);
            if (kept) {
                out.set(key, value);
                meter.add(MEMBER + KEY + 2L * key.length());
            }
        }
        return out;
    }

    private JsonNode text(String s) {
        meter.add(TEXT + 2L * s.length());
        return NODES.textNode(s);
    }

    private static void structOrFail(JsonToken t, String typeName, boolean asElement) {
        if (t == JsonToken.START_OBJECT) {
            return;
        }
        if (t == JsonToken.START_ARRAY) {
            throw DynamoException.serialization("Unrecognized collection type class " + MODEL_PACKAGE + typeName);
        }
        throw DynamoException.serialization(asElement ? "Unexpected value type in payload" : "Unexpected field type");
    }

    private DynamoException scalarMismatch(String target, String collectionClass) {
        switch (p.currentToken()) {
            case VALUE_TRUE:
            case VALUE_FALSE:
                return DynamoException.serialization(
                        (p.currentToken() == JsonToken.VALUE_TRUE ? "TRUE_VALUE" : "FALSE_VALUE")
                                + " cannot be converted to " + target);
            case VALUE_NUMBER_INT:
                return DynamoException.serialization("NUMBER_VALUE cannot be converted to " + target);
            case VALUE_NUMBER_FLOAT:
                return DynamoException.serialization("DECIMAL_VALUE cannot be converted to " + target);
            case VALUE_STRING:
                return DynamoException.serialization("STRING_VALUE cannot be converted to " + target);
            case START_ARRAY:
                return DynamoException.serialization("Unrecognized collection type " + collectionClass);
            default:
                return DynamoException.serialization("Start of structure or map found where not expected");
        }
    }

    /** Boolean nodes are shared, so they cost nothing to build. */
    private JsonNode readBoolean() throws IOException {
        switch (p.currentToken()) {
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_STRING:
                switch (p.getText().toUpperCase(Locale.ROOT)) {
                    case "TRUE":
                    case "1":
                    case "YES":
                        return NODES.booleanNode(true);
                    case "FALSE":
                    case "0":
                    case "NO":
                        return NODES.booleanNode(false);
                    default:
                        throw DynamoException.serialization("Unexpected token received from parser");
                }
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                throw scalarMismatch("Boolean", null);
            case START_ARRAY:
                throw DynamoException.serialization("Unrecognized collection type class java.lang.Boolean");
            default:
                throw DynamoException.serialization("Start of structure or map found where not expected");
        }
    }

    private JsonNode readInteger(String target) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            boolean integral = t == JsonToken.VALUE_NUMBER_INT;
            boolean isInt = target.equals("Integer");
            if (!(isInt ? fitsInt(integral) : fitsLong(integral))) {
                String shown = integral ? p.getText() : String.valueOf(p.getDoubleValue());
                throw DynamoException.serialization("Numeric value (" + shown + ") out of range of "
                        + (isInt ? "int" : "long"));
            }
            // Coral truncates a fraction given for an integer member.
            long v = integral ? p.getLongValue() : (long) Math.floor(p.getDoubleValue());
            return NODES.numberNode(v);
        }
        if (t == JsonToken.VALUE_STRING) {
            throw DynamoException.serialization("STRING_VALUE cannot be converted to " + target);
        }
        throw scalarMismatch(target, "class java.lang." + target);
    }

    private boolean fitsInt(boolean integral) throws IOException {
        if (integral) {
            return p.getNumberType() == JsonParser.NumberType.INT;
        }
        double d = p.getDoubleValue();
        return d >= Integer.MIN_VALUE && d < Integer.MAX_VALUE + 1.0;
    }

    private boolean fitsLong(boolean integral) throws IOException {
        if (integral) {
            JsonParser.NumberType type = p.getNumberType();
            return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG;
        }
        double d = p.getDoubleValue();
        return d >= -9.223372036854775808E18 && d < 9.223372036854775807E18;
    }

    private JsonNode readBlob(boolean build) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            String text = p.getText();
            if (text.length() % 4 != 0) {
                throw DynamoException.serialization(
                        "Base64 encoded length is expected a multiple of 4 bytes but found: " + text.length());
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw invalidBase64();
            }
            // The JDK decoder tolerates non-zero bits in the last character; DynamoDB does not.
            if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
                throw invalidBase64();
            }
            if (!build) {
                return null;
            }
            meter.add(BINARY + bytes.length);
            return NODES.binaryNode(bytes);
        }
        if (t == JsonToken.START_ARRAY) {
            throw DynamoException.serialization("Unrecognized collection type class java.nio.ByteBuffer");
        }
        if (t == JsonToken.START_OBJECT) {
            throw DynamoException.serialization("Start of structure or map found where not expected");
        }
        throw DynamoException.serialization("only base-64-encoded strings are convertible to bytes");
    }

    private static DynamoException invalidBase64() {
        // (sic) DynamoDB's spelling.
        return DynamoException.serialization("Invalid last non-pad Base64 character dectected");
    }
}
