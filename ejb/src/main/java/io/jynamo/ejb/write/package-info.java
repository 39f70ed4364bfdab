/**
 * The one write path: {@link io.jynamo.ejb.write.ItemWriter} stores every change of an item with everything that
 * goes with it (index entries, stream record), whichever operation or job makes it; {@link
 * io.jynamo.ejb.write.ItemChange} says what an operation does to an item. The SQL is the storage package's.
 */
package io.jynamo.ejb.write;
