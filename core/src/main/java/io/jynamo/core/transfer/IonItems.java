package io.jynamo.core.transfer;

import com.amazon.ion.IonReader;
import com.amazon.ion.IonType;
import com.amazon.ion.IonWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.AttributeValueReader;
import io.jynamo.core.item.DynamoNumber;
import io.jynamo.core.json.Json;

import java.io.IOException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Items in Amazon Ion, as DynamoDB exports and imports them: S as string, N as decimal (any precision, so 38 digits
 * stay exact), B as blob, BOOL as bool, NULL as null, L as list, M as struct, and the sets as lists annotated
 * {@code $dynamodb_SS}, {@code $dynamodb_NS} and {@code $dynamodb_BS}.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Output.html">Export
 *      output format</a>
 */
public final class IonItems {
    static final String SS = "$dynamodb_SS";
    static final String NS = "$dynamodb_NS";
    static final String BS = "$dynamodb_BS";

    /** The set annotations, and the types they stand for. */
    private static final Map<String, String> SETS = Map.of(SS, "SS", NS, "NS", BS, "BS");

    /** The deepest nesting an imported value may have, as DynamoDB's 32 levels of an item. */
    private static final int MAX_DEPTH = 32;

    private IonItems() {
    }

    /** Writes the item as an Ion struct. */
    public static void write(IonWriter w, Map<String, AttributeValue> item) throws IOException {
        w.stepIn(IonType.STRUCT);
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            w.setFieldName(e.getKey());
            write(w, e.getValue());
        }
        w.stepOut();
    }

    private static void write(IonWriter w, AttributeValue v) throws IOException {
        switch (v.type()) {
            case S -> w.writeString(((AttributeValue.S) v).value());
            case N -> w.writeDecimal(((AttributeValue.N) v).value().bigDecimal());
            case B -> w.writeBlob(((AttributeValue.B) v).value());
            case BOOL -> w.writeBool(((AttributeValue.Bool) v).value());
            case NULL -> w.writeNull();
            case L -> {
                w.stepIn(IonType.LIST);
                for (AttributeValue e : ((AttributeValue.L) v).values()) {
                    write(w, e);
                }
                w.stepOut();
            }
            case M -> write(w, ((AttributeValue.M) v).values());
            case SS -> {
                w.setTypeAnnotations(SS);
                w.stepIn(IonType.LIST);
                for (String e : ((AttributeValue.SS) v).values()) {
                    w.writeString(e);
                }
                w.stepOut();
            }
            case NS -> {
                w.setTypeAnnotations(NS);
                w.stepIn(IonType.LIST);
                for (DynamoNumber e : ((AttributeValue.NS) v).values()) {
                    w.writeDecimal(e.bigDecimal());
                }
                w.stepOut();
            }
            case BS -> {
                w.setTypeAnnotations(BS);
                w.stepIn(IonType.LIST);
                for (byte[] e : ((AttributeValue.BS) v).values()) {
                    w.writeBlob(e);
                }
                w.stepOut();
            }
            default -> throw new IllegalStateException(v.type().name());
        }
    }

    /**
     * Reads the struct the reader is on as an item, by way of its DynamoDB JSON form, which
     * {@link AttributeValueReader} then checks as it checks every item of a request (empty or repeated set members,
     * numbers, nesting), with its messages. Values Ion has and DynamoDB has not (timestamps, symbols, clobs, floats,
     * typed nulls) are refused with a ValidationException.
     */
    public static Map<String, AttributeValue> readItem(IonReader r) {
        if (r.getType() != IonType.STRUCT || r.isNullValue()) {
            throw DynamoException.validation("The item is not an Ion struct");
        }
        return AttributeValueReader.readMap(readStruct(r, 1));
    }

    private static ObjectNode readStruct(IonReader r, int depth) {
        ObjectNode item = Json.MAPPER.createObjectNode();
        r.stepIn();
        for (IonType t = r.next(); t != null; t = r.next()) {
            item.set(r.getFieldName(), read(r, t, depth));
        }
        r.stepOut();
        return item;
    }

    private static ObjectNode read(IonReader r, IonType t, int depth) {
        if (depth > MAX_DEPTH) {
            throw DynamoException.validation("Nesting Levels have exceeded supported limits");
        }
        ObjectNode v = Json.MAPPER.createObjectNode();
        if (r.isNullValue()) {
            if (t != IonType.NULL) {
                throw unsupported("null." + t.name().toLowerCase(Locale.ROOT));
            }
            return v.put("NULL", true);
        }
        String[] annotations = r.getTypeAnnotations();
        if (annotations.length > 0 && !(t == IonType.LIST && annotations.length == 1
                && SETS.containsKey(annotations[0]))) {
            throw unsupported("annotation " + String.join("::", annotations));
        }
        switch (t) {
            case STRING -> v.put("S", r.stringValue());
            case DECIMAL -> v.put("N", r.bigDecimalValue().toString());
            case INT -> v.put("N", r.bigIntegerValue().toString());
            case BLOB -> v.put("B", Base64.getEncoder().encodeToString(r.newBytes()));
            case BOOL -> v.put("BOOL", r.booleanValue());
            case STRUCT -> v.set("M", readStruct(r, depth + 1));
            case LIST -> {
                String set = annotations.length == 1 ? annotations[0] : null;
                ArrayNode values = v.putArray(set == null ? "L" : SETS.get(set));
                r.stepIn();
                for (IonType e = r.next(); e != null; e = r.next()) {
                    if (set == null) {
                        values.add(read(r, e, depth + 1));
                    } else {
                        values.add(setMember(r, e, set));
                    }
                }
                r.stepOut();
            }
            default -> throw unsupported(t.name().toLowerCase(Locale.ROOT));
        }
        return v;
    }

    /** A set's member as its JSON text: a string, a number's digits, a blob in base64. */
    private static String setMember(IonReader r, IonType t, String set) {
        boolean fits = !r.isNullValue() && switch (set) {
            case SS -> t == IonType.STRING;
            case NS -> t == IonType.DECIMAL || t == IonType.INT;
            default -> t == IonType.BLOB;
        };
        if (!fits) {
            throw unsupported(t.name().toLowerCase(Locale.ROOT) + " in a " + set + " list");
        }
        return switch (set) {
            case SS -> r.stringValue();
            case NS -> r.bigDecimalValue().toString();
            default -> Base64.getEncoder().encodeToString(r.newBytes());
        };
    }

    private static DynamoException unsupported(String what) {
        return DynamoException.validation("Unsupported Ion value for DynamoDB: " + what);
    }
}
