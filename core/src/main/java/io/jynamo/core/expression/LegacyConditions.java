package io.jynamo.core.expression;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.expression.ast.Condition;
import io.jynamo.core.expression.ast.Operand;
import io.jynamo.core.item.AttributeType;
import io.jynamo.core.item.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The legacy conditional parameters (Expected, QueryFilter, ScanFilter, KeyConditions) as condition trees, so that
 * one evaluator serves both styles. Validation follows DynamoDB's messages for the legacy parameters.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.html">Legacy conditional parameters</a>
 */
public final class LegacyConditions {
    private static final String INVALID = "One or more parameter values were invalid: ";
    private static final Set<AttributeType> SCALARS = Set.of(AttributeType.S, AttributeType.N, AttributeType.B);
    /** What CONTAINS and NOT_CONTAINS may look for: a scalar, a boolean or null, never a set, list or map. */
    private static final Set<AttributeType> CONTAINABLE = Set.of(AttributeType.S, AttributeType.N, AttributeType.B,
            AttributeType.BOOL, AttributeType.NULL);

    private LegacyConditions() {
    }

    /** One attribute's condition in Expected (Value/Exists or ComparisonOperator/AttributeValueList). */
    public record Expected(String attribute, AttributeValue value, Boolean exists, String operator,
                           List<AttributeValue> valueList) { }

    /** One attribute's condition in QueryFilter, ScanFilter or KeyConditions. */
    public record Filter(String attribute, String operator, List<AttributeValue> valueList) { }

    /** Expected as one condition, the conditions joined by AND or, with ConditionalOperator OR, by OR. */
    public static Condition expected(List<Expected> expected, boolean or) {
        Condition result = null;
        for (Expected e : expected) {
            Condition c = expectedCondition(e);
            result = result == null ? c : or ? new Condition.Or(result, c) : new Condition.And(result, c);
        }
        return result == null ? new Condition.True() : result;
    }

    private static Condition expectedCondition(Expected e) {
        if (e.valueList() != null && e.value() != null) {
            throw DynamoException.invalidParameter("Value and AttributeValueList cannot be used together for "
                    + "Attribute: " + e.attribute());
        }
        if (e.operator() != null) {
            if (e.exists() != null) {
                throw DynamoException.invalidParameter("Exists and ComparisonOperator cannot be used together for "
                        + "Attribute: " + e.attribute());
            }
            List<AttributeValue> values = e.valueList() != null ? e.valueList()
                    : e.value() != null ? List.of(e.value()) : List.of();
            if (!e.operator().equals("NULL") && !e.operator().equals("NOT_NULL") && values.isEmpty()
                    && e.valueList() == null) {
                throw DynamoException.invalidParameter("Value or AttributeValueList must be used with "
                        + "ComparisonOperator: " + e.operator() + " for Attribute: " + e.attribute());
            }
            return operatorCondition(e.attribute(), e.operator(), values);
        }
        if (e.valueList() != null) {
            throw DynamoException.invalidParameter("AttributeValueList can only be used with a ComparisonOperator "
                    + "for Attribute: " + e.attribute());
        }
        boolean exists = e.exists() == null || e.exists();
        if (exists && e.value() == null) {
            throw DynamoException.invalidParameter("Value must be provided when Exists is "
                    + (e.exists() == null ? "null" : "true") + " for Attribute: " + e.attribute());
        }
        if (!exists && e.value() != null) {
            throw DynamoException.invalidParameter("Value cannot be used when Exists is false for Attribute: "
                    + e.attribute());
        }
        DocumentPath path = topLevel(e.attribute());
        return exists
                ? new Condition.Compare(Condition.Comparator.EQ, new Operand.Path(path), value(e.value()))
                : new Condition.AttributeNotExists(path);
    }

    /** QueryFilter or ScanFilter as one condition. */
    public static Condition filter(List<Filter> filters, boolean or) {
        Condition result = null;
        for (Filter f : filters) {
            Condition c = operatorCondition(f.attribute(), f.operator(), f.valueList() == null ? List.of()
                    : f.valueList());
            result = result == null ? c : or ? new Condition.Or(result, c) : new Condition.And(result, c);
        }
        return result == null ? new Condition.True() : result;
    }

