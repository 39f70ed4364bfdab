package io.jynamo.core.item;

import com.fasterxml.jackson.databind.JsonNode;
import io.jynamo.core.api.Limits;
import io.jynamo.core.error.DynamoException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds {@link AttributeValue}s from request JSON that already passed the type checks of
 * {@link io.jynamo.core.api.RequestChecker} (so {@code B} members hold decoded bytes), applying DynamoDB's rules
 * for values: exactly one data type, {@code NULL} only {@code true}, sets non-empty and duplicate-free, numbers
 * within range, nesting at most 32 levels. Each violation is DynamoDB's ValidationException.
 */
public final class AttributeValueReader {
    private static final String INVALID = "One or more parameter values were invalid: ";

    private AttributeValueReader() {
    }

    /** Reads an attribute map (an item or a key). */
    public static Map<String, AttributeValue> readMap(JsonNode map) {
        Map<String, AttributeValue> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), read(e.getValue(), 1));
        }
        return out;
    }

    public static AttributeValue read(JsonNode value) {
        return read(value, 1);
    }

    /**
     * @param depth 1 for a top-level attribute. DynamoDB's 32 levels count the item itself, so at most 31 maps or
     *              lists may enclose one another.
     */
    private static AttributeValue read(JsonNode value, int depth) {
        if (value.size() == 0) {
            throw DynamoException.validation(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        AttributeValue result = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            result = readType(e.getKey(), e.getValue(), depth);
        }
        if (value.size() > 1) {
            throw DynamoException.validation("Supplied AttributeValue has more than one datatypes set, "
                    + "must contain exactly one of the supported datatypes");
        }
        return result;
    }

    private static AttributeValue readType(String type, JsonNode v, int depth) {
        switch (type) {
            case "S":
                return new AttributeValue.S(v.textValue());
            case "N":
                return new AttributeValue.N(DynamoNumber.parse(v.textValue()));
            case "B":
                return new AttributeValue.B(binary(v));
            case "BOOL":
                return AttributeValue.Bool.of(v.booleanValue());
            case "NULL":
                if (!v.booleanValue()) {
                    throw DynamoException.validation(INVALID + "Null attribute value types must have the value of true");
                }
                return AttributeValue.Null.INSTANCE;
            case "SS":
                return readStringSet(v);
            case "NS":
                return readNumberSet(v);
            case "BS":
                return readBinarySet(v);
            case "M": {
                checkDepth(depth);
                Map<String, AttributeValue> map = new LinkedHashMap<>(Math.max(4, v.size() * 2));
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    map.put(e.getKey(), read(e.getValue(), depth + 1));
                }
                return new AttributeValue.M(map);
            }
            case "L": {
                checkDepth(depth);
                List<AttributeValue> list = new ArrayList<>(v.size());
                for (JsonNode e : v) {
                    if (e.isNull()) {
                        throw DynamoException.validation(
                                "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
                    }
                    list.add(read(e, depth + 1));
                }
                return new AttributeValue.L(list);
            }
            default:
                throw new IllegalStateException("unchecked attribute type " + type);
        }
    }

    private static void checkDepth(int depth) {
        if (depth >= Limits.MAX_NESTING_DEPTH) {
            throw DynamoException.validation("Nesting Levels have exceeded supported limits: Attributes in the item "
                    + "have nested levels beyond supported limit");
        }
    }

    private static AttributeValue readStringSet(JsonNode v) {
        if (v.size() == 0) {
            throw DynamoException.validation(INVALID + "An string set  may not be empty");
        }
        List<String> members = new ArrayList<>(v.size());
        Set<String> seen = new HashSet<>();
        boolean duplicate = false;
        for (JsonNode e : v) {
            if (e.isNull()) {
                throw DynamoException.validation(INVALID + "An string set may not have a null string");
            }
            String s = e.textValue();
            duplicate |= !seen.add(s);
            members.add(s);
        }
        if (duplicate) {
            throw DynamoException.validation(INVALID + "Input collection " + members + " contains duplicates.");
        }
        return new AttributeValue.SS(members);
    }

    private static AttributeValue readNumberSet(JsonNode v) {
        if (v.size() == 0) {
            throw DynamoException.validation(INVALID + "An number set  may not be empty");
        }
        List<DynamoNumber> members = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (e.isNull()) {
                throw DynamoException.validation(INVALID + "An number set may not have a null number");
            }
            members.add(DynamoNumber.parse(e.textValue()));
        }
        if (new HashSet<>(members).size() != members.size()) {
            throw DynamoException.validation("Input collection contains duplicates");
        }
        return new AttributeValue.NS(members);
    }

    private static AttributeValue readBinarySet(JsonNode v) {
        if (v.size() == 0) {
            throw DynamoException.validation(INVALID + "Binary sets should not be empty");
        }
        List<byte[]> members = new ArrayList<>(v.size());
        Set<java.nio.ByteBuffer> seen = new HashSet<>();
        boolean duplicate = false;
        List<String> shown = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (e.isNull()) {
                throw DynamoException.validation(INVALID + "Binary sets may not have a null binary");
            }
            byte[] b = binary(e);
            duplicate |= !seen.add(java.nio.ByteBuffer.wrap(b));
            members.add(b);
            shown.add(java.util.Base64.getEncoder().encodeToString(b));
        }
        if (duplicate) {
            // (sic) no space before "of": DynamoDB's message.
            throw DynamoException.validation(INVALID + "Input collection " + shown + "of type BS contains duplicates.");
        }
        return new AttributeValue.BS(members);
    }

    private static byte[] binary(JsonNode v) {
        try {
            return v.binaryValue();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("blob not decoded by the request checker", e);
        }
    }
}
