package io.jynamo.core.expression;

import io.jynamo.core.expression.ast.Condition;
import io.jynamo.core.expression.ast.Operand;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.DynamoNumber;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;

/**
 * Evaluates a condition against an item (an empty map for an item that does not exist). Evaluation has no side
 * effects and never fails: a comparison between values of different types, or with an attribute the item does not
 * have, is simply false, as in DynamoDB.
 */
public final class ConditionEvaluator {
    private ConditionEvaluator() {
    }

    public static boolean matches(Condition c, Map<String, AttributeValue> item) {
        if (c instanceof Condition.True) {
            return true;
        }
        if (c instanceof Condition.And and) {
            return matches(and.left(), item) && matches(and.right(), item);
        }
        if (c instanceof Condition.Or or) {
            return matches(or.left(), item) || matches(or.right(), item);
        }
        if (c instanceof Condition.Not not) {
            return !matches(not.condition(), item);
        }
        if (c instanceof Condition.Compare cmp) {
            return compare(cmp.comparator(), value(cmp.left(), item), value(cmp.right(), item));
        }
        if (c instanceof Condition.Between b) {
            AttributeValue v = value(b.value(), item);
            AttributeValue low = value(b.low(), item);
            AttributeValue high = value(b.high(), item);
            return Comparisons.comparable(v, low) && Comparisons.comparable(v, high)
                    && Comparisons.compare(v, low) >= 0 && Comparisons.compare(v, high) <= 0;
        }
        if (c instanceof Condition.In in) {
            AttributeValue v = value(in.value(), item);
            if (v == null) {
                return false;
            }
            for (Operand candidate : in.candidates()) {
                if (v.equals(value(candidate, item))) {
                    return true;
                }
            }
            return false;
        }
        if (c instanceof Condition.AttributeExists e) {
            return DocumentPaths.get(item, e.path()) != null;
        }
        if (c instanceof Condition.AttributeNotExists e) {
            return DocumentPaths.get(item, e.path()) == null;
        }
        if (c instanceof Condition.AttributeTypeIs t) {
            AttributeValue v = DocumentPaths.get(item, t.path());
            AttributeValue type = value(t.type(), item);
            return v != null && type instanceof AttributeValue.S s && v.type().name().equals(s.value());
        }
        if (c instanceof Condition.BeginsWith bw) {
            return beginsWith(value(bw.value(), item), value(bw.prefix(), item));
        }
        Condition.Contains contains = (Condition.Contains) c;
        return contains(value(contains.container(), item), value(contains.element(), item));
    }

    static boolean compare(Condition.Comparator comparator, AttributeValue a, AttributeValue b) {
        switch (comparator) {
            case EQ:
                return a != null && a.equals(b);
            case NE:
                return a == null || !a.equals(b);
            default:
                if (!Comparisons.comparable(a, b)) {
                    return false;
                }
                int order = Comparisons.compare(a, b);
                return switch (comparator) {
                    case LT -> order < 0;
                    case LE -> order <= 0;
                    case GT -> order > 0;
                    default -> order >= 0;
                };
        }
    }

    private static boolean beginsWith(AttributeValue value, AttributeValue prefix) {
        if (value instanceof AttributeValue.S s && prefix instanceof AttributeValue.S p) {
            return s.value().startsWith(p.value());
        }
        if (value instanceof AttributeValue.B b && prefix instanceof AttributeValue.B p) {
            return p.value().length <= b.value().length
                    && Arrays.equals(b.value(), 0, p.value().length, p.value(), 0, p.value().length);
        }
        return false;
    }

    private static boolean contains(AttributeValue container, AttributeValue element) {
        if (container == null || element == null) {
            return false;
        }
        if (container instanceof AttributeValue.S s && element instanceof AttributeValue.S e) {
            return s.value().contains(e.value());
        }
        if (container instanceof AttributeValue.B b && element instanceof AttributeValue.B e) {
            return indexOf(b.value(), e.value()) >= 0;
        }
        if (container instanceof AttributeValue.SS ss && element instanceof AttributeValue.S e) {
            return ss.values().contains(e.value());
        }
        if (container instanceof AttributeValue.NS ns && element instanceof AttributeValue.N e) {
            return ns.values().contains(e.value());
        }
        if (container instanceof AttributeValue.BS bs && element instanceof AttributeValue.B e) {
            return bs.values().stream().anyMatch(x -> Arrays.equals(x, e.value()));
        }
        if (container instanceof AttributeValue.L l) {
            return l.values().contains(element);
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The value of an operand in a condition; null when it reaches nothing. */
    public static AttributeValue value(Operand operand, Map<String, AttributeValue> item) {
        if (operand instanceof Operand.Path p) {
            return DocumentPaths.get(item, p.path());
        }
        if (operand instanceof Operand.Value v) {
            return v.value();
        }
        if (operand instanceof Operand.Size size) {
            AttributeValue v = value(size.operand(), item);
            Integer length = size(v);
            return length == null ? null : new AttributeValue.N(DynamoNumber.of(BigDecimal.valueOf(length)));
        }
        throw new IllegalArgumentException("not a condition operand: " + operand);
    }

    /** size(): UTF-8 bytes of a string, bytes of a binary, members of a set, elements of a list or map. */
    static Integer size(AttributeValue v) {
        if (v instanceof AttributeValue.S s) {
            return io.jynamo.core.item.ItemSize.utf8Length(s.value());
        }
        if (v instanceof AttributeValue.B b) {
            return b.value().length;
        }
        if (v instanceof AttributeValue.SS ss) {
            return ss.values().size();
        }
        if (v instanceof AttributeValue.NS ns) {
            return ns.values().size();
        }
        if (v instanceof AttributeValue.BS bs) {
            return bs.values().size();
        }
        if (v instanceof AttributeValue.L l) {
            return l.values().size();
        }
        if (v instanceof AttributeValue.M m) {
            return m.values().size();
        }
        return null;
    }

}
