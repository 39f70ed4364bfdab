package io.jynamo.core.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.AttributeValueReader;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks shared by the item operations, with DynamoDB's messages. */
final class ItemRequests {
    private ItemRequests() {
    }

    /** ExpressionAttributeNames as given (null when absent). */
    static Map<String, String> names(JsonNode request) {
        JsonNode node = request.get("ExpressionAttributeNames");
        if (node == null) {
            return null;
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            names.put(e.getKey(), e.getValue().textValue());
        }
        return names;
    }

    static Map<String, AttributeValue> attributeMap(JsonNode request, String member) {
        JsonNode node = request.get(member);
        return node == null ? null : AttributeValueReader.readMap(node);
    }

    /**
     * DynamoDB refuses mixing the legacy parameters with expressions, and expression attribute names or values
     * without an expression to use them in.
     *
     * @param expressions    the request's expression members, e.g. ConditionExpression
     * @param nonExpressions the legacy members they replace, e.g. Expected
     */
    static void checkExpressionParameters(JsonNode request, List<String> expressions, List<String> nonExpressions) {
        // loops, not streams: every item request goes through here
        List<String> usedExpressions = present(request, expressions);
        if (!usedExpressions.isEmpty()) {
            List<String> usedLegacy = present(request, nonExpressions);
            if (!usedLegacy.isEmpty()) {
                throw mixedParameters(usedLegacy, usedExpressions);
            }
        }
        if (request.has("ExpressionAttributeNames") && usedExpressions.isEmpty()) {
            throw DynamoException.validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        if (request.has("ExpressionAttributeValues")) {
            List<String> valueExpressions = new java.util.ArrayList<>(expressions);
            valueExpressions.remove("ProjectionExpression");
            if (!valueExpressions.isEmpty() && present(request, valueExpressions).isEmpty()) {
                throw DynamoException.validation("ExpressionAttributeValues can only be specified when using "
                        + "expressions: " + String.join(" and ", valueExpressions) + " "
                        + (valueExpressions.size() > 1 ? "are" : "is") + " null");
            }
        }
    }

    /** The members of {@code names} the request has, in that order. */
    private static List<String> present(JsonNode request, List<String> names) {
        List<String> found = List.of();
        for (String name : names) {
            if (request.has(name)) {
                if (found.isEmpty()) {
                    found = new java.util.ArrayList<>(2);
                }
                found.add(name);
            }
        }
        return found;
    }

    /**
     * ConditionalOperator joins the conditions of Expected (or of a Query's or Scan's filter): it needs at least two
     * of them. (A Query's KeyConditions are not among them.)
     */
    static void checkConditionalOperator(JsonNode request, String conditions) {
        if (!request.has("ConditionalOperator")) {
            return;
        }
        JsonNode joined = request.get(conditions);
        if (joined == null || joined.isEmpty()) {
            throw DynamoException.validation("ConditionalOperator cannot be used without Filter or Expected");
        }
        if (joined.size() == 1) {
            throw DynamoException.validation("ConditionalOperator can only be used when Filter or Expected has two "
                    + "or more elements");
        }
    }

    /** DynamoDB's refusal of a request using both kinds of parameters, each list in the operation's fixed order. */
    static DynamoException mixedParameters(List<String> legacy, List<String> expressions) {
        return DynamoException.validation("Can not use both expression and non-expression parameters in the same "
                + "request: Non-expression parameters: {" + String.join(", ", legacy) + "} Expression parameters: {"
                + String.join(", ", expressions) + "}");
    }

    /** PutItem and DeleteItem return at most the old item. */
    static ReturnValues returnOldOrNone(JsonNode request) {
        JsonNode node = request.get("ReturnValues");
        if (node == null) {
            return ReturnValues.NONE;
        }
        ReturnValues value = ReturnValues.valueOf(node.textValue());
        if (value != ReturnValues.NONE && value != ReturnValues.ALL_OLD) {
            throw DynamoException.validation("ReturnValues can only be ALL_OLD or NONE");
        }
        return value;
    }

    /** The legacy Expected member: conditions on attributes, by comparison operator or existence. */
    static final Shape EXPECTED = Shape.map(Shape.struct("ExpectedAttributeValue",
            Shape.member("Value", Shape.attributeValue()),
            Shape.member("Exists", Shape.bool()),
            Shape.member("ComparisonOperator", Shape.string().oneOf("EQ", "NE", "IN", "LE", "LT", "GE", "GT",
                    "BETWEEN", "NOT_NULL", "NULL", "CONTAINS", "NOT_CONTAINS", "BEGINS_WITH")),
            Shape.member("AttributeValueList", Shape.list(Shape.attributeValue()))));

    static final String[] RETURN_VALUES = {"ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"};
    static final String[] RETURN_ITEM_COLLECTION_METRICS = {"SIZE", "NONE"};

    /** Whether a write asked for the size of the item collection it touched. */
    static boolean collectionMetrics(com.fasterxml.jackson.databind.JsonNode r) {
        return r.has("ReturnItemCollectionMetrics") && r.get("ReturnItemCollectionMetrics").textValue().equals("SIZE");
    }
}
