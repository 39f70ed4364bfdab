package io.jynamo.core.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;

import java.io.IOException;

import static io.jynamo.core.api.Shape.bool;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/**
 * UpdateTimeToLive and DescribeTimeToLive. DescribeTimeToLive takes just a table name ({@link TableName}).
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html">UpdateTimeToLive</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTimeToLive.html">DescribeTimeToLive</a>
 */
public final class TimeToLive {
    private TimeToLive() {
    }

    public record Update(String tableName, boolean enabled, String attributeName) { }

    /** @param attributeName null when TTL is disabled */
    public record Description(String status, String attributeName) { }

    static final Shape UPDATE = struct("UpdateTimeToLiveInput",
            member("TableName", Shape.controlPlaneTableName()),
            member("TimeToLiveSpecification", struct("TimeToLiveSpecification",
                    member("Enabled", bool().notNull()),
                    member("AttributeName", string().notNull().length(1, 255))).notNull()));

    public static Update parseUpdate(byte[] body) {
        ObjectNode r = RequestChecker.check(body, UPDATE);
        JsonNode spec = r.get("TimeToLiveSpecification");
        return new Update(r.get("TableName").textValue(), spec.get("Enabled").booleanValue(),
                spec.get("AttributeName").textValue());
    }

    /** UpdateTimeToLive's answer: the specification, as given. */
    public static void writeUpdate(JsonGenerator g, Update update) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("TimeToLiveSpecification");
        g.writeBooleanField("Enabled", update.enabled());
        g.writeStringField("AttributeName", update.attributeName());
        g.writeEndObject();
        g.writeEndObject();
    }

    public static void writeDescription(JsonGenerator g, Description d) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("TimeToLiveDescription");
        g.writeStringField("TimeToLiveStatus", d.status());
        if (d.attributeName() != null) {
            g.writeStringField("AttributeName", d.attributeName());
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}
