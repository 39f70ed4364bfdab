package io.jynamo.core.streams;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.json.Json;
import io.jynamo.core.operation.TableDescriptionWriter;

import java.io.IOException;

import static io.jynamo.core.api.Shape.integer;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/**
 * DescribeStream: a stream's status, view type, key schema and shards.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_DescribeStream.html">DescribeStream</a>
 */
public final class DescribeStream {
    private DescribeStream() {
    }

    /** @param exclusiveStartShardId null to list the shards from the first */
    public record Request(StreamArn streamArn, String exclusiveStartShardId) { }

    static final Shape SHAPE = struct("DescribeStreamInput",
            member("StreamArn", string().notNull().length(37, 1024)),
            member("Limit", integer().min(1).max(100)),
            member("ExclusiveStartShardId", string().length(28, 65)));

    public static Request parse(byte[] body) {
        ObjectNode r = RequestChecker.check(body, SHAPE);
        return new Request(StreamArn.parse(r.get("StreamArn").textValue()),
                r.has("ExclusiveStartShardId") ? r.get("ExclusiveStartShardId").textValue() : null);
    }

    /**
     * @param withShard false when the page of shards starts after the only one (DynamoDB answers an unknown or the
     *                  last shard id with an empty list)
     */
    public static void write(JsonGenerator g, StreamDescription s, boolean withShard) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("StreamDescription");
        g.writeStringField("StreamArn", s.streamArn());
        g.writeStringField("StreamLabel", s.label());
        g.writeStringField("StreamStatus", s.status());
        g.writeStringField("StreamViewType", s.viewType().name());
        Json.writeEpochSeconds(g, "CreationRequestDateTime", s.createdAt());
        g.writeStringField("TableName", s.tableName());
        TableDescriptionWriter.writeKeySchema(g, s.keySchema());
        g.writeArrayFieldStart("Shards");
        if (withShard) {
            g.writeStartObject();
            g.writeStringField("ShardId", s.shardId());
            g.writeObjectFieldStart("SequenceNumberRange");
            g.writeStringField("StartingSequenceNumber", s.startingSequenceNumber());
            if (s.endingSequenceNumber() != null) {
                g.writeStringField("EndingSequenceNumber", s.endingSequenceNumber());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }
}
