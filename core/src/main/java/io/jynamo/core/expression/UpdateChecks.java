package io.jynamo.core.expression;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.SchemaMismatchException;
import io.jynamo.core.expression.ast.UpdateAction;
import io.jynamo.core.expression.ast.Operand;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.IndexKeys;
import io.jynamo.core.table.KeyAttribute;
import io.jynamo.core.table.KeySchema;
import io.jynamo.core.table.SecondaryIndex;

import java.util.List;
import java.util.Map;

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

    /**
     * Values the update sets directly on index key attributes must have the key's type, and key attributes of an
     * index cannot be reached into.
     */
    public static void checkIndexKeyValues(List<UpdateAction> actions, List<SecondaryIndex> indexes) {
        for (UpdateAction a : actions) {
            for (SecondaryIndex index : indexes) {
                for (KeyAttribute k : index.keySchema().attributes()) {
                    if (!k.name().equals(a.path().attribute())) {
                        continue;
                    }
                    if (!a.path().isTopLevel()) {
                        throw DynamoException.validation("Key attributes must be scalars; list random access '[]' and "
                                + "map lookup '.' are not allowed: IndexKey: " + k.name());
                    }
                    AttributeValue literal = a instanceof UpdateAction.Set s && s.value() instanceof Operand.Value v
                            ? v.value() : a instanceof UpdateAction.Add add ? add.value() : null;
                    if (literal != null && literal.type() != k.type()) {
                        throw SchemaMismatchException.invalidParameter("Type mismatch for Index Key " + k.name()
                                + " Expected: " + k.type() + " Actual: " + literal.type() + " IndexName: "
                                + index.name());
                    }
                    if (literal != null) {
                        checkNotEmpty(literal);
                    }
                }
            }
        }
    }

    /** The updated item's index key attributes must suit the indexes (types known only once computed). */
    public static void checkIndexKeyTypes(Map<String, AttributeValue> item, List<SecondaryIndex> indexes) {
        for (SecondaryIndex index : indexes) {
            for (KeyAttribute k : index.keySchema().attributes()) {
                AttributeValue v = item.get(k.name());
                if (v != null && v.type() != k.type()) {
                    throw DynamoException.validation("The update expression attempted to update the secondary index "
                            + "key to unsupported type");
                }
                if (v != null) {
                    checkNotEmpty(v);
                }
            }
        }
        IndexKeys.check(item, indexes);
    }

    /** An update may not leave an index key attribute empty (as a Put may not), in words of its own. */
    private static void checkNotEmpty(AttributeValue indexKeyValue) {
        boolean emptyString = indexKeyValue instanceof AttributeValue.S s && s.value().isEmpty();
        boolean emptyBinary = indexKeyValue instanceof AttributeValue.B b && b.value().length == 0;
        if (emptyString || emptyBinary) {
            throw DynamoException.validation("One or more parameter values are not valid. The update expression "
                    + "attempted to update a secondary index key to a value that is not supported. The AttributeValue "
                    + "for a key attribute cannot contain an empty " + (emptyString ? "string" : "binary") + " value.");
        }
    }

    /** The paths an update touches, for UPDATED_OLD and UPDATED_NEW. */
    public static List<DocumentPath> paths(List<UpdateAction> actions) {
        return actions.stream().map(UpdateAction::path).distinct().toList();
    }
}
