package io.jynamo.core.error;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.AttributeValueJson;

import java.io.IOException;

import java.util.Map;

/**
 * A write's condition was not met. With ReturnValuesOnConditionCheckFailure=ALL_OLD the error body carries the item
 * as it was, under {@code Item}.
 */
public class ConditionalCheckFailedException extends DynamoException {
    private static final long serialVersionUID = 1L;

    private final transient Map<String, AttributeValue> item;

    /** @param item the current item to return with the error, or null */
    public ConditionalCheckFailedException(Map<String, AttributeValue> item) {
        super(ErrorType.CONDITIONAL_CHECK_FAILED, "The conditional request failed");
        this.item = item;
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
