/**
 * The DynamoDB Streams API ({@code DynamoDBStreams_20120810}): its requests and responses, stream ARNs, shard
 * iterators and sequence numbers. No storage here; see {@code io.jynamo.ejb.stream}.
 */
package io.jynamo.core.streams;
