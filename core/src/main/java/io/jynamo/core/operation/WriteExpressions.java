package io.jynamo.core.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.expression.ConditionExpression;
import io.jynamo.core.expression.ExpressionNames;
import io.jynamo.core.expression.ExpressionValues;
import io.jynamo.core.expression.LegacyConditions;
import io.jynamo.core.expression.ast.Condition;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.AttributeValueReader;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request's expression context: its ExpressionAttributeNames and ExpressionAttributeValues, checked once, shared by
 * all its expressions, and checked at the end for entries no expression used.
 */
final class WriteExpressions {
    final ExpressionNames names;
    final ExpressionValues values;

    private WriteExpressions(ExpressionNames names, ExpressionValues values) {
        this.names = names;
        this.values = values;
    }

    static final String[] RETURN_ON_CONDITION_FAILURE = {"ALL_OLD", "NONE"};

    static WriteExpressions of(JsonNode request) {
        ExpressionNames names = ExpressionNames.of(ItemRequests.names(request));
        return new WriteExpressions(names, ExpressionValues.of(values(request)));
    }

    /** ExpressionAttributeValues, each value checked with DynamoDB's message naming its key. */
    static Map<String, AttributeValue> values(JsonNode request) {
        JsonNode node = request.get("ExpressionAttributeValues");
        if (node == null) {
            return null;
        }
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                values.put(e.getKey(), AttributeValueReader.read(e.getValue()));
            } catch (DynamoException invalid) {
                throw DynamoException.validation("ExpressionAttributeValues contains invalid value: "
                        + invalid.getMessage() + " for key " + e.getKey());
            }
        }
        return values;
    }

    /** The write's condition: ConditionExpression, or the legacy Expected, or none. */
    Condition condition(JsonNode request) {
        if (request.has("ConditionExpression")) {
            return ConditionExpression.parse(request.get("ConditionExpression").textValue(), "ConditionExpression",
                    names, values);
        }
        if (request.has("Expected")) {
            Map<String, JsonNode> expected = new LinkedHashMap<>();
            request.get("Expected").fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue()));
            boolean or = request.has("ConditionalOperator")
                    && request.get("ConditionalOperator").textValue().equals("OR");
            return LegacyConditions.expected(LegacyConditions.readExpected(expected, AttributeValueReader::read), or);
        }
        return new Condition.True();
    }

    /** Refuses names and values no expression used. */
    void checkAllUsed() {
        names.checkAllUsed();
        values.checkAllUsed();
    }

    /** Whether the request asks for the old item with a failed condition. */
    static boolean returnOldOnConditionFailure(JsonNode request) {
        JsonNode node = request.get("ReturnValuesOnConditionCheckFailure");
        return node != null && node.textValue().equals("ALL_OLD");
    }

    static Shape returnOnConditionFailureShape() {
        return Shape.string().oneOf(RETURN_ON_CONDITION_FAILURE);
    }
}
