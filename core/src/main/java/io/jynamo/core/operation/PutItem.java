package io.jynamo.core.operation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jynamo.core.api.Limits;
import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.expression.ast.Condition;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.ItemSize;

import java.util.List;
import java.util.Map;

import static io.jynamo.core.api.Shape.attributeMap;
import static io.jynamo.core.api.Shape.map;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/**
 * PutItem: validation of the request and the response.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html">PutItem</a>
 */
public final class PutItem {
    private PutItem() {
    }

    /**
     * @param condition            the condition the existing item (or none) must meet; {@code True} when none
     * @param returnOldOnCondition whether a failed condition returns the existing item
     */
    public record Request(String tableName, Map<String, AttributeValue> item, int itemSize,
                          ReturnValues returnValues, Condition condition, boolean returnOldOnCondition,
                          ConsumedCapacity.Mode consumedCapacity,
                          boolean collectionMetrics) { }


    static final Shape SHAPE = struct("PutItemInput",
            member("ReturnConsumedCapacity", string().oneOf(ConsumedCapacity.MODES)),
            member("TableName", Shape.dataPlaneTableName()),
            member("Item", attributeMap().notNull()),
            member("ReturnValues", string().oneOf(ItemRequests.RETURN_VALUES)),
            member("ReturnItemCollectionMetrics", string().oneOf(ItemRequests.RETURN_ITEM_COLLECTION_METRICS)),
            member("ConditionalOperator", string().oneOf("AND", "OR")),
            member("Expected", ItemRequests.EXPECTED),
            member("ConditionExpression", string()),
            member("ExpressionAttributeValues", attributeMap()),
            member("ExpressionAttributeNames", map(string())),
            member("ReturnValuesOnConditionCheckFailure", WriteExpressions.returnOnConditionFailureShape()));

    /** An item to be written whole (by PutItem, BatchWriteItem or a transaction's Put) may be up to 400 KB. */
    static void checkItemSize(int size) {
        if (size > Limits.MAX_ITEM_SIZE_BYTES) {
            throw DynamoException.validation("Item size has exceeded the maximum allowed size");
        }
    }

    public static Request parse(byte[] body) {
        ObjectNode r = RequestChecker.check(body, SHAPE);
        ItemRequests.checkExpressionParameters(r, List.of("ConditionExpression"),
                List.of("Expected", "ConditionalOperator"));
        ItemRequests.checkConditionalOperator(r, "Expected");
        Map<String, AttributeValue> item = ItemRequests.attributeMap(r, "Item");
        ReturnValues returnValues = ItemRequests.returnOldOrNone(r);
        int size = ItemSize.of(item);
        checkItemSize(size);
        WriteExpressions expressions = WriteExpressions.of(r);
        Condition condition = expressions.condition(r);
        expressions.checkAllUsed();
        return new Request(r.get("TableName").textValue(), item, size, returnValues, condition,
                WriteExpressions.returnOldOnConditionFailure(r), ConsumedCapacity.mode(r),
                ItemRequests.collectionMetrics(r));
    }
}
