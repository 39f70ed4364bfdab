package io.jynamo.core.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.expression.DocumentPath;
import io.jynamo.core.expression.UpdateExpression;
import io.jynamo.core.expression.ast.Condition;
import io.jynamo.core.expression.ast.Operand;
import io.jynamo.core.expression.ast.UpdateAction;
import io.jynamo.core.item.AttributeType;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.AttributeValueReader;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.jynamo.core.api.Shape.attributeMap;
import static io.jynamo.core.api.Shape.attributeValue;
import static io.jynamo.core.api.Shape.map;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/**
 * UpdateItem: validation of the request (UpdateExpression or the legacy AttributeUpdates) and the response.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html">UpdateItem</a>
 */
public final class UpdateItem {
    private UpdateItem() {
    }

    /**
     * @param actions the update; legacy AttributeUpdates are expressed as the same actions
     */
    public record Request(String tableName, Map<String, AttributeValue> key, List<UpdateAction> actions,
                          boolean legacy, Condition condition, ReturnValues returnValues,
                          boolean returnOldOnCondition, ConsumedCapacity.Mode consumedCapacity,
                          boolean collectionMetrics) { }


    static final Shape ATTRIBUTE_UPDATE = struct("AttributeValueUpdate",
            member("Value", attributeValue()),
            member("Action", string().oneOf("ADD", "PUT", "DELETE")));

    static final Shape SHAPE = struct("UpdateItemInput",
            member("ReturnConsumedCapacity", string().oneOf(ConsumedCapacity.MODES)),
            member("TableName", Shape.dataPlaneTableName()),
            member("ReturnValues", string().oneOf(ItemRequests.RETURN_VALUES)),
            member("ReturnItemCollectionMetrics", string().oneOf(ItemRequests.RETURN_ITEM_COLLECTION_METRICS)),
            member("Key", attributeMap().notNull()),
            member("AttributeUpdates", map(ATTRIBUTE_UPDATE)),
            member("ConditionalOperator", string().oneOf("AND", "OR")),
            member("Expected", ItemRequests.EXPECTED),
            member("UpdateExpression", string()),
            member("ConditionExpression", string()),
            member("ExpressionAttributeValues", attributeMap()),
            member("ExpressionAttributeNames", map(string())),
            member("ReturnValuesOnConditionCheckFailure", WriteExpressions.returnOnConditionFailureShape()));

    public static Request parse(byte[] body) {
        ObjectNode r = RequestChecker.check(body, SHAPE);
        ItemRequests.checkExpressionParameters(r, List.of("UpdateExpression", "ConditionExpression"),
                List.of("AttributeUpdates", "Expected", "ConditionalOperator"));
        ItemRequests.checkConditionalOperator(r, "Expected");
        Map<String, AttributeValue> key = ItemRequests.attributeMap(r, "Key");
        List<UpdateAction> legacy = attributeUpdates(r.get("AttributeUpdates"));
        WriteExpressions expressions = WriteExpressions.of(r);
        List<UpdateAction> actions = r.has("UpdateExpression")
                ? UpdateExpression.parse(r.get("UpdateExpression").textValue(), expressions.names, expressions.values)
                : legacy;
        Condition condition = expressions.condition(r);
        expressions.checkAllUsed();
        ReturnValues returnValues = r.has("ReturnValues")
                ? ReturnValues.valueOf(r.get("ReturnValues").textValue()) : ReturnValues.NONE;
        return new Request(r.get("TableName").textValue(), key, actions, !r.has("UpdateExpression"), condition,
                returnValues,
                WriteExpressions.returnOldOnConditionFailure(r), ConsumedCapacity.mode(r),
                ItemRequests.collectionMetrics(r));
    }

    /**
     * The legacy AttributeUpdates as update actions: PUT sets, DELETE without a value removes, DELETE with a set value
     * deletes members, ADD adds to a number or set (or appends to a list).
     */
    static List<UpdateAction> attributeUpdates(JsonNode updates) {
        List<UpdateAction> actions = new ArrayList<>();
        if (updates == null) {
            return actions;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = updates.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            DocumentPath path = new DocumentPath(List.of(new DocumentPath.Field(e.getKey())));
            JsonNode update = e.getValue();
            AttributeValue value = update.has("Value") ? AttributeValueReader.read(update.get("Value")) : null;
            String action = update.has("Action") ? update.get("Action").textValue() : "PUT";
            if (value == null && !action.equals("DELETE")) {
                throw DynamoException.invalidParameter("Only DELETE action is allowed when no attribute value is "
                        + "specified");
            }
            switch (action) {
                case "PUT" -> actions.add(new UpdateAction.Set(path, new Operand.Value(null, value)));
                case "DELETE" -> {
                    if (value == null) {
                        actions.add(new UpdateAction.Remove(path));
                    } else if (value.type() == AttributeType.SS || value.type() == AttributeType.NS
                            || value.type() == AttributeType.BS) {
                        actions.add(new UpdateAction.Delete(path, value));
                    } else {
                        throw DynamoException.invalidParameter("DELETE action with value is not supported for the "
                                + "type " + value.type());
                    }
                }
                default -> {
                    if (value.type() == AttributeType.L) {
                        actions.add(new UpdateAction.Set(path, new Operand.ListAppend(
                                new Operand.IfNotExists(path, new Operand.Value(null, new AttributeValue.L(List.of()))),
                                new Operand.Value(null, value))));
                    } else if (value.type() == AttributeType.N || value.type() == AttributeType.SS
                            || value.type() == AttributeType.NS || value.type() == AttributeType.BS) {
                        actions.add(new UpdateAction.Add(path, value));
                    } else {
                        throw DynamoException.invalidParameter("ADD action is not supported for the type "
                                + value.type());
                    }
                }
            }
        }
        return actions;
    }
}
