package io.jynamo.core.operation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.expression.DocumentPath;
import io.jynamo.core.expression.ast.Condition;
import io.jynamo.core.item.AttributeValue;

import java.util.List;
import java.util.Map;

import static io.jynamo.core.api.Shape.attributeMap;
import static io.jynamo.core.api.Shape.bool;
import static io.jynamo.core.api.Shape.integer;
import static io.jynamo.core.api.Shape.list;
import static io.jynamo.core.api.Shape.map;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/**
 * Scan: validation of the request, including parallel scan segments.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html">Scan</a>
 */
public final class Scan {
    private Scan() {
    }

    /** DynamoDB's largest TotalSegments. */
    static final int MAX_TOTAL_SEGMENTS = 1_000_000;

    /** @param totalSegments 0 for a scan that is not parallel */
    public record Request(String tableName, String indexName, Condition filter, List<DocumentPath> projection,
                          Select select, Integer limit, boolean consistentRead, int segment,
                          int totalSegments, Map<String, AttributeValue> exclusiveStartKey,
                          ConsumedCapacity.Mode consumedCapacity) { }

    static final Shape SHAPE = struct("ScanInput",
            member("TableName", Shape.dataPlaneTableName()),
            member("IndexName", string().pattern(io.jynamo.core.api.Limits.TABLE_NAME_PATTERN).length(3, 255)),
            member("AttributesToGet", list(string()).length(1, 255)),
            member("Limit", integer().min(1)),
            member("Select", string().oneOf(ReadRequests.SELECT)),
            member("ScanFilter", ReadRequests.FILTER),
            member("ConditionalOperator", string().oneOf("AND", "OR")),
            member("ExclusiveStartKey", attributeMap()),
            member("ReturnConsumedCapacity", string().oneOf(ConsumedCapacity.MODES)),
            member("TotalSegments", integer().min(1).max(MAX_TOTAL_SEGMENTS)),
            member("Segment", integer().min(0).max(MAX_TOTAL_SEGMENTS - 1)),
            member("ProjectionExpression", string()),
            member("FilterExpression", string()),
            member("ExpressionAttributeNames", map(string())),
            member("ExpressionAttributeValues", attributeMap()),
            member("ConsistentRead", bool()));

    public static Request parse(byte[] body) {
        ObjectNode r = RequestChecker.check(body, SHAPE);
        ItemRequests.checkExpressionParameters(r, List.of("ProjectionExpression", "FilterExpression"),
                List.of("AttributesToGet", "ScanFilter", "ConditionalOperator"));
        ItemRequests.checkConditionalOperator(r, "ScanFilter");
        Condition legacyFilter = ReadRequests.legacyFilter(r, "ScanFilter");
        Map<String, AttributeValue> startKey = ReadRequests.exclusiveStartKey(r);
        if (r.has("Segment") && !r.has("TotalSegments")) {
            throw DynamoException.validation("The TotalSegments parameter is required but was not present in the "
                    + "request when Segment parameter is present");
        }
        int segment = 0;
        int totalSegments = 0;
        if (r.has("TotalSegments")) {
            if (!r.has("Segment")) {
                throw DynamoException.validation("The Segment parameter is required but was not present in the "
                        + "request when parameter TotalSegments is present");
            }
            segment = r.get("Segment").intValue();
            totalSegments = r.get("TotalSegments").intValue();
            if (segment >= totalSegments) {
                throw DynamoException.validation("The Segment parameter is zero-based and must be less than "
                        + "parameter TotalSegments: Segment: " + segment + " is not less than TotalSegments: "
                        + totalSegments);
            }
        }
        WriteExpressions expressions = WriteExpressions.of(r);
        Condition filter = ReadRequests.filter(r, legacyFilter, expressions);
        List<DocumentPath> projection = ReadRequests.projection(r, expressions);
        expressions.checkAllUsed();
        String indexName = r.has("IndexName") ? r.get("IndexName").textValue() : null;
        return new Request(r.get("TableName").textValue(), indexName, filter, projection,
                ReadRequests.select(r, indexName != null),
                r.has("Limit") ? r.get("Limit").intValue() : null,
                r.has("ConsistentRead") && r.get("ConsistentRead").booleanValue(), segment, totalSegments, startKey,
                ConsumedCapacity.mode(r));
    }
}
