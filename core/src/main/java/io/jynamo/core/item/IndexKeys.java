package io.jynamo.core.item;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.SchemaMismatchException;
import io.jynamo.core.table.KeyAttribute;
import io.jynamo.core.table.KeySchema;
import io.jynamo.core.table.SecondaryIndex;

import java.util.List;
import java.util.Map;

/**
 * An item's place in a secondary index: its index key (encoded as item keys are) and the attributes the index
 * projects. Items without the index's key attributes are not in the index (sparse indexes).
 */
public record IndexKeys(byte[] hash, byte[] range, Map<String, AttributeValue> projected, int size) {

    /** The item's entry in the index, or null when the item lacks the index key attributes. */
    public static IndexKeys of(SecondaryIndex index, Map<String, AttributeValue> item, KeySchema tableKey) {
        Map<String, AttributeValue> projected = index.project(item, tableKey);
        if (projected == null) {
            return null;
        }
        KeySchema key = index.keySchema();
        byte[] hash = KeyEncoding.encode(item.get(key.hash().name()));
        byte[] range = key.hasRange() ? KeyEncoding.encode(item.get(key.range().name())) : new byte[0];
        return new IndexKeys(hash, range, projected, ItemSize.of(projected));
    }

    /**
     * Checks that an item's values for index key attributes suit the indexes: the declared type, not empty, within
     * the key size limits. An item may lack them (it is then not indexed).
     */
    public static void check(Map<String, AttributeValue> item, List<SecondaryIndex> indexes) {
        for (boolean global : new boolean[] {true, false}) {
            for (SecondaryIndex index : indexes) {
                if (index.global() != global) {
                    continue;
                }
                List<KeyAttribute> attributes = index.keySchema().attributes();
                for (int i = 0; i < attributes.size(); i++) {
                    // a local index shares the table's partition key, which the table's own checks cover
                    if (!global && i == 0) {
                        continue;
                    }
                    check(item.get(attributes.get(i).name()), attributes.get(i), index, i == 0);
                }
            }
        }
    }

    /**
     * Whether an item's values for the index's key attributes suit it. An index being backfilled leaves out the
     * items that do not, rather than refusing their writes: DynamoDB refuses them only once the backfill is done.
     */
    public static boolean suits(Map<String, AttributeValue> item, SecondaryIndex index) {
        try {
            check(item, List.of(index));
            return true;
        } catch (DynamoException unsuitable) {
            return false;
        }
    }

    private static void check(AttributeValue v, KeyAttribute k, SecondaryIndex index, boolean isHash) {
        if (v == null) {
            return;
        }
        if (v.type() != k.type()) {
            throw SchemaMismatchException.invalidParameter("Type mismatch for Index Key " + k.name() + " Expected: "
                    + k.type() + " Actual: " + v.type() + " IndexName: " + index.name());
        }
        byte[] encoded = KeyEncoding.encode(v);
        if (encoded.length == 0) {
            throw DynamoException.validation("One or more parameter values are not valid. A value specified for a "
                    + "secondary index key is not supported. The AttributeValue for a key attribute cannot contain "
                    + "an empty " + (k.type() == AttributeType.S ? "string" : "binary") + " value. IndexName: "
                    + index.name() + ", IndexKey: " + k.name());
        }
        if (k.type() != AttributeType.N) {
            if (isHash && encoded.length > io.jynamo.core.api.Limits.MAX_PARTITION_KEY_BYTES) {
                throw DynamoException.invalidParameter(
                        "Size of hashkey has exceeded the maximum size limit of2048 bytes");
            }
            if (!isHash && encoded.length > io.jynamo.core.api.Limits.MAX_SORT_KEY_BYTES) {
                throw DynamoException.invalidParameter(
                        "Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
            }
        }
    }
}
