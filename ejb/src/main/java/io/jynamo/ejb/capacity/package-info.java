/**
 * Capacity: the provisioned capacity of tables and global indexes enforced with token buckets, and the maxima of
 * on-demand tables ({@link io.jynamo.ejb.capacity.CapacityMeter}).
 */
package io.jynamo.ejb.capacity;
