/**
 * Storage in PostgreSQL: the table catalog through JPA ({@link io.jynamo.ejb.storage.TableEntity}) and items as
 * JSONB rows of per-table partitions through JDBC ({@link io.jynamo.ejb.storage.ItemStore}).
 */
package io.jynamo.ejb.storage;
