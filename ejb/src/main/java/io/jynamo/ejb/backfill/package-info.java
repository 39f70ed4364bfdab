/**
 * Online index creation: a global secondary index added by UpdateTable is filled from the table's existing items by
 * the index-backfill job, in small transactions, while writes go on; it turns ACTIVE when done.
 */
package io.jynamo.ejb.backfill;
