package io.jynamo.ejb.backup;

/**
 * A table filled from a backup (a restore's, or an import's staged items) has all its items and is ACTIVE; fired in
 * the transaction that makes it so.
 */
public record TableFilled(long tableId) { }
