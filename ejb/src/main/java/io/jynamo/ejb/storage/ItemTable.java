package io.jynamo.ejb.storage;

import io.jynamo.core.table.KeySchema;

/**
 * What item operations need to know of a table: where its items are and its primary key.
 *
 * @param partition the PostgreSQL partition of {@code item} holding the table's items
 */
public record ItemTable(long id, String name, KeySchema keySchema, String partition) { }
