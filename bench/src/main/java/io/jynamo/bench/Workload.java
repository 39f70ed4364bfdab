package io.jynamo.bench;

/**
 * The workloads, after YCSB's core workloads (uniform key choice; "update" overwrites one 100-byte field):
 * A is update-heavy, B read-mostly, C read-only; PUT writes whole items; QUERY reads the first page (25 items) of a
 * partition of 100; TXN updates two items in one transaction (TransactWriteItems).
 */
enum Workload {
    A(50, 50, 0, 0, 0),
    B(95, 5, 0, 0, 0),
    C(100, 0, 0, 0, 0),
    PUT(0, 0, 100, 0, 0),
    QUERY(0, 0, 0, 100, 0),
    TXN(0, 0, 0, 0, 100);

    final int readPercent;
    final int updatePercent;
    final int putPercent;
    final int queryPercent;
    final int transactionPercent;

    Workload(int read, int update, int put, int query, int transaction) {
        this.readPercent = read;
        this.updatePercent = update;
        this.putPercent = put;
        this.queryPercent = query;
        this.transactionPercent = transaction;
    }

    /** The operation for a uniform random number in [0, 100). */
    Operation pick(int percent) {
        if (percent < readPercent) {
            return Operation.GET;
        }
        if (percent < readPercent + updatePercent) {
            return Operation.UPDATE;
        }
        if (percent < readPercent + updatePercent + putPercent) {
            return Operation.PUT;
        }
        if (percent < readPercent + updatePercent + putPercent + queryPercent) {
            return Operation.QUERY;
        }
        return Operation.TRANSACTION;
    }

    enum Operation { GET, UPDATE, PUT, QUERY, TRANSACTION }
}
