package io.jynamo.core.operation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.expression.ast.Condition;
import io.jynamo.core.item.AttributeValue;

import java.util.List;
import java.util.Map;

import static io.jynamo.core.api.Shape.attributeMap;
import static io.jynamo.core.api.Shape.map;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/**
 * DeleteItem: validation of the request and the response.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteItem.html">DeleteItem</a>
 */
public final class DeleteItem {
    private DeleteItem() {
    }

    public record Request(String tableName, Map<String, AttributeValue> key, ReturnValues returnValues,
                          Condition condition, boolean returnOldOnCondition,
                          ConsumedCapacity.Mode consumedCapacity,
                          boolean collectionMetrics) { }


    static final Shape SHAPE = struct("DeleteItemInput",
            member("ReturnConsumedCapacity", string().oneOf(ConsumedCapacity.MODES)),
            member("TableName", Shape.dataPlaneTableName()),
            member("ReturnValues", string().oneOf(ItemRequests.RETURN_VALUES)),
            member("ReturnItemCollectionMetrics", string().oneOf(ItemRequests.RETURN_ITEM_COLLECTION_METRICS)),
            member("Key", attributeMap().notNull()),
            member("ConditionalOperator", string().oneOf("AND", "OR")),
            member("Expected", ItemRequests.EXPECTED),
            member("ConditionExpression", string()),
            member("ExpressionAttributeValues", attributeMap()),
            member("ExpressionAttributeNames", map(string())),
            member("ReturnValuesOnConditionCheckFailure", WriteExpressions.returnOnConditionFailureShape()));

    public static Request parse(byte[] body) {
        ObjectNode r = RequestChecker.check(body, SHAPE);
        ItemRequests.checkExpressionParameters(r, List.of("ConditionExpression"),
                List.of("Expected", "ConditionalOperator"));
        ItemRequests.checkConditionalOperator(r, "Expected");
        Map<String, AttributeValue> key = ItemRequests.attributeMap(r, "Key");
        ReturnValues returnValues = ItemRequests.returnOldOrNone(r);
        WriteExpressions expressions = WriteExpressions.of(r);
        Condition condition = expressions.condition(r);
        expressions.checkAllUsed();
        return new Request(r.get("TableName").textValue(), key, returnValues, condition,
                WriteExpressions.returnOldOnConditionFailure(r), ConsumedCapacity.mode(r),
                ItemRequests.collectionMetrics(r));
    }
}
