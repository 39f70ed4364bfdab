/**
 * DynamoDB Streams: the change records every write leaves in its table's stream (in the write's own transaction),
 * the order they are given, and their reading through the Streams API.
 */
package io.jynamo.ejb.stream;
