package io.jynamo.core.streams;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;

import java.io.IOException;

import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/**
 * GetShardIterator: where in a shard to start reading.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetShardIterator.html">GetShardIterator</a>
 */
public final class GetShardIterator {
    private GetShardIterator() {
    }

    public enum Type { TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER }

    /** @param sequenceNumber the internal sequence number (AT_ and AFTER_SEQUENCE_NUMBER only) */
    public record Request(StreamArn streamArn, String shardId, Type type, Long sequenceNumber) { }

    static final Shape SHAPE = struct("GetShardIteratorInput",
            member("StreamArn", string().notNull().length(37, 1024)),
            member("ShardId", string().notNull().length(28, 65)),
            member("ShardIteratorType", string().notNull()
                    .oneOf("TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER")),
            member("SequenceNumber", string().length(21, 40)));

    public static Request parse(byte[] body) {
        ObjectNode r = RequestChecker.check(body, SHAPE);
        StreamArn arn = StreamArn.parse(r.get("StreamArn").textValue());
        Type type = Type.valueOf(r.get("ShardIteratorType").textValue());
        boolean needsNumber = type == Type.AT_SEQUENCE_NUMBER || type == Type.AFTER_SEQUENCE_NUMBER;
        if (needsNumber && !r.has("SequenceNumber")) {
            throw DynamoException.validation("Must specify a SequenceNumber when ShardIteratorType is " + type);
        }
        if (!needsNumber && r.has("SequenceNumber")) {
            throw DynamoException.validation("Must not specify a SequenceNumber when ShardIteratorType is " + type);
        }
        return new Request(arn, r.get("ShardId").textValue(), type,
                needsNumber ? SequenceNumbers.parse(r.get("SequenceNumber").textValue()) : null);
    }

    /** @param iterator the signed iterator */
    public static void write(JsonGenerator g, String iterator) throws IOException {
        g.writeStartObject();
        g.writeStringField("ShardIterator", iterator);
        g.writeEndObject();
    }
}
