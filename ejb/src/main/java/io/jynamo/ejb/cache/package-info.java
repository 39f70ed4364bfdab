/**
 * Items and query answers in memory: {@link io.jynamo.ejb.cache.ItemCache} (by table and key, negative entries
 * included, a time to live counted from the read, bounded in bytes) and {@link io.jynamo.ejb.cache.QueryCache} (by
 * request), on which the accelerator and the in-memory eventually consistent reads are built.
 */
package io.jynamo.ejb.cache;
