/**
 * Time to Live: the table setting (UpdateTimeToLive, DescribeTimeToLive) and the ttl-expiry job that deletes expired
 * items through the ordinary delete path, so that indexes and streams follow.
 */
package io.jynamo.ejb.ttl;
