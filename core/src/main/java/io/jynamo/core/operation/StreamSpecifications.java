package io.jynamo.core.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.table.StreamViewType;

import static io.jynamo.core.api.Shape.bool;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/**
 * The StreamSpecification of CreateTable and UpdateTable, checked with DynamoDB's messages (recorded from DynamoDB;
 * they call the view type "UpdateViewType").
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_StreamSpecification.html">StreamSpecification</a>
 */
public final class StreamSpecifications {
    private StreamSpecifications() {
    }

    static final Shape SHAPE = struct("StreamSpecification",
            member("StreamEnabled", bool().notNull()),
            member("StreamViewType", string().oneOf("OLD_IMAGE", "KEYS_ONLY", "NEW_AND_OLD_IMAGES", "NEW_IMAGE")));

    /**
     * What a request asks of the table's stream.
     *
     * @param viewType null when the stream is to be disabled
     */
    public record Change(boolean enabled, StreamViewType viewType) { }

    /** The request's StreamSpecification, or null when it has none. */
    static Change read(JsonNode request, boolean creating) {
        JsonNode spec = request.get("StreamSpecification");
        if (spec == null) {
            return null;
        }
        boolean enabled = spec.get("StreamEnabled").booleanValue();
        boolean hasViewType = spec.has("StreamViewType");
        if (enabled && !hasViewType) {
            throw DynamoException.invalidParameter(creating
                    ? "Table is being created with a stream enabled, UpdateViewType is required"
                    : "If stream is being enabled then UpdateViewType is required");
        }
        if (!enabled && hasViewType) {
            throw DynamoException.invalidParameter(creating
                    ? "Table is being created with a stream disabled, UpdateViewType should not be specified"
                    : "If stream is being disabled, then UpdateViewType must not be specified");
        }
        return new Change(enabled, enabled ? StreamViewType.valueOf(spec.get("StreamViewType").textValue()) : null);
    }
}
