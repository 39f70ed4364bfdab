package io.jynamo.bench;

import java.util.concurrent.CompletableFuture;

/**
 * Something the benchmark drives: a DynamoDB endpoint through the SDK, or the JDBC ceiling. Items are numbered;
 * item {@code i} lives in partition {@code i / 100} at sort position {@code i % 100}.
 */
interface Target extends AutoCloseable {

    String name();

    /** Creates the table (dropping an earlier one) and loads {@code items} items of about 1 KB. */
    void load(int items, int concurrency) throws Exception;

    CompletableFuture<?> get(int item);

    CompletableFuture<?> update(int item, String value);

    CompletableFuture<?> put(int item);

    /** The first page (25 items) of a partition. */
    CompletableFuture<?> query(int partition);

    /** Sets the same field of two (different) items to the value, in one transaction. */
    CompletableFuture<?> updateTwo(int first, int second, String value);

    /** Items per partition. */
    int PARTITION = 100;

    /** YCSB items have ten 100-byte fields. */
    int FIELDS = 10;
    int FIELD_LENGTH = 100;

    static String field(int item, int field) {
        String seed = "f" + field + "-" + item + "-";
        StringBuilder sb = new StringBuilder(FIELD_LENGTH);
        while (sb.length() < FIELD_LENGTH) {
            sb.append(seed);
        }
        return sb.substring(0, FIELD_LENGTH);
    }
}
