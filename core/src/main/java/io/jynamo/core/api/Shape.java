package io.jynamo.core.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The declared shape of a request member, with the constraints of DynamoDB's API model.
 *
 * <p>DynamoDB (its Coral framework) checks every request against its model before the operation runs: first member
 * types (a mismatch is a SerializationException), then required members, then constraints, reported together as
 * "N validation errors detected: Value 'x' at 'path' failed to satisfy constraint: ...". {@link RequestChecker} does
 * the same against these shapes; declaring members in the model's order keeps the messages in DynamoDB's order.
 *
 * <p>Shapes are immutable once built; the {@code with*} methods return copies.
 */
public final class Shape {

    /** What a member holds on the wire. */
    public enum Kind { STRING, BOOLEAN, INTEGER, LONG, DOUBLE, TIMESTAMP, BLOB, LIST, MAP, STRUCT, ATTRIBUTE_VALUE }

    private final Kind kind;
    /** Struct name as DynamoDB's Java model spells it (e.g. KeySchemaElement), used in serialization messages. */
    private final String typeName;
    /** Element shape of a list, value shape of a map. */
    private final Shape element;
    private final Map<String, Shape> members;

    private boolean required;
    private boolean notNull;
    private Long min;
    private Long max;
    private List<String> enumValues;
    private Pattern regex;
    private String regexText;
    private Integer minLength;
    private Integer maxLength;
    private Shape mapKeys;
    private boolean modernMessages;
    private Integer nameMinimum;

    private Shape(Kind kind, String typeName, Shape element, Map<String, Shape> members) {
        this.kind = kind;
        this.typeName = typeName;
        this.element = element;
        this.members = members;
    }

    private Shape copy() {
        Shape s = new Shape(kind, typeName, element, members);
        s.required = required;
        s.notNull = notNull;
        s.min = min;
        s.max = max;
        s.enumValues = enumValues;
        s.regex = regex;
        s.regexText = regexText;
        s.minLength = minLength;
        s.maxLength = maxLength;
        s.mapKeys = mapKeys;
        s.modernMessages = modernMessages;
        s.nameMinimum = nameMinimum;
        return s;
    }

    public static Shape string() {
        return new Shape(Kind.STRING, "java.lang.String", null, null);
    }

    public static Shape bool() {
        return new Shape(Kind.BOOLEAN, "java.lang.Boolean", null, null);
    }

    public static Shape integer() {
        return new Shape(Kind.INTEGER, "java.lang.Integer", null, null);
    }

    public static Shape longValue() {
        return new Shape(Kind.LONG, "java.lang.Long", null, null);
    }

    /** A number with a fraction (Application Auto Scaling's TargetValue). */
    public static Shape doubleValue() {
        return new Shape(Kind.DOUBLE, "java.lang.Double", null, null);
    }

    /** A point in time: epoch seconds on the wire, with a fraction (e.g. 1576616366.715). */
    public static Shape timestamp() {
        return new Shape(Kind.TIMESTAMP, "java.util.Date", null, null);
    }

    public static Shape blob() {
        return new Shape(Kind.BLOB, "java.nio.ByteBuffer", null, null);
    }

    public static Shape list(Shape element) {
        return new Shape(Kind.LIST, "java.util.List", element, null);
    }

    /** A map with string keys; {@code valueTypeName} is the model's name of the value type, used in messages. */
    public static Shape map(Shape value) {
        return new Shape(Kind.MAP, "java.util.Map", value, null);
    }

    /** A single AttributeValue. */
    public static Shape attributeValue() {
        return new Shape(Kind.ATTRIBUTE_VALUE, "AttributeValue", null, null);
    }

    /** A map of attribute names to AttributeValues: an item or a key. */
    public static Shape attributeMap() {
        return map(attributeValue());
    }

    public static Shape struct(String typeName, Member... members) {
        Map<String, Shape> map = new LinkedHashMap<>();
        for (Member m : members) {
            map.put(m.name(), m.shape());
        }
        return new Shape(Kind.STRUCT, typeName, null, Collections.unmodifiableMap(map));
    }

    public static Member member(String name, Shape shape) {
        return new Member(name, shape);
    }

    /** A named member of a struct. */
    public record Member(String name, Shape shape) { }

