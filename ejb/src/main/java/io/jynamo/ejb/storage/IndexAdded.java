package io.jynamo.ejb.storage;

/** A global secondary index was added to a table and awaits its backfill (fired in the transaction that added it). */
public record IndexAdded(String tableName, long indexId) { }
