package io.jynamo.core.expression;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.item.AttributeValue;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request's ExpressionAttributeValues: checked once per request, resolved by its expressions, and checked at the
 * end for values no expression used (which DynamoDB refuses).
 */
public final class ExpressionValues {
    private static final Pattern KEY = Pattern.compile(":[0-9a-zA-Z_]+");

    private final Map<String, AttributeValue> values;
    private final Set<String> unused;

    private ExpressionValues(Map<String, AttributeValue> values) {
        this.values = values;
        this.unused = new LinkedHashSet<>(values.keySet());
    }

    public static ExpressionValues none() {
        return new ExpressionValues(Map.of());
    }

    /**
     * Checks the keys of the map as given in a request (null when absent). The values themselves are read (and
     * checked) by the caller, whose messages for them name the key.
     */
    public static ExpressionValues of(Map<String, AttributeValue> values) {
        if (values == null) {
            return none();
        }
        if (values.isEmpty()) {
            throw DynamoException.validation("ExpressionAttributeValues must not be empty");
        }
        for (String key : values.keySet()) {
            if (!KEY.matcher(key).matches()) {
                throw DynamoException.validation(
                        "ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + key + "\"");
            }
        }
        return new ExpressionValues(new LinkedHashMap<>(values));
    }

    /** The value a placeholder stands for, or null if undefined; marks it used. */
    AttributeValue resolve(String placeholder) {
        AttributeValue value = values.get(placeholder);
        if (value != null) {
            unused.remove(placeholder);
        }
        return value;
    }

    /** Refuses values that no expression of the request used. */
    public void checkAllUsed() {
        if (!unused.isEmpty()) {
            throw DynamoException.validation("Value provided in ExpressionAttributeValues unused in expressions: "
                    + "keys: {" + String.join(", ", unused) + "}");
        }
    }
}
