package io.jynamo.core.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.expression.ConditionExpression;
import io.jynamo.core.expression.DocumentPath;
import io.jynamo.core.expression.KeyConditions;
import io.jynamo.core.expression.ast.Condition;
import io.jynamo.core.item.AttributeValue;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jynamo.core.api.Shape.attributeMap;
import static io.jynamo.core.api.Shape.attributeValue;
import static io.jynamo.core.api.Shape.bool;
import static io.jynamo.core.api.Shape.integer;
import static io.jynamo.core.api.Shape.list;
import static io.jynamo.core.api.Shape.map;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/**
 * Query: validation of the request. The checks that need the table's schema are the service's.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html">Query</a>
 */
public final class Query {
    private Query() {
    }

    /**
     * @param keyConditions  one condition per key attribute named
     * @param filter         applied after the key conditions and Limit; null for none
     * @param projection     null for all (projected) attributes
     * @param limit          null for no limit (a page still ends at 1 MB)
     */
    public record Request(String tableName, String indexName, Map<String, KeyConditions.KeyCondition> keyConditions,
                          Condition filter, boolean filterIsExpression, List<DocumentPath> projection,
                          Select select, Integer limit, boolean consistentRead, boolean scanIndexForward,
                          Map<String, AttributeValue> exclusiveStartKey, ConsumedCapacity.Mode consumedCapacity) { }

    static final Shape SHAPE = struct("QueryInput",
            member("TableName", Shape.dataPlaneTableName()),
            member("IndexName", string().pattern(io.jynamo.core.api.Limits.TABLE_NAME_PATTERN).length(3, 255)),
            member("Select", string().oneOf(ReadRequests.SELECT)),
            member("AttributesToGet", list(string()).length(1, 255)),
            member("Limit", integer().min(1).modernMessages()),
            member("ConsistentRead", bool()),
            member("KeyConditions", map(struct("Condition",
                    member("AttributeValueList", list(attributeValue())),
                    member("ComparisonOperator", string().notNull().oneOf("EQ", "NE", "IN", "LE", "LT", "GE", "GT",
                            "BETWEEN", "NOT_NULL", "NULL", "CONTAINS", "NOT_CONTAINS", "BEGINS_WITH"))))),
            member("QueryFilter", ReadRequests.FILTER),
            member("ConditionalOperator", string().oneOf("AND", "OR")),
            member("ScanIndexForward", bool()),
            member("ExclusiveStartKey", attributeMap()),
            member("ReturnConsumedCapacity", string().oneOf(ConsumedCapacity.MODES)),
            member("ProjectionExpression", string()),
            member("FilterExpression", string()),
            member("KeyConditionExpression", string()),
            member("ExpressionAttributeNames", map(string())),
            member("ExpressionAttributeValues", attributeMap()));

    public static Request parse(byte[] body) {
        ObjectNode r = RequestChecker.check(body, SHAPE);
        // KeyConditions may go with the other expressions; only KeyConditionExpression excludes it (DynamoDB's rule)
        ItemRequests.checkExpressionParameters(r,
                List.of("ProjectionExpression", "FilterExpression", "KeyConditionExpression"),
                r.has("KeyConditionExpression")
                        ? List.of("AttributesToGet", "QueryFilter", "ConditionalOperator", "KeyConditions")
                        : List.of("AttributesToGet", "QueryFilter", "ConditionalOperator"));
        ItemRequests.checkConditionalOperator(r, "QueryFilter");
        Condition legacyFilter = ReadRequests.legacyFilter(r, "QueryFilter");
        Map<String, AttributeValue> startKey = ReadRequests.exclusiveStartKey(r);
        if (!r.has("KeyConditions") && !r.has("KeyConditionExpression")) {
            throw DynamoException.validation("Either the KeyConditions or KeyConditionExpression parameter must be "
                    + "specified in the request.");
        }
        WriteExpressions expressions = WriteExpressions.of(r);
        Map<String, KeyConditions.KeyCondition> keyConditions;
        if (r.has("KeyConditionExpression")) {
            Condition keyCondition = ConditionExpression.parse(r.get("KeyConditionExpression").textValue(),
                    "KeyConditionExpression", expressions.names, expressions.values);
            Condition filter = ReadRequests.filter(r, legacyFilter, expressions);
            List<DocumentPath> projection = ReadRequests.projection(r, expressions);
            expressions.checkAllUsed();
            keyConditions = KeyConditions.fromExpression(keyCondition);
            KeyConditions.checkLegacy(keyConditions);
            return request(r, keyConditions, filter, projection, startKey);
        }
        Condition filter = ReadRequests.filter(r, legacyFilter, expressions);
        List<DocumentPath> projection = ReadRequests.projection(r, expressions);
        expressions.checkAllUsed();
        keyConditions = legacyKeyConditions(r.get("KeyConditions"));
        KeyConditions.checkLegacy(keyConditions);
        return request(r, keyConditions, filter, projection, startKey);
    }

    private static Request request(ObjectNode r, Map<String, KeyConditions.KeyCondition> keyConditions,
                                   Condition filter, List<DocumentPath> projection,
                                   Map<String, AttributeValue> startKey) {
        String indexName = r.has("IndexName") ? r.get("IndexName").textValue() : null;
        Select select = ReadRequests.select(r, indexName != null);
        return new Request(r.get("TableName").textValue(), indexName, keyConditions, filter,
                r.has("FilterExpression"), projection, select,
                r.has("Limit") ? r.get("Limit").intValue() : null,
                r.has("ConsistentRead") && r.get("ConsistentRead").booleanValue(),
                !r.has("ScanIndexForward") || r.get("ScanIndexForward").booleanValue(),
                startKey, ConsumedCapacity.mode(r));
    }

    private static Map<String, KeyConditions.KeyCondition> legacyKeyConditions(JsonNode node) {
        Map<String, KeyConditions.KeyCondition> conditions = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            conditions.put(e.getKey(), new KeyConditions.KeyCondition(
                    e.getValue().get("ComparisonOperator").textValue(), ReadRequests.valueList(e.getValue())));
        }
        return conditions;
    }
}
