package io.jynamo.core.expression;

import io.jynamo.core.api.Limits;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.expression.ast.UpdateAction;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.ItemSize;
import io.jynamo.core.table.KeySchema;
import io.jynamo.core.table.SecondaryIndex;

import java.util.List;
import java.util.Map;

/** What an update makes of the item it finds: the rules UpdateItem and a transaction's Update action share. */
public final class UpdatedItem {
    private UpdatedItem() {
    }

    /**
     * The item after the update, or null when there is no item and the update creates none (one that only removes
     * or deletes things).
     *
     * @param current the item as it is, or null when there is none
     * @param key     the request's key: the item an update of nothing starts from
     * @param legacy  whether the actions come from the legacy AttributeUpdates
     */
    public static Map<String, AttributeValue> of(Map<String, AttributeValue> current, Map<String, AttributeValue> key,
                                                 List<UpdateAction> actions, boolean legacy, KeySchema keySchema,
                                                 List<SecondaryIndex> indexes) {
        if (current == null && !UpdateApplier.createsItem(actions)) {
            return null;
        }
        // an update of nothing starts from the item's key
        Map<String, AttributeValue> base = current != null ? current : keySchema.keyOf(key);
        Map<String, AttributeValue> updated = UpdateApplier.apply(base, actions, current != null, legacy);
        if (ItemSize.of(updated) > Limits.MAX_ITEM_SIZE_BYTES) {
            throw DynamoException.validation("Item size to update has exceeded the maximum allowed size");
        }
        UpdateChecks.checkIndexKeyTypes(updated, indexes);
        return updated;
    }
}
