package io.jynamo.core.streams;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.json.Json;
import io.jynamo.core.table.StreamViewType;

import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.jynamo.core.api.Shape.integer;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/**
 * GetRecords: the records after a shard iterator's position, at most {@code Limit} (default and maximum 1000) and
 * about 1 MB, and the iterator to go on with.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetRecords.html">GetRecords</a>
 */
public final class GetRecords {
    private GetRecords() {
    }

    /** "The upper limit is 1000." */
    public static final int MAX_LIMIT = 1000;
    /** "GetRecords can retrieve a maximum of 1 MB of data or 1000 stream records, whichever comes first." */
    public static final long MAX_RESPONSE_BYTES = 1024 * 1024;

    /** @param iterator the shard iterator as the client gave it (the service checks its signature) */
    public record Request(String iterator, int limit) { }

    /**
     * A stored record.
     *
     * @param images the record's Keys, NewImage and OldImage as a JSON object
     * @param byTtl  whether the TTL process made the change
     */
    public record Record(long sequence, String eventId, String eventName, Instant createdAt, String images,
                         int sizeBytes, boolean byTtl) { }

    /** @param next the signed iterator to go on with; null when the shard is closed and read to its end */
    public record Response(String region, StreamViewType viewType, List<Record> records, String next) { }

    static final Shape SHAPE = struct("GetRecordsInput",
            member("ShardIterator", string().notNull().length(1, 2048)),
            member("Limit", integer().min(1).max(MAX_LIMIT)));

    public static Request parse(byte[] body) {
        ObjectNode r = RequestChecker.check(body, SHAPE);
        return new Request(r.get("ShardIterator").textValue(),
                r.has("Limit") ? r.get("Limit").intValue() : MAX_LIMIT);
    }

    public static void write(JsonGenerator g, Response response) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("Records");
        for (Record r : response.records()) {
            g.writeStartObject();
            g.writeStringField("eventID", r.eventId());
            g.writeStringField("eventName", r.eventName());
            g.writeStringField("eventVersion", "1.1");
            g.writeStringField("eventSource", "aws:dynamodb");
            g.writeStringField("awsRegion", response.region());
            g.writeObjectFieldStart("dynamodb");
            // epoch seconds, rounded down, as DynamoDB sends it
            g.writeNumberField("ApproximateCreationDateTime", r.createdAt().getEpochSecond());
            for (Iterator<Map.Entry<String, JsonNode>> it = Json.MAPPER.readTree(r.images()).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> image = it.next();
                g.writeFieldName(image.getKey());
                g.writeTree(image.getValue());
            }
            g.writeStringField("SequenceNumber", SequenceNumbers.format(r.sequence()));
            g.writeNumberField("SizeBytes", r.sizeBytes());
            g.writeStringField("StreamViewType", response.viewType().name());
            g.writeEndObject();
            if (r.byTtl()) {
                // the Streams API's member names (the Lambda event form spells them type / principalId)
                g.writeObjectFieldStart("userIdentity");
                g.writeStringField("PrincipalId", "dynamodb.amazonaws.com");
                g.writeStringField("Type", "Service");
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        if (response.next() != null) {
            g.writeStringField("NextShardIterator", response.next());
        }
        g.writeEndObject();
    }
}
