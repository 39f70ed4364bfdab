package io.jynamo.core.streams;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.Limits;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;

import java.io.IOException;
import java.util.List;

import static io.jynamo.core.api.Shape.integer;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/**
 * ListStreams: the streams of one table or of all, oldest first per table, disabled ones included while their
 * records may still be read.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_ListStreams.html">ListStreams</a>
 */
public final class ListStreams {
    private ListStreams() {
    }

    /** "The upper limit is 100." */
    static final int MAX_LIMIT = 100;

    /** @param tableName null for every table's streams */
    public record Request(String tableName, int limit, String exclusiveStartStreamArn) { }

    /** @param lastEvaluatedStreamArn null when this page ends the list */
    public record Response(List<StreamDescription> streams, String lastEvaluatedStreamArn) { }

    static final Shape SHAPE = struct("ListStreamsInput",
            member("TableName", string().pattern(Limits.TABLE_NAME_PATTERN)
                    .length(Limits.MIN_TABLE_NAME_LENGTH, Limits.MAX_TABLE_NAME_LENGTH)),
            member("Limit", integer().min(1).max(MAX_LIMIT)),
            member("ExclusiveStartStreamArn", string().length(37, 1024)));

    public static Request parse(byte[] body) {
        ObjectNode r = RequestChecker.check(body, SHAPE);
        String start = r.has("ExclusiveStartStreamArn") ? r.get("ExclusiveStartStreamArn").textValue() : null;
        if (start != null) {
            StreamArn.parse(start);
        }
        return new Request(r.has("TableName") ? r.get("TableName").textValue() : null,
                r.has("Limit") ? r.get("Limit").intValue() : MAX_LIMIT, start);
    }

    public static void write(JsonGenerator g, Response response) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("Streams");
        for (StreamDescription s : response.streams()) {
            g.writeStartObject();
            g.writeStringField("StreamArn", s.streamArn());
            g.writeStringField("TableName", s.tableName());
            g.writeStringField("StreamLabel", s.label());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (response.lastEvaluatedStreamArn() != null) {
            g.writeStringField("LastEvaluatedStreamArn", response.lastEvaluatedStreamArn());
        }
        g.writeEndObject();
    }
}
