package io.jynamo.ejb.write;

import io.jynamo.core.expression.ast.Condition;
import io.jynamo.core.item.AttributeValue;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What one write does to one item: the condition the current item (or its absence) must meet, and the item it leaves
 * in its place, computed from the current one without side effects (so that a write may be started over).
 */
public sealed interface ItemChange {
    /** The condition on the current item; {@code Condition.True} when there is none. */
    Condition condition();

    /** Whether a failed condition returns the current item with the error (ReturnValuesOnConditionCheckFailure). */
    boolean returnOldOnFailure();

    /** The item to store in place of {@code current} (null: there is none); null when there is to be none. */
    Map<String, AttributeValue> next(Map<String, AttributeValue> current);

    /**
     * A whole item written in place of whatever is there.
     *
     * @param wantsOld whether the caller needs the item it replaces (ReturnValues ALL_OLD)
     */
    record Put(Map<String, AttributeValue> item, int size, Condition condition, boolean returnOldOnFailure,
               boolean wantsOld) implements ItemChange {
        @Override
        public Map<String, AttributeValue> next(Map<String, AttributeValue> current) {
            return item;
        }
    }

    /** The current item changed by an update (which may create it, or leave nothing when there is nothing to update). */
    record Update(UnaryOperator<Map<String, AttributeValue>> update, Condition condition, boolean returnOldOnFailure)
            implements ItemChange {
        @Override
        public Map<String, AttributeValue> next(Map<String, AttributeValue> current) {
            return update.apply(current);
        }
    }

    /** The item removed. */
    record Delete(Condition condition, boolean returnOldOnFailure) implements ItemChange {
        @Override
        public Map<String, AttributeValue> next(Map<String, AttributeValue> current) {
            return null;
        }
    }

    /** An unconditional put, as BatchWriteItem makes. */
    static Put put(Map<String, AttributeValue> item, int size) {
        return new Put(item, size, new Condition.True(), false, false);
    }

    /** An unconditional delete, as BatchWriteItem makes. */
    static Delete delete() {
        return new Delete(new Condition.True(), false);
    }
}
