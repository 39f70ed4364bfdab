package io.jynamo.ejb.storage;

/**
 * Who takes an item's write lock ({@link ItemLocks}) for a statement that writes it, or reads it to write it.
 */
public enum WriteLock {
    /**
     * The statement takes the item's single-write lock first, at no extra round trip, and refuses with
     * TransactionConflictException when a transaction holds it: PutItem, UpdateItem, DeleteItem.
     */
    TAKE,
    /** The caller already holds the item's lock: a batch or TTL expiry (shared), or a transaction (exclusive). */
    HELD
}
