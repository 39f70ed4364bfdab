package io.jynamo.core.expression;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.expression.ast.Condition;
import io.jynamo.core.expression.ast.Operand;
import io.jynamo.core.item.AttributeValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Query's key conditions, one per key attribute, as the legacy KeyConditions state them: a comparison operator and
 * its values. KeyConditionExpression is converted to this form, with DynamoDB's messages for what a key condition
 * may not contain.
 */
public final class KeyConditions {
    /** One key attribute's condition: EQ, LT, LE, GT, GE, BETWEEN or BEGINS_WITH. */
    public record KeyCondition(String operator, List<AttributeValue> values) { }

    private KeyConditions() {
    }

    /** Converts a parsed KeyConditionExpression; the map is ordered as the conditions were written. */
    public static Map<String, KeyCondition> fromExpression(Condition expression) {
        Map<String, KeyCondition> conditions = new LinkedHashMap<>();
        collect(expression, conditions);
        return conditions;
    }

    private static void collect(Condition c, Map<String, KeyCondition> conditions) {
        if (c instanceof Condition.And and) {
            collect(and.left(), conditions);
            collect(and.right(), conditions);
            return;
        }
        if (c instanceof Condition.Or) {
            throw invalidOperator("OR");
        }
        if (c instanceof Condition.Not) {
            throw invalidOperator("NOT");
        }
        if (c instanceof Condition.In) {
            throw invalidOperator("IN");
        }
        if (c instanceof Condition.AttributeExists) {
            throw invalidOperator("attribute_exists");
        }
        if (c instanceof Condition.AttributeNotExists) {
            throw invalidOperator("attribute_not_exists");
        }
        if (c instanceof Condition.AttributeTypeIs) {
            throw invalidOperator("attribute_type");
        }
        if (c instanceof Condition.Contains) {
            throw invalidOperator("contains");
        }
        if (c instanceof Condition.Compare cmp) {
            if (cmp.comparator() == Condition.Comparator.NE) {
                throw invalidOperator("<>");
            }
            checkNoSize(cmp.left());
            checkNoSize(cmp.right());
            boolean leftIsPath = cmp.left() instanceof Operand.Path;
            boolean rightIsPath = cmp.right() instanceof Operand.Path;
            if (leftIsPath && rightIsPath) {
                throw invalid("Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
                        + "condition");
            }
            if (!leftIsPath && !rightIsPath) {
                throw invalid("Invalid condition in KeyConditionExpression: No key attribute specified");
            }
            Operand.Path path = (Operand.Path) (leftIsPath ? cmp.left() : cmp.right());
            Operand value = leftIsPath ? cmp.right() : cmp.left();
            String operator = switch (leftIsPath ? cmp.comparator() : mirrored(cmp.comparator())) {
                case EQ -> "EQ";
                case LT -> "LT";
                case LE -> "LE";
                case GT -> "GT";
                default -> "GE";
            };
            put(conditions, path, new KeyCondition(operator, List.of(valueOf(value))));
            return;
        }
        if (c instanceof Condition.Between b) {
            checkNoSize(b.value());
            if (!(b.value() instanceof Operand.Path path)) {
                throw invalid("Invalid condition in KeyConditionExpression: BETWEEN operator must have the key "
                        + "attribute as its first operand");
            }
            if (b.low() instanceof Operand.Path || b.high() instanceof Operand.Path) {
                throw invalid("Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
                        + "condition");
            }
            put(conditions, path, new KeyCondition("BETWEEN", List.of(valueOf(b.low()), valueOf(b.high()))));
            return;
        }
        Condition.BeginsWith bw = (Condition.BeginsWith) c;
        if (!(bw.value() instanceof Operand.Path path)) {
            throw invalid("Invalid condition in KeyConditionExpression: begins_with operator must have the key "
                    + "attribute as its first operand");
        }
        if (bw.prefix() instanceof Operand.Path) {
            throw invalid("Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
                    + "condition");
        }
        put(conditions, path, new KeyCondition("BEGINS_WITH", List.of(valueOf(bw.prefix()))));
    }

    private static void put(Map<String, KeyCondition> conditions, Operand.Path path, KeyCondition condition) {
        if (!path.path().isTopLevel()) {
            throw invalid("KeyConditionExpressions cannot have conditions on nested attributes");
        }
        if (conditions.putIfAbsent(path.path().attribute(), condition) != null) {
            throw invalid("KeyConditionExpressions must only contain one condition per key");
        }
    }

    private static void checkNoSize(Operand o) {
        if (o instanceof Operand.Size) {
            throw invalid("KeyConditionExpressions cannot contain nested operations");
        }
    }

    private static AttributeValue valueOf(Operand o) {
        checkNoSize(o);
        return ((Operand.Value) o).value();
    }

    private static Condition.Comparator mirrored(Condition.Comparator c) {
        return switch (c) {
            case LT -> Condition.Comparator.GT;
            case LE -> Condition.Comparator.GE;
            case GT -> Condition.Comparator.LT;
            case GE -> Condition.Comparator.LE;
            default -> c;
        };
    }

    private static DynamoException invalidOperator(String operator) {
        return invalid("Invalid operator used in KeyConditionExpression: " + operator);
    }

    /**
     * DynamoDB prefixes these as it prefixes syntax errors (recorded against DynamoDB in 2026 by ExtendDB and moto's
     * AWS-verified tests; dynalite's older recordings lack the prefix).
     */
    private static DynamoException invalid(String message) {
        return DynamoException.validation("Invalid KeyConditionExpression: " + message);
    }

    /** Checks the legacy form's operators and values as DynamoDB checks KeyConditions. */
    public static void checkLegacy(Map<String, KeyCondition> conditions) {
        for (KeyCondition c : conditions.values()) {
            LegacyConditions.operatorCondition("key", c.operator(), c.values());
        }
        if (conditions.size() != 1 && conditions.size() != 2) {
            throw DynamoException.validation("Conditions can be of length 1 or 2 only");
        }
    }
}