    /** The condition a ComparisonOperator states, its values checked as DynamoDB checks them. */
    static Condition operatorCondition(String attribute, String operator, List<AttributeValue> values) {
        checkArguments(operator, values);
        Operand.Path path = new Operand.Path(topLevel(attribute));
        switch (operator) {
            case "EQ": return new Condition.Compare(Condition.Comparator.EQ, path, value(values.get(0)));
            case "NE": return new Condition.Compare(Condition.Comparator.NE, path, value(values.get(0)));
            case "LT": return new Condition.Compare(Condition.Comparator.LT, path, value(values.get(0)));
            case "LE": return new Condition.Compare(Condition.Comparator.LE, path, value(values.get(0)));
            case "GT": return new Condition.Compare(Condition.Comparator.GT, path, value(values.get(0)));
            case "GE": return new Condition.Compare(Condition.Comparator.GE, path, value(values.get(0)));
            case "NOT_NULL": return new Condition.AttributeExists(path.path());
            case "NULL": return new Condition.AttributeNotExists(path.path());
            case "CONTAINS": return new Condition.Contains(path, value(values.get(0)));
            // a missing attribute neither contains nor "not contains" anything
            case "NOT_CONTAINS": return new Condition.And(new Condition.AttributeExists(path.path()),
                    new Condition.Not(new Condition.Contains(path, value(values.get(0)))));
            case "BEGINS_WITH": return new Condition.BeginsWith(path, value(values.get(0)));
            case "IN": {
                List<Operand> candidates = new ArrayList<>();
                values.forEach(v -> candidates.add(value(v)));
                return new Condition.In(path, candidates);
            }
            case "BETWEEN": return new Condition.Between(path, value(values.get(0)), value(values.get(1)));
            default: throw new IllegalStateException("unchecked comparison operator " + operator);
        }
    }

    /** A Query key condition as a condition on its attribute (to test a start key against it). */
    public static Condition keyCondition(String attribute, KeyConditions.KeyCondition c) {
        return operatorCondition(attribute, c.operator(), c.values());
    }

    /**
     * The number and types of an operator's values. The type rules are the filters' as DynamoDB's tests record them;
     * Expected refuses the same cases (Alternator's tests against DynamoDB), with a message not recorded anywhere,
     * so the filters' is used for both.
     */
    private static void checkArguments(String operator, List<AttributeValue> values) {
        int n = values.size();
        boolean countOk = switch (operator) {
            case "NULL", "NOT_NULL" -> n == 0;
            case "IN" -> n > 0;
            case "BETWEEN" -> n == 2;
            default -> n == 1;
        };
        if (!countOk) {
            throw DynamoException.invalidParameter("Invalid number of argument(s) for the " + operator
                    + " ComparisonOperator");
        }
        if (n > 0) {
            AttributeType first = values.get(0).type();
            if (values.stream().anyMatch(v -> v.type() != first)) {
                throw DynamoException.invalidParameter("AttributeValues inside AttributeValueList must be of same "
                        + "type");
            }
        }
        Set<AttributeType> allowed = switch (operator) {
            case "EQ", "NE" -> Set.of(AttributeType.values());
            case "BEGINS_WITH" -> Set.of(AttributeType.S, AttributeType.B);
            case "CONTAINS", "NOT_CONTAINS" -> CONTAINABLE;
            case "NULL", "NOT_NULL" -> Set.of();
            default -> SCALARS;
        };
        for (AttributeValue v : values) {
            if (!allowed.contains(v.type())) {
                throw DynamoException.invalidParameter("ComparisonOperator " + operator + " is not valid for "
                        + v.type() + " AttributeValue type");
            }
        }
        if (operator.equals("BETWEEN") && Comparisons.comparable(values.get(0), values.get(1))
                && Comparisons.compare(values.get(0), values.get(1)) > 0) {
            throw DynamoException.validation("The BETWEEN condition was provided a range where the lower bound is "
                    + "greater than the upper bound");
        }
    }

    private static DocumentPath topLevel(String attribute) {
        return new DocumentPath(List.of(new DocumentPath.Field(attribute)));
    }

    private static Operand value(AttributeValue v) {
        return new Operand.Value(null, v);
    }

    /** Reads the Expected map of a request. */
    public static List<Expected> readExpected(Map<String, com.fasterxml.jackson.databind.JsonNode> expected,
                                              java.util.function.Function<com.fasterxml.jackson.databind.JsonNode,
                                                      AttributeValue> reader) {
        List<Expected> list = new ArrayList<>();
        expected.forEach((name, e) -> {
            AttributeValue value = e.has("Value") ? reader.apply(e.get("Value")) : null;
            Boolean exists = e.has("Exists") ? e.get("Exists").booleanValue() : null;
            String operator = e.has("ComparisonOperator") ? e.get("ComparisonOperator").textValue() : null;
            List<AttributeValue> valueList = null;
            if (e.has("AttributeValueList")) {
                valueList = new ArrayList<>();
                for (com.fasterxml.jackson.databind.JsonNode v : e.get("AttributeValueList")) {
                    valueList.add(reader.apply(v));
                }
            }
            list.add(new Expected(name, value, exists, operator, valueList));
        });
        return list;
    }
}
