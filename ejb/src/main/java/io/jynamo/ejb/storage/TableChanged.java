package io.jynamo.ejb.storage;

/** A CDI event: the catalog entry of this table was created, changed or removed in the current transaction. */
public record TableChanged(String tableName) {
}
