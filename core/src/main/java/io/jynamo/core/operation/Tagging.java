package io.jynamo.core.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.table.Tag;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.jynamo.core.api.Shape.list;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/**
 * TagResource, UntagResource and ListTagsOfResource: validation of the requests and the responses. Which table an
 * ARN names is {@link TableArn}'s to say; whether the table exists, the service's.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TagResource.html">TagResource</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Tagging.html">Tagging restrictions</a>
 */
public final class Tagging {
    private Tagging() {
    }

    public record TagRequest(String resourceArn, List<Tag> tags) { }

    public record UntagRequest(String resourceArn, List<String> keys) { }

    /** The resource ARN's length limits in DynamoDB's model (ResourceArnString). */
    private static final Shape RESOURCE_ARN = string().length(1, 1283);
    private static final Shape TAG_KEY = string().length(1, 128);

    static final Shape TAG_SHAPE = struct("TagResourceInput",
            member("ResourceArn", RESOURCE_ARN),
            member("Tags", list(CreateTable.TAG).notNull()));

    static final Shape UNTAG_SHAPE = struct("UntagResourceInput",
            member("ResourceArn", RESOURCE_ARN),
            member("TagKeys", list(TAG_KEY).notNull()));

    static final Shape LIST_SHAPE = struct("ListTagsOfResourceInput",
            member("ResourceArn", RESOURCE_ARN),
            member("NextToken", string()));

    public static TagRequest parseTag(byte[] body) {
        ObjectNode r = RequestChecker.check(body, TAG_SHAPE);
        String arn = resourceArn(r);
        if (r.get("Tags").isEmpty()) {
            // (sic) "Atleast": DynamoDB's spelling
            throw DynamoException.validation("Atleast one Tag needs to be provided as Input.");
        }
        List<Tag> tags = new ArrayList<>();
        for (JsonNode t : r.get("Tags")) {
            tags.add(new Tag(t.get("Key").textValue(), t.get("Value").textValue()));
        }
        Tags.check(tags);
        return new TagRequest(arn, tags);
    }

    public static UntagRequest parseUntag(byte[] body) {
        ObjectNode r = RequestChecker.check(body, UNTAG_SHAPE);
        String arn = resourceArn(r);
        if (r.get("TagKeys").isEmpty()) {
            throw DynamoException.validation("Atleast one Tag Key needs to be provided as Input.");
        }
        List<String> keys = new ArrayList<>();
        r.get("TagKeys").forEach(k -> keys.add(k.textValue()));
        return new UntagRequest(arn, keys);
    }

    /** The ResourceArn of a ListTagsOfResource request (its NextToken is ignored: DynamoDB never pages tags). */
    public static String parseList(byte[] body) {
        return resourceArn(RequestChecker.check(body, LIST_SHAPE));
    }

    private static String resourceArn(ObjectNode r) {
        if (!r.has("ResourceArn")) {
            throw DynamoException.validation("Invalid TableArn");
        }
        return r.get("ResourceArn").textValue();
    }

    /** ListTagsOfResource's answer: every tag, in one page ({@code Tags} is there even when empty). */
    public static void writeList(JsonGenerator g, List<Tag> tags) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("Tags");
        for (Tag t : tags) {
            g.writeStartObject();
            g.writeStringField("Key", t.key());
            g.writeStringField("Value", t.value());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