    /** Must be present: checked before constraints with "The parameter 'X' is required but was not present". */
    public Shape required() {
        Shape s = copy();
        s.required = true;
        return s;
    }

    /**
     * A table name as the control-plane operations check it: required (its own message, before any constraint), the
     * name pattern, 3 to 255 characters.
     */
    public static Shape controlPlaneTableName() {
        return string().required().pattern(Limits.TABLE_NAME_PATTERN)
                .length(Limits.MIN_TABLE_NAME_LENGTH, Limits.MAX_TABLE_NAME_LENGTH);
    }

    public Shape notNull() {
        Shape s = copy();
        s.notNull = true;
        return s;
    }

    public Shape min(long value) {
        Shape s = copy();
        s.min = value;
        return s;
    }

    public Shape max(long value) {
        Shape s = copy();
        s.max = value;
        return s;
    }

    public Shape oneOf(String... values) {
        Shape s = copy();
        s.enumValues = List.of(values);
        return s;
    }

    public Shape pattern(String regex) {
        Shape s = copy();
        s.regex = Pattern.compile(regex);
        s.regexText = regex;
        return s;
    }

    public Shape length(int min, int max) {
        Shape s = copy();
        s.minLength = min;
        s.maxLength = max;
        return s;
    }

    public Shape minLength(int min) {
        Shape s = copy();
        s.minLength = min;
        return s;
    }

    public Shape maxLength(int max) {
        Shape s = copy();
        s.maxLength = max;
        return s;
    }

    /**
     * A table name as the data-plane operations check it: not null, the name pattern, 1 to 255 characters in the
     * model (which also admits table ARNs), and a name shorter than 3 refused after the model's checks (DynamoDB's
     * messages: an empty name against the model's minimum of 1, "ab" against the names' minimum of 3).
     */
    public static Shape dataPlaneTableName() {
        return string().notNull().pattern(Limits.TABLE_NAME_PATTERN).length(1, Limits.MAX_TABLE_NAME_LENGTH)
                .nameMinimum(Limits.MIN_TABLE_NAME_LENGTH);
    }

    /**
     * A minimum length checked after the model's constraints, for a non-empty value the model accepts: reported on
     * its own, as "Member must have length greater than or equal to N".
     */
    public Shape nameMinimum(int min) {
        Shape s = copy();
        s.nameMinimum = min;
        return s;
    }

    public Integer nameMinimumValue() {
        return nameMinimum;
    }

    /**
     * Constraints on the keys of a map (a string shape), reported as DynamoDB reports them: "Map keys must satisfy
     * constraint: [...]".
     */
    public Shape keys(Shape keyShape) {
        Shape s = copy();
        s.mapKeys = keyShape;
        return s;
    }

    /**
     * Reports violations in and under this member the way DynamoDB's newer validation does: the member path as the
     * model names it ({@code RequestItems.t.member.Keys}) and no value ("Value at 'Limit' failed to satisfy...").
     * DynamoDB uses this form for some members only (observed: Query's Limit, BatchGetItem's RequestItems).
     */
    public Shape modernMessages() {
        Shape s = copy();
        s.modernMessages = true;
        return s;
    }

    public Shape mapKeys() {
        return mapKeys;
    }

    public boolean hasModernMessages() {
        return modernMessages;
    }

    public Kind kind() {
        return kind;
    }

    public String typeName() {
        return typeName;
    }

    public Shape element() {
        return element;
    }

    public Map<String, Shape> members() {
        return members;
    }

    public boolean isRequired() {
        return required;
    }

    public boolean isNotNull() {
        return notNull;
    }

    public Long minValue() {
        return min;
    }

    public Long maxValue() {
        return max;
    }

    public List<String> enumValues() {
        return enumValues;
    }

    public Pattern regex() {
        return regex;
    }

    public String regexText() {
        return regexText;
    }

    public Integer minLengthValue() {
        return minLength;
    }

    public Integer maxLengthValue() {
        return maxLength;
    }

    @Override
    public String toString() {
        return kind + (typeName != null ? "<" + typeName + ">" : "")
                + (enumValues != null ? Arrays.toString(enumValues.toArray()) : "");
    }
}
