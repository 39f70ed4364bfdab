package io.jynamo.core.expression;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.expression.ast.UpdateAction;
import io.jynamo.core.table.KeySchema;

import java.util.List;

/** Checks of an update against the table's schema, made before the item is read. */
public final class UpdateChecks {
    private UpdateChecks() {
    }

    /** Key attributes can be neither updated nor reached into. */
    public static void checkKeysUntouched(List<UpdateAction> actions, KeySchema schema) {
        for (UpdateAction a : actions) {
            String attribute = a.path().attribute();
            if (!schema.isKeyAttribute(attribute)) {
                continue;
            }
            if (a.path().isTopLevel()) {
                throw DynamoException.invalidParameter("Cannot update attribute " + attribute
                        + ". This attribute is part of the key");
            }
            throw DynamoException.validation("Key attributes must be scalars; list random access '[]' and map lookup "
                    + "'.' are not allowed: Key: " + attribute);
        }
    }

    /** The paths an update touches, for UPDATED_OLD and UPDATED_NEW. */
    public static List<DocumentPath> paths(List<UpdateAction> actions) {
        return actions.stream().map(UpdateAction::path).distinct().toList();
    }
}
