package io.jynamo.core.error;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.AttributeValueJson;
import io.jynamo.core.operation.Consumption;

import java.io.IOException;

import java.util.Map;

/**
 * A write's condition was not met. With ReturnValuesOnConditionCheckFailure=ALL_OLD the error body carries the item
 * as it was, under {@code Item}.
 */
public class ConditionalCheckFailedException extends DynamoException {
    private static final long serialVersionUID = 1L;

    private final transient Map<String, AttributeValue> item;
    private final transient Consumption consumed;

    /**
     * @param item     the current item to return with the error, or null
     * @param consumed the units the failed write consumed: DynamoDB charges a failed condition, and does not report it
     */
    public ConditionalCheckFailedException(Map<String, AttributeValue> item, Consumption consumed) {
        super(ErrorType.CONDITIONAL_CHECK_FAILED, "The conditional request failed");
        this.item = item;
        this.consumed = consumed;
    }

    public Consumption consumed() {
        return consumed;
    }

    public Map<String, AttributeValue> item() {
        return item;
    }

    @Override
    public void writeDetails(JsonGenerator g) throws IOException {
        if (item != null) {
            g.writeFieldName("Item");
            AttributeValueJson.writeItem(g, item);
        }
    }
}
