package io.jynamo.core.expression;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.expression.ast.Operand;
import io.jynamo.core.expression.ast.UpdateAction;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.DynamoNumber;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies update actions to an item, as DynamoDB does: every operand is evaluated against the item as it was before
 * the update, then SET, REMOVE, ADD and DELETE are applied. Errors an action meets (a missing operand, a wrong type,
 * a path through something that is not a map or list) are DynamoDB's ValidationExceptions; the input is never
 * modified.
 */
public final class UpdateApplier {
    static final String INVALID_PATH = "The document path provided in the update expression is invalid for update";
    static final String WRONG_TYPE = "An operand in the update expression has an incorrect data type";
    static final String MISSING_OPERAND = "The provided expression refers to an attribute that does not exist in the "
            + "item";

    /** The legacy AttributeUpdates report a run-time type clash in words of their own. */
    static final String LEGACY_WRONG_TYPE = "Type mismatch for attribute to update";

    private final boolean itemExisted;
    private final String wrongType;

    private UpdateApplier(boolean itemExisted, boolean legacy) {
        this.itemExisted = itemExisted;
        this.wrongType = legacy ? LEGACY_WRONG_TYPE : WRONG_TYPE;
    }

    /**
     * The item after the actions.
     *
     * @param old         the item before (for an item that does not exist yet: its key attributes)
     * @param itemExisted whether the item existed (removing from a nested path of a missing item is no error)
     * @param legacy      whether the actions come from AttributeUpdates
     */
    public static Map<String, AttributeValue> apply(Map<String, AttributeValue> old, List<UpdateAction> actions,
                                                    boolean itemExisted, boolean legacy) {
        return new UpdateApplier(itemExisted, legacy).apply(old, actions);
    }

    /** Whether an update creates the item when it does not exist: only one that sets or adds something does. */
    public static boolean createsItem(List<UpdateAction> actions) {
        return actions.isEmpty() || actions.stream().anyMatch(a -> a instanceof UpdateAction.Set
                || a instanceof UpdateAction.Add);
    }

