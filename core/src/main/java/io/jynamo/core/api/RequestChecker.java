package io.jynamo.core.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import io.jynamo.core.json.Json;

import java.io.IOException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a request body against its {@link Shape} in DynamoDB's order, and returns it normalised.
 *
 * <ol>
 *   <li>Types, by {@link ShapeReader}: a member of the wrong JSON type is a SerializationException.</li>
 *   <li>Required members ("The parameter 'X' is required but was not present in the request").</li>
 *   <li>Constraints, collected (at most ten) into one ValidationException.</li>
 * </ol>
 *
 * <p>The messages follow those recorded from DynamoDB by dynalite's test suite.
 */
public final class RequestChecker {
    private static final int MAX_REPORTED_ERRORS = 10;
    /** The characters of a value shown in a constraint message. */
    static final int MAX_DISPLAYED = 64 * 1024;
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
                normalised = new ShapeReader(p, RequestMemory.meter(body.length)).readStruct(request, true);
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
        // the member's path is for messages and for its children's paths: built only when one needs it
        MemberPath path = new MemberPath(parent, name, modern);
        if (value == null) {
            if (shape.isNotNull()) {
                add(errors, null, shape, path.get(), "Member must not be null", modern);
            }
            return;
        }
        if (shape.minValue() != null && value.longValue() < shape.minValue()) {
            add(errors, value, shape, path.get(), "Member must have value greater than or equal to " + shape.minValue(), modern);
        }
        if (shape.maxValue() != null && value.longValue() > shape.maxValue()) {
            add(errors, value, shape, path.get(), "Member must have value less than or equal to " + shape.maxValue(), modern);
        }
        if (shape.enumValues() != null && !shape.enumValues().contains(value.textValue())) {
            add(errors, value, shape, path.get(), "Member must satisfy enum value set: ["
                    + String.join(", ", shape.enumValues()) + "]", modern);
        }
        // An empty string is reported against its minimum length only, never against the pattern.
        if (shape.regex() != null && !value.textValue().isEmpty() && !shape.regex().matcher(value.textValue()).matches()) {
            add(errors, value, shape, path.get(), "Member must satisfy regular expression pattern: " + shape.regexText(), modern);
        }
        if (shape.minLengthValue() != null && length(value) < shape.minLengthValue()) {
            add(errors, value, shape, path.get(), "Member must have length greater than or equal to " + shape.minLengthValue(), modern);
        }
        if (shape.maxLengthValue() != null && length(value) > shape.maxLengthValue()) {
            add(errors, value, shape, path.get(), "Member must have length less than or equal to " + shape.maxLengthValue(), modern);
        }
        if (shape.nameMinimumValue() != null && value.isTextual() && !value.textValue().isEmpty()
                && value.textValue().length() < shape.nameMinimumValue()) {
            add(names, value, shape, path.get(), "Member must have length greater than or equal to "
                    + shape.nameMinimumValue(), modern);
        }
        if (shape.kind() == Shape.Kind.MAP && shape.mapKeys() != null) {
            checkMapKeys(value, shape, path.get(), errors, modern);
        }
        switch (shape.kind()) {
            case LIST:
                checkListMembers(path.get(), value, shape, errors, names, modern);
                break;
            case MAP:
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (shape.element().kind() == Shape.Kind.LIST && !modern) {
                        checkMapValue(value, e.getValue(), shape, path.get(), errors);
                        checkListMembers(path.get() + "." + e.getKey() + ".member", e.getValue(), shape.element(), errors,
                                names, false);
                        continue;
                    }
                    checkConstraints(path.get() + "." + e.getKey(), "member", e.getValue(), shape.element(), errors,
                            names, modern);
                }
                break;
            case STRUCT:
                for (Map.Entry<String, Shape> m : shape.members().entrySet()) {
                    checkConstraints(path.get(), m.getKey(), value.get(m.getKey()), m.getValue(), errors, names, modern);
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
     *
     * <p>At most {@link #MAX_DISPLAYED} characters of it, ending in "...": DynamoDB echoes the whole value, but a
     * list of a million requests must not become a message of a hundred million characters.
     */
    static String display(JsonNode value, Shape shape) {
        StringBuilder sb = new StringBuilder();
        display(value, shape, sb);
        if (sb.length() > MAX_DISPLAYED) {
            sb.setLength(MAX_DISPLAYED);
            sb.append("...");
        }
        return sb.toString();
    }

    /** Appends {@code value} to {@code sb}, stopping once it is longer than shown. */
    private static void display(JsonNode value, Shape shape, StringBuilder sb) {
        switch (shape.kind()) {
            case LIST: {
                sb.append('[');
                for (int i = 0; i < value.size() && sb.length() <= MAX_DISPLAYED; i++) {
                    sb.append(i > 0 ? ", " : "");
                    if (value.get(i).isNull()) {
                        sb.append("null");
                    } else {
                        display(value.get(i), shape.element(), sb);
                    }
                }
                sb.append(']');
                return;
            }
            case MAP: {
                sb.append('{');
                boolean first = true;
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields();
                     it.hasNext() && sb.length() <= MAX_DISPLAYED; ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    sb.append(first ? "" : ", ").append(e.getKey()).append('=');
                    display(e.getValue(), shape.element(), sb);
                    first = false;
                }
                sb.append('}');
                return;
            }
            case STRUCT: {
                sb.append(shape.typeName()).append('(');
                boolean first = true;
                for (Map.Entry<String, Shape> m : shape.members().entrySet()) {
                    if (sb.length() > MAX_DISPLAYED) {
                        break;
                    }
                    JsonNode v = value.get(m.getKey());
                    sb.append(first ? "" : ", ").append(lowerFirst(m.getKey())).append('=');
                    if (v == null) {
                        sb.append("null");
                    } else {
                        display(v, m.getValue(), sb);
                    }
                    first = false;
                }
                sb.append(')');
                return;
            }
            case ATTRIBUTE_VALUE:
                sb.append(MODEL_PACKAGE).append("AttributeValue@").append(Integer.toHexString(System.identityHashCode(value)));
                return;
            case BLOB:
                sb.append("java.nio.HeapByteBuffer[pos=0 lim=").append(length(value)).append(" cap=")
                        .append(length(value)).append(']');
                return;
            default:
                String text = value.asText();
                sb.append(text, 0, Math.min(text.length(), MAX_DISPLAYED + 1));
        }
    }

    /** A member's path in messages ("tableName", "key.member.n"), built on first use. */
    private static final class MemberPath {
        private final String parent;
        private final String name;
        private final boolean modern;
        private String text;

        MemberPath(String parent, String name, boolean modern) {
            this.parent = parent;
            this.name = name;
            this.modern = modern;
        }

        String get() {
            if (text == null) {
                text = (parent.isEmpty() ? "" : parent + ".") + (modern ? name : lowerFirst(name));
            }
            return text;
        }
    }

    static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
