package io.jynamo.core.streams;

import io.jynamo.core.table.KeySchemaElement;
import io.jynamo.core.table.StreamViewType;

import java.time.Instant;
import java.util.List;

/**
 * A stream as ListStreams and DescribeStream show it. Jynamo gives each stream one shard, open while the stream is
 * enabled and closed (with an ending sequence number) once it is disabled.
 *
 * @param endingSequenceNumber null while the shard is open
 */
public record StreamDescription(String streamArn, String tableName, String label, String status,
                                StreamViewType viewType, Instant createdAt, List<KeySchemaElement> keySchema,
                                String shardId, String startingSequenceNumber, String endingSequenceNumber) { }
