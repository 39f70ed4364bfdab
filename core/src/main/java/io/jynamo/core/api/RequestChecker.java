package io.jynamo.core.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import io.jynamo.core.json.Json;

import java.io.IOException;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a request body against its {@link Shape} in DynamoDB's order, and returns it normalised.
 *
 * <ol>
 *   <li>Types: a member of the wrong JSON type is a SerializationException with the message DynamoDB's Java
 *       deserializer gives. Unknown members and JSON nulls are dropped; booleans given as "true"/"yes"/"1" strings are
 *       accepted and integers given with a fraction are truncated, as DynamoDB does. Base64 blobs are decoded.</li>
 *   <li>Required members ("The parameter 'X' is required but was not present in the request").</li>
 *   <li>Constraints, collected (at most ten) into one ValidationException.</li>
 * </ol>
 *
 * <p>The messages follow those recorded from DynamoDB by dynalite's test suite.
 */
public final class RequestChecker {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_REPORTED_ERRORS = 10;
    private static final String MODEL_PACKAGE = "com.amazonaws.dynamodb.v20120810.";

    private RequestChecker() {
    }

    /**
     * Reads {@code body} against {@code request} (a struct shape) and returns the normalised request.
     *
     * <p>The body is read as a stream against the shape, so nothing is built of a member that has the wrong type or
     * that the shape does not know: a hostile body fails at its first misplaced token. Only when the body does not
     * fit its shape is it read through once more to the end, so that a syntax error anywhere in it wins, as it does
     * in DynamoDB (which parses the whole document first).
     */
    public static ObjectNode check(byte[] body, Shape request) {
        ObjectNode normalised;
        try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new DynamoException(ErrorType.SERIALIZATION, null);
            }
            if (first == JsonToken.START_ARRAY) {
                Json.checkRequestSyntax(body);
                throw DynamoException.serialization("Start of list found where not expected");
            }
            if (first != JsonToken.START_OBJECT) {
                Json.checkRequestSyntax(body);
                throw DynamoException.serialization("Unexpected token received from parser");
            }
            try {
                normalised = readStruct(p, request);
            } catch (DynamoException wrongType) {
                // a syntax error further on takes precedence over a member of the wrong type
                Json.checkRequestSyntax(body);
                throw wrongType;
            }
            if (p.nextToken() != null) {
                // "{}{": not one JSON document
                throw new DynamoException(ErrorType.SERIALIZATION, null);
            }
        } catch (IOException e) {
            throw Json.syntaxError(e);
        }
        checkRequired(normalised, request);
        List<String> errors = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Shape> m : request.members().entrySet()) {
            checkConstraints("", m.getKey(), normalised.get(m.getKey()), m.getValue(), errors, names,
                    m.getValue().hasModernMessages());
        }
        if (!errors.isEmpty()) {
            throw validationErrors(errors);
        }
        if (!names.isEmpty()) {
            // names too short for a table, checked once the model's constraints hold
            throw validationErrors(names);
        }
        return normalised;
    }

    private static DynamoException validationErrors(List<String> errors) {
        return DynamoException.validation(errors.size() + " validation error" + (errors.size() > 1 ? "s" : "")
                + " detected: " + String.join("; ", errors));
    }

    // ---- 1. types ---------------------------------------------------------------------------------------------

    /** Reads the members of the object whose START_OBJECT is the current token, up to its END_OBJECT. */
    private static ObjectNode readStruct(JsonParser p, Shape shape) throws IOException {
        ObjectNode out = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            Shape member = shape.members().get(p.currentName());
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (member == null) {
                // unknown members are ignored, as DynamoDB ignores them, without being built
                p.skipChildren();
            } else if (value != JsonToken.VALUE_NULL) {
                out.set(name, readValue(p, member, false));
            } else {
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
     */
    private static JsonNode readValue(JsonParser p, Shape shape, boolean asElement) throws IOException {
        JsonToken t = p.currentToken();
        switch (shape.kind()) {
            case STRING:
                if (t == JsonToken.VALUE_STRING) {
                    return NODES.textNode(p.getText());
                }
                throw scalarMismatch(p, "String", "class java.lang.String");
            case BOOLEAN:
                return readBoolean(p);
            case INTEGER:
            case LONG:
                return readInteger(p, shape.kind() == Shape.Kind.INTEGER ? "Integer" : "Long");
            case BLOB:
                return readBlob(p);
            case LIST:
                if (t == JsonToken.START_ARRAY) {
                    ArrayNode out = NODES.arrayNode();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        out.add(p.currentToken() == JsonToken.VALUE_NULL ? NODES.nullNode()
                                : readValue(p, shape.element(), true));
                    }
                    return out;
                }
                if (t == JsonToken.START_OBJECT) {
                    throw DynamoException.serialization("Start of structure or map found where not expected");
                }
                throw DynamoException.serialization("Unexpected field type");
            case MAP:
                if (t == JsonToken.START_OBJECT) {
                    ObjectNode out = NODES.objectNode();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        if (p.nextToken() == JsonToken.VALUE_NULL) {
                            out.remove(key);
                        } else {
                            out.set(key, readValue(p, shape.element(), true));
                        }
                    }
                    return out;
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
                return readStruct(p, shape);
            case ATTRIBUTE_VALUE:
                structOrFail(t, "AttributeValue", asElement);
                return readStruct(p, AttributeValueShape.SHAPE);
            default:
                throw new IllegalStateException("unknown shape " + shape);
        }
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

    private static DynamoException scalarMismatch(JsonParser p, String target, String collectionClass) {
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

    private static JsonNode readBoolean(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_STRING:
                switch (p.getText().toUpperCase(java.util.Locale.ROOT)) {
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
                throw scalarMismatch(p, "Boolean", null);
            case START_ARRAY:
                throw DynamoException.serialization("Unrecognized collection type class java.lang.Boolean");
            default:
                throw DynamoException.serialization("Start of structure or map found where not expected");
        }
    }

    private static JsonNode readInteger(JsonParser p, String target) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            boolean integral = t == JsonToken.VALUE_NUMBER_INT;
            boolean isInt = target.equals("Integer");
            if (!(isInt ? fitsInt(p, integral) : fitsLong(p, integral))) {
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
        throw scalarMismatch(p, target, "class java.lang." + target);
    }

    private static boolean fitsInt(JsonParser p, boolean integral) throws IOException {
        if (integral) {
            return p.getNumberType() == JsonParser.NumberType.INT;
        }
        double d = p.getDoubleValue();
        return d >= Integer.MIN_VALUE && d < Integer.MAX_VALUE + 1.0;
    }

    private static boolean fitsLong(JsonParser p, boolean integral) throws IOException {
        if (integral) {
            JsonParser.NumberType type = p.getNumberType();
            return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG;
        }
        double d = p.getDoubleValue();
        return d >= -9.223372036854775808E18 && d < 9.223372036854775807E18;
    }

    private static JsonNode readBlob(JsonParser p) throws IOException {
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

    // ---- 2. required members ----------------------------------------------------------------------------------

    private static void checkRequired(ObjectNode request, Shape shape) {
        for (Map.Entry<String, Shape> m : shape.members().entrySet()) {
            Shape member = m.getValue();
            JsonNode value = request.get(m.getKey());
            if (member.isRequired() && value == null) {
                throw DynamoException.validation(
                        "The parameter '" + m.getKey() + "' is required but was not present in the request");
            }
        }
    }

    // ---- 3. constraints ---------------------------------------------------------------------------------------

    /** @param modern whether violations are reported in DynamoDB's newer form (see {@link Shape#modernMessages}) */
    private static void checkConstraints(String parent, String name, JsonNode value, Shape shape, List<String> errors,
                                         List<String> names, boolean modern) {
        String path = (parent.isEmpty() ? "" : parent + ".") + (modern ? name : lowerFirst(name));
        if (shape.isNotNull() && value == null) {
            add(errors, null, shape, path, "Member must not be null", modern);
        }
        if (value == null) {
            return;
        }
        if (shape.minValue() != null && value.longValue() < shape.minValue()) {
            add(errors, value, shape, path, "Member must have value greater than or equal to " + shape.minValue(), modern);
        }
        if (shape.maxValue() != null && value.longValue() > shape.maxValue()) {
            add(errors, value, shape, path, "Member must have value less than or equal to " + shape.maxValue(), modern);
        }
        if (shape.enumValues() != null && !shape.enumValues().contains(value.textValue())) {
            add(errors, value, shape, path, "Member must satisfy enum value set: ["
                    + String.join(", ", shape.enumValues()) + "]", modern);
        }
        // An empty string is reported against its minimum length only, never against the pattern.
        if (shape.regex() != null && !value.textValue().isEmpty() && !shape.regex().matcher(value.textValue()).matches()) {
            add(errors, value, shape, path, "Member must satisfy regular expression pattern: " + shape.regexText(), modern);
        }
        if (shape.minLengthValue() != null && length(value) < shape.minLengthValue()) {
            add(errors, value, shape, path, "Member must have length greater than or equal to " + shape.minLengthValue(), modern);
        }
        if (shape.maxLengthValue() != null && length(value) > shape.maxLengthValue()) {
            add(errors, value, shape, path, "Member must have length less than or equal to " + shape.maxLengthValue(), modern);
        }
        if (shape.nameMinimumValue() != null && value.isTextual() && !value.textValue().isEmpty()
                && value.textValue().length() < shape.nameMinimumValue()) {
            add(names, value, shape, path, "Member must have length greater than or equal to "
                    + shape.nameMinimumValue(), modern);
        }
        if (shape.kind() == Shape.Kind.MAP && shape.mapKeys() != null) {
            checkMapKeys(value, shape, path, errors, modern);
        }
        switch (shape.kind()) {
            case LIST:
                checkListMembers(path, value, shape, errors, names, modern);
                break;
            case MAP:
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (shape.element().kind() == Shape.Kind.LIST && !modern) {
                        checkMapValue(value, e.getValue(), shape, path, errors);
                        checkListMembers(path + "." + e.getKey() + ".member", e.getValue(), shape.element(), errors,
                                names, false);
                        continue;
                    }
                    checkConstraints(path + "." + e.getKey(), "member", e.getValue(), shape.element(), errors,
                            names, modern);
                }
                break;
            case STRUCT:
                for (Map.Entry<String, Shape> m : shape.members().entrySet()) {
                    checkConstraints(path, m.getKey(), value.get(m.getKey()), m.getValue(), errors, names, modern);
                }
                break;
            default:
                break;
        }
    }

    /** The members of a list, each at {@code path.N.member}. */
    private static void checkListMembers(String path, JsonNode list, Shape shape, List<String> errors,
                                         List<String> names, boolean modern) {
        int i = 1;
        for (JsonNode e : list) {
            Shape element = shape.element();
            // a list's members are never null in DynamoDB's model; attribute values have rules of their own
            if (e.isNull() && element.kind() != Shape.Kind.ATTRIBUTE_VALUE) {
                element = element.notNull();
            }
            checkConstraints(path + "." + i++, "member", e.isNull() ? null : e, element, errors, names, modern);
        }
    }

    private static int length(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue().length();
        }
        if (value.isBinary()) {
            return ((com.fasterxml.jackson.databind.node.BinaryNode) value).binaryValue().length;
        }
        return value.size();
    }

    private static void add(List<String> errors, JsonNode value, Shape shape, String path, String constraint,
                            boolean modern) {
        if (errors.size() >= MAX_REPORTED_ERRORS) {
            return;
        }
        if (modern) {
            errors.add("Value at '" + path + "' failed to satisfy constraint: " + constraint);
            return;
        }
        String shown = value == null ? "null" : "'" + display(value, shape) + "'";
        errors.add("Value " + shown + " at '" + path + "' failed to satisfy constraint: " + constraint);
    }

    /** Map keys failing their constraints, one error per key, listing all the key constraints. */
    private static void checkMapKeys(JsonNode map, Shape shape, String path, List<String> errors, boolean modern) {
        Shape keys = shape.mapKeys();
        for (Iterator<String> it = map.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            boolean ok = (keys.maxLengthValue() == null || key.length() <= keys.maxLengthValue())
                    && (keys.minLengthValue() == null || key.length() >= keys.minLengthValue())
                    && (keys.regex() == null || keys.regex().matcher(key).matches());
            if (!ok) {
                List<String> constraints = new ArrayList<>();
                if (keys.maxLengthValue() != null) {
                    constraints.add("Member must have length less than or equal to " + keys.maxLengthValue());
                }
                if (keys.minLengthValue() != null) {
                    constraints.add("Member must have length greater than or equal to " + keys.minLengthValue());
                }
                if (keys.regex() != null) {
                    constraints.add("Member must satisfy regular expression pattern: " + keys.regexText());
                }
                add(errors, map, shape, path, "Map keys must satisfy constraint: [" + String.join(", ", constraints)
                        + "]", modern);
            }
        }
    }

    /**
     * A map whose values are lists (BatchWriteItem's RequestItems) reports a value's length violations as "Map value
     * must satisfy constraint: [...]" against the whole map.
     */
    private static void checkMapValue(JsonNode map, JsonNode value, Shape shape, String path, List<String> errors) {
        Shape list = shape.element();
        boolean ok = (list.maxLengthValue() == null || value.size() <= list.maxLengthValue())
                && (list.minLengthValue() == null || value.size() >= list.minLengthValue());
        if (!ok) {
            List<String> constraints = new ArrayList<>();
            if (list.maxLengthValue() != null) {
                constraints.add("Member must have length less than or equal to " + list.maxLengthValue());
            }
            if (list.minLengthValue() != null) {
                constraints.add("Member must have length greater than or equal to " + list.minLengthValue());
            }
            add(errors, map, shape, path, "Map value must satisfy constraint: [" + String.join(", ", constraints)
                    + "]", false);
        }
    }

    /**
     * How DynamoDB (a Java service) shows a value in a constraint message: the {@code toString()} of its model
     * object. Lists as {@code [a, b]}, maps as {@code {k=v}}, structures as {@code Name(member=value, ...)},
     * attribute values by identity, scalars bare.
     */
    static String display(JsonNode value, Shape shape) {
        switch (shape.kind()) {
            case LIST: {
                StringBuilder sb = new StringBuilder("[");
                for (int i = 0; i < value.size(); i++) {
                    sb.append(i > 0 ? ", " : "").append(value.get(i).isNull() ? "null"
                            : display(value.get(i), shape.element()));
                }
                return sb.append(']').toString();
            }
            case MAP: {
                StringBuilder sb = new StringBuilder("{");
                boolean first = true;
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    sb.append(first ? "" : ", ").append(e.getKey()).append('=')
                            .append(display(e.getValue(), shape.element()));
                    first = false;
                }
                return sb.append('}').toString();
            }
            case STRUCT: {
                StringBuilder sb = new StringBuilder(shape.typeName()).append('(');
                boolean first = true;
                for (Map.Entry<String, Shape> m : shape.members().entrySet()) {
                    JsonNode v = value.get(m.getKey());
                    sb.append(first ? "" : ", ").append(lowerFirst(m.getKey())).append('=')
                            .append(v == null ? "null" : display(v, m.getValue()));
                    first = false;
                }
                return sb.append(')').toString();
            }
            case ATTRIBUTE_VALUE:
                return MODEL_PACKAGE + "AttributeValue@" + Integer.toHexString(value.hashCode());
            case BLOB:
                return "java.nio.HeapByteBuffer[pos=0 lim=" + length(value) + " cap=" + length(value) + "]";
            default:
                return value.asText();
        }
    }

    static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
