package io.jynamo.core.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;

import java.io.IOException;

import static io.jynamo.core.api.Shape.bool;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/**
 * PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy: the requests, the ARN they name (a table's or a
 * stream's; the messages recorded against DynamoDB), and the responses. The policy's own rules are
 * {@link ResourcePolicyRules}'.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutResourcePolicy.html">
 *      PutResourcePolicy</a>
 */
public final class ResourcePolicies {
    private ResourcePolicies() {
    }

    /** {@code ExpectedRevisionId} saying that no policy may be there yet. */
    public static final String NO_POLICY = "NO_POLICY";

    /** The table, or the stream of a table, that a ResourceArn names. */
    public record Target(String arn, String tableName, String streamLabel) {
        public boolean isStream() {
            return streamLabel != null;
        }
    }

    public record Put(Target target, String policy, String expectedRevisionId, boolean confirmRemoveSelfAccess) { }

    public record Delete(Target target, String expectedRevisionId) { }

    private static final Shape RESOURCE_ARN = string().notNull().length(1, 1283);
    private static final Shape REVISION_ID = string().length(1, 255);

    static final Shape PUT_SHAPE = struct("PutResourcePolicyInput",
            member("ResourceArn", RESOURCE_ARN),
            member("Policy", string().notNull()),
            member("ExpectedRevisionId", REVISION_ID),
            member("ConfirmRemoveSelfResourceAccess", bool()));

    static final Shape GET_SHAPE = struct("GetResourcePolicyInput",
            member("ResourceArn", RESOURCE_ARN));

    static final Shape DELETE_SHAPE = struct("DeleteResourcePolicyInput",
            member("ResourceArn", RESOURCE_ARN),
            member("ExpectedRevisionId", REVISION_ID));

    public static Put parsePut(byte[] body, String region, String accountId) {
        ObjectNode r = RequestChecker.check(body, PUT_SHAPE);
        return new Put(target(r.get("ResourceArn").textValue(), region, accountId), r.get("Policy").textValue(),
                r.has("ExpectedRevisionId") ? r.get("ExpectedRevisionId").textValue() : null,
                r.has("ConfirmRemoveSelfResourceAccess") && r.get("ConfirmRemoveSelfResourceAccess").booleanValue());
    }

    public static Target parseGet(byte[] body, String region, String accountId) {
        return target(RequestChecker.check(body, GET_SHAPE).get("ResourceArn").textValue(), region, accountId);
    }

    public static Delete parseDelete(byte[] body, String region, String accountId) {
        ObjectNode r = RequestChecker.check(body, DELETE_SHAPE);
        return new Delete(target(r.get("ResourceArn").textValue(), region, accountId),
                r.has("ExpectedRevisionId") ? r.get("ExpectedRevisionId").textValue() : null);
    }

    /**
     * The table or stream an ARN names, checked as DynamoDB checks it: an ARN at all, DynamoDB's, this account's
     * (ValidationException without the usual prefix, as recorded), this partition and region, a table or a stream
     * (not an index, nor a backup).
     */
    public static Target target(String arn, String region, String accountId) {
        if (!arn.startsWith("arn:")) {
            throw DynamoException.invalidParameter("ARNs must start with 'arn:': " + arn);
        }
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[2].equals("dynamodb")) {
            throw DynamoException.invalidParameter("Provided Arn is not a DynamoDB resource arn: " + arn);
        }
        if (!parts[4].equals(accountId)) {
            // (sic) the typographic apostrophe is DynamoDB's
            throw DynamoException.validation("This action is only supported by accounts that match the resource "
                    + "owner\u2019s account.");
        }
        if (!parts[1].equals("aws") || !parts[3].equals(region)) {
            throw DynamoException.invalidParameter("Invalid resource Arn: " + arn);
        }
        String resource = parts[5];
        if (!resource.startsWith("table/")) {
            throw DynamoException.invalidParameter("Provided Arn is not a DynamoDB resource arn: " + arn);
        }
        String[] path = resource.substring("table/".length()).split("/", -1);
        if (path.length == 3 && path[1].equals("backup")) {
            throw DynamoException.invalidParameter("Provided Arn is not a DynamoDB resource arn: " + arn);
        }
        boolean table = path.length == 1;
        boolean stream = path.length == 3 && path[1].equals("stream") && !path[2].isEmpty();
        if (!table && !stream) {
            throw DynamoException.invalidParameter("Invalid resource arn provided, only table or stream is accepted. "
                    + "Provided resource arn: " + arn);
        }
        if (path[0].length() < 3 || path[0].length() > 255
                || !path[0].matches(io.jynamo.core.api.Limits.TABLE_NAME_PATTERN)) {
            throw DynamoException.invalidParameter("Invalid resource Arn: " + arn);
        }
        return new Target(arn, path[0], stream ? path[2] : null);
    }

    /** PutResourcePolicy's and DeleteResourcePolicy's answer: the revision (none for a Delete of no policy). */
    public static void writeRevision(JsonGenerator g, String revisionId) throws IOException {
        g.writeStartObject();
        if (revisionId != null) {
            g.writeStringField("RevisionId", revisionId);
        }
        g.writeEndObject();
    }

    public static void writePolicy(JsonGenerator g, String policy, String revisionId) throws IOException {
        g.writeStartObject();
        g.writeStringField("Policy", policy);
        g.writeStringField("RevisionId", revisionId);
        g.writeEndObject();
    }
}