    private Map<String, AttributeValue> apply(Map<String, AttributeValue> old, List<UpdateAction> actions) {
        List<UpdateAction.Set> sets = new ArrayList<>();
        List<AttributeValue> setValues = new ArrayList<>();
        for (UpdateAction a : actions) {
            if (a instanceof UpdateAction.Set set) {
                sets.add(set);
                setValues.add(evaluate(set.value(), old));
            }
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>(old);
        // appends past the end of a list happen in ascending index order, whatever order they were written in
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> lastIndex(sets.get(i).path())));
        for (int i : order) {
            put(item, sets.get(i).path(), setValues.get(i));
        }
        // list elements are removed from the highest index down, so each index names the element it named before
        List<UpdateAction.Remove> removes = new ArrayList<>();
        for (UpdateAction a : actions) {
            if (a instanceof UpdateAction.Remove r) {
                removes.add(r);
            }
        }
        removes.sort(Comparator.comparing((UpdateAction.Remove r) -> lastIndex(r.path())).reversed());
        for (UpdateAction.Remove r : removes) {
            remove(item, r.path());
        }
        for (UpdateAction a : actions) {
            if (a instanceof UpdateAction.Add add) {
                AttributeValue current = DocumentPaths.get(item, add.path());
                put(item, add.path(), add(current, add.value()));
            } else if (a instanceof UpdateAction.Delete delete) {
                AttributeValue current = DocumentPaths.get(item, delete.path());
                if (current != null) {
                    AttributeValue remaining = delete(current, delete.value());
                    if (remaining == null) {
                        remove(item, delete.path());
                    } else {
                        put(item, delete.path(), remaining);
                    }
                }
            }
        }
        return item;
    }

    private static int lastIndex(DocumentPath path) {
        DocumentPath.Element last = path.elements().get(path.elements().size() - 1);
        return last instanceof DocumentPath.Index i ? i.index() : -1;
    }

    /** The value of a SET operand against the old item. */
    AttributeValue evaluate(Operand operand, Map<String, AttributeValue> item) {
        if (operand instanceof Operand.Path p) {
            AttributeValue v = DocumentPaths.get(item, p.path());
            if (v == null) {
                throw DynamoException.validation(MISSING_OPERAND);
            }
            return v;
        }
        if (operand instanceof Operand.Value v) {
            return v.value();
        }
        if (operand instanceof Operand.IfNotExists ine) {
            AttributeValue v = DocumentPaths.get(item, ine.path());
            return v != null ? v : evaluate(ine.fallback(), item);
        }
        if (operand instanceof Operand.ListAppend la) {
            AttributeValue first = evaluate(la.first(), item);
            AttributeValue second = evaluate(la.second(), item);
            if (!(first instanceof AttributeValue.L a) || !(second instanceof AttributeValue.L b)) {
                throw DynamoException.validation(wrongType);
            }
            List<AttributeValue> joined = new ArrayList<>(a.values());
            joined.addAll(b.values());
            return new AttributeValue.L(joined);
        }
        if (operand instanceof Operand.Arithmetic ar) {
            AttributeValue left = evaluate(ar.left(), item);
            AttributeValue right = evaluate(ar.right(), item);
            if (!(left instanceof AttributeValue.N a) || !(right instanceof AttributeValue.N b)) {
                throw DynamoException.validation(wrongType);
            }
            return new AttributeValue.N(arithmetic(a.value(), b.value(), ar.plus()));
        }
        throw new IllegalArgumentException("not an update operand: " + operand);
    }

    private static DynamoNumber arithmetic(DynamoNumber a, DynamoNumber b, boolean plus) {
        java.math.BigDecimal result = plus ? a.bigDecimal().add(b.bigDecimal()) : a.bigDecimal().subtract(b.bigDecimal());
        if (result.stripTrailingZeros().precision() > DynamoNumber.MAX_SIGNIFICANT_DIGITS) {
            // DynamoDB reports a result it cannot hold exactly as an overflow
            throw DynamoException.validation("Number overflow. Attempting to store a number with magnitude larger "
                    + "than supported range");
        }
        return DynamoNumber.of(result);
    }

    private AttributeValue add(AttributeValue current, AttributeValue value) {
        if (current == null) {
            return value;
        }
        if (current instanceof AttributeValue.N a && value instanceof AttributeValue.N b) {
            return new AttributeValue.N(arithmetic(a.value(), b.value(), true));
        }
        if (current instanceof AttributeValue.SS a && value instanceof AttributeValue.SS b) {
            List<String> union = new ArrayList<>(a.values());
            b.values().stream().filter(s -> !union.contains(s)).forEach(union::add);
            return new AttributeValue.SS(union);
        }
        if (current instanceof AttributeValue.NS a && value instanceof AttributeValue.NS b) {
            List<DynamoNumber> union = new ArrayList<>(a.values());
            b.values().stream().filter(n -> !union.contains(n)).forEach(union::add);
            return new AttributeValue.NS(union);
        }
        if (current instanceof AttributeValue.BS a && value instanceof AttributeValue.BS b) {
            List<byte[]> union = new ArrayList<>(a.values());
            for (byte[] x : b.values()) {
                if (union.stream().noneMatch(y -> Arrays.equals(x, y))) {
                    union.add(x);
                }
            }
            return new AttributeValue.BS(union);
        }
        throw DynamoException.validation(wrongType);
    }

    /** The set without the given members; null when nothing remains. */
    private AttributeValue delete(AttributeValue current, AttributeValue value) {
        if (current instanceof AttributeValue.SS a && value instanceof AttributeValue.SS b) {
            List<String> rest = a.values().stream().filter(s -> !b.values().contains(s)).toList();
            return rest.isEmpty() ? null : new AttributeValue.SS(rest);
        }
        if (current instanceof AttributeValue.NS a && value instanceof AttributeValue.NS b) {
            List<DynamoNumber> rest = a.values().stream().filter(n -> !b.values().contains(n)).toList();
            return rest.isEmpty() ? null : new AttributeValue.NS(rest);
        }
        if (current instanceof AttributeValue.BS a && value instanceof AttributeValue.BS b) {
            List<byte[]> rest = a.values().stream()
                    .filter(x -> b.values().stream().noneMatch(y -> Arrays.equals(x, y))).toList();
            return rest.isEmpty() ? null : new AttributeValue.BS(rest);
        }
        throw DynamoException.validation(wrongType);
    }

    /** Writes a value at a path; every step before the last must exist. */
    static void put(Map<String, AttributeValue> item, DocumentPath path, AttributeValue value) {
        List<DocumentPath.Element> elements = path.elements();
        if (elements.size() == 1) {
            item.put(path.attribute(), value);
            return;
        }
        AttributeValue top = item.get(path.attribute());
        if (top == null) {
            throw DynamoException.validation(INVALID_PATH);
        }
        item.put(path.attribute(), replaced(top, elements, 1, value));
    }

    private static AttributeValue replaced(AttributeValue container, List<DocumentPath.Element> path, int i,
                                           AttributeValue value) {
        boolean last = i == path.size() - 1;
        DocumentPath.Element step = path.get(i);
        if (step instanceof DocumentPath.Field f && container instanceof AttributeValue.M m) {
            Map<String, AttributeValue> copy = new LinkedHashMap<>(m.values());
            if (last) {
                copy.put(f.name(), value);
            } else {
                AttributeValue child = copy.get(f.name());
                if (child == null) {
                    throw DynamoException.validation(INVALID_PATH);
                }
                copy.put(f.name(), replaced(child, path, i + 1, value));
            }
            return new AttributeValue.M(copy);
        }
        if (step instanceof DocumentPath.Index ix && container instanceof AttributeValue.L l) {
            List<AttributeValue> copy = new ArrayList<>(l.values());
            if (last) {
                if (ix.index() >= copy.size()) {
                    copy.add(value);
                } else {
                    copy.set(ix.index(), value);
                }
            } else {
                if (ix.index() >= copy.size()) {
                    throw DynamoException.validation(INVALID_PATH);
                }
                copy.set(ix.index(), replaced(copy.get(ix.index()), path, i + 1, value));
            }
            return new AttributeValue.L(copy);
        }
        throw DynamoException.validation(INVALID_PATH);
    }

    /**
     * Removes what a path reaches. A missing last step changes nothing; a path through something missing or of the
     * wrong kind is invalid, except on an item that did not exist.
     */
    void remove(Map<String, AttributeValue> item, DocumentPath path) {
        List<DocumentPath.Element> elements = path.elements();
        if (elements.size() == 1) {
            item.remove(path.attribute());
            return;
        }
        AttributeValue top = item.get(path.attribute());
        if (top == null) {
            if (itemExisted) {
                throw DynamoException.validation(INVALID_PATH);
            }
            return;
        }
        AttributeValue result = removed(top, elements, 1);
        if (result != null) {
            item.put(path.attribute(), result);
        }
    }

    /** The container without the element; null when the last step reaches nothing (nothing to change). */
    private static AttributeValue removed(AttributeValue container, List<DocumentPath.Element> path, int i) {
        boolean last = i == path.size() - 1;
        DocumentPath.Element step = path.get(i);
        if (step instanceof DocumentPath.Field f && container instanceof AttributeValue.M m) {
            if (!m.values().containsKey(f.name())) {
                if (!last) {
                    throw DynamoException.validation(INVALID_PATH);
                }
                return null;
            }
            Map<String, AttributeValue> copy = new LinkedHashMap<>(m.values());
            if (last) {
                copy.remove(f.name());
            } else {
                AttributeValue child = removed(copy.get(f.name()), path, i + 1);
                if (child == null) {
                    return null;
                }
                copy.put(f.name(), child);
            }
            return new AttributeValue.M(copy);
        }
        if (step instanceof DocumentPath.Index ix && container instanceof AttributeValue.L l) {
            if (ix.index() >= l.values().size()) {
                if (!last) {
                    throw DynamoException.validation(INVALID_PATH);
                }
                return null;
            }
            List<AttributeValue> copy = new ArrayList<>(l.values());
            if (last) {
                copy.remove(ix.index());
            } else {
                AttributeValue child = removed(copy.get(ix.index()), path, i + 1);
                if (child == null) {
                    return null;
                }
                copy.set(ix.index(), child);
            }
            return new AttributeValue.L(copy);
        }
        throw DynamoException.validation(INVALID_PATH);
    }
}
