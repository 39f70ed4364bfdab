package io.jynamo.core.item;

import io.jynamo.core.api.Limits;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.SchemaMismatchException;
import io.jynamo.core.table.KeyAttribute;
import io.jynamo.core.table.KeySchema;

import java.util.Map;

/**
 * An item's primary key in its stored form: the partition and sort key values in {@link KeyEncoding}
 * (the sort key is empty for a table without one).
 *
 * <p>The factories check a key against the table's schema with DynamoDB's messages, which differ between an item
 * (PutItem) and a key (GetItem, DeleteItem, UpdateItem).
 */
public record PrimaryKey(byte[] hash, byte[] range) {
    private static final byte[] NO_RANGE = new byte[0];

    /** The primary key of an item to be written; the item must hold each key attribute with its declared type. */
    public static PrimaryKey ofItem(Map<String, AttributeValue> item, KeySchema schema) {
        byte[] hash = null;
        byte[] range = NO_RANGE;
        for (KeyAttribute k : schema.attributes()) {
            AttributeValue v = item.get(k.name());
            if (v == null) {
                throw SchemaMismatchException.invalidParameter("Missing the key " + k.name() + " in the item");
            }
            if (v.type() != k.type()) {
                throw SchemaMismatchException.invalidParameter("Type mismatch for key " + k.name() + " expected: "
                        + k.type() + " actual: " + v.type());
            }
            byte[] encoded = encode(v, k, hash == null, "One or more parameter values are not valid. ");
            if (hash == null) {
                hash = encoded;
            } else {
                range = encoded;
            }
        }
        return new PrimaryKey(hash, range);
    }

    /** The primary key named by a request's Key: exactly the key attributes, each with its declared type. */
    public static PrimaryKey ofKey(Map<String, AttributeValue> key, KeySchema schema) {
        if (key.size() != schema.attributes().size()) {
            throw keyMismatch();
        }
        byte[] hash = null;
        byte[] range = NO_RANGE;
        for (KeyAttribute k : schema.attributes()) {
            AttributeValue v = key.get(k.name());
            if (v == null || v.type() != k.type()) {
                throw keyMismatch();
            }
            byte[] encoded = encode(v, k, hash == null, "One or more parameter values were invalid: ");
            if (hash == null) {
                hash = encoded;
            } else {
                range = encoded;
            }
        }
        return new PrimaryKey(hash, range);
    }

    private static DynamoException keyMismatch() {
        return new SchemaMismatchException("The provided key element does not match the schema");
    }

    private static byte[] encode(AttributeValue v, KeyAttribute k, boolean isHash, String emptyPrefix) {
        byte[] encoded = KeyEncoding.encode(v);
        if (encoded.length == 0) {
            throw DynamoException.validation(emptyPrefix + "The AttributeValue for a key attribute cannot contain an "
                    + "empty " + (k.type() == AttributeType.S ? "string" : "binary") + " value. Key: " + k.name());
        }
        // Numbers are bounded by their own limits; string and binary key values are limited in bytes.
        if (k.type() != AttributeType.N) {
            if (isHash && encoded.length > Limits.MAX_PARTITION_KEY_BYTES) {
                // (sic) no space in "of2048": DynamoDB's message.
                throw DynamoException.invalidParameter(
                        "Size of hashkey has exceeded the maximum size limit of2048 bytes");
            }
            if (!isHash && encoded.length > Limits.MAX_SORT_KEY_BYTES) {
                throw DynamoException.invalidParameter(
                        "Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
            }
        }
        return encoded;
    }

    /** Whether this key's sort-key part is present. */
    public boolean hasRange() {
        return range.length > 0;
    }
}
