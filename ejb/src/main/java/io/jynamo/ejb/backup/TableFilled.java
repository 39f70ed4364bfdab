package io.jynamo.ejb.backup;

/**
 * A table being filled from a backup (a restore's, or an import's staged items) is done: it has all its items and is
 * ACTIVE ({@code filled}), or it was deleted, or its source is gone, before it was filled. Fired in the transaction
 * that ends the filling.
 */
public record TableFilled(long tableId, boolean filled) { }
