package io.jynamo.core.api;

/**
 * DynamoDB's documented service limits that Jynamo enforces, each with its source.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html">Quotas in Amazon DynamoDB</a>
 */
public final class Limits {
    private Limits() {
    }

    /** Table and index names: 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.' (Naming rules). */
    public static final String TABLE_NAME_PATTERN = "[a-zA-Z0-9_.-]+";
    public static final int MIN_TABLE_NAME_LENGTH = 3;
    public static final int MAX_TABLE_NAME_LENGTH = 255;

    /** Maximum item size, including attribute names: 400 KB (Item size). */
    public static final int MAX_ITEM_SIZE_BYTES = 400 * 1024;
    /** Partition key value: 2048 bytes (Partition key length). */
    public static final int MAX_PARTITION_KEY_BYTES = 2048;
    /** Sort key value: 1024 bytes (Sort key length). */
    public static final int MAX_SORT_KEY_BYTES = 1024;
    /** Nested attribute depth: 32 levels (Nested attribute depth). */
    public static final int MAX_NESTING_DEPTH = 32;

    /** Provisioned capacity units above which DynamoDB reports a value as out of bounds. */
    public static final long MAX_CAPACITY_UNITS = 1_000_000_000_000L;
    /** ListTables returns at most 100 names per page (ListTables Limit). */
    public static final int MAX_LIST_TABLES_LIMIT = 100;
    /** Tags per resource: 50 (Tags). */
    public static final int MAX_TAGS = 50;

    /** Requests larger than this are refused before parsing (DynamoDB's 16 MB request limit, BatchWriteItem). */
    public static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;
}
