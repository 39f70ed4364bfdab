package io.jynamo.core.expression;

import io.jynamo.core.error.DynamoException;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request's ExpressionAttributeNames: checked once per request, resolved by each of its expressions, and
 * checked at the end for names that no expression used (which DynamoDB refuses).
 */
public final class ExpressionNames {
    private static final Pattern KEY = Pattern.compile("#[0-9a-zA-Z_]+");

    private final Map<String, String> names;
    private final Set<String> unused;

    private ExpressionNames(Map<String, String> names) {
        this.names = names;
        this.unused = new LinkedHashSet<>(names.keySet());
    }

    public static ExpressionNames none() {
        return new ExpressionNames(Map.of());
    }

    /** Checks the map as given in a request (null when absent). */
    public static ExpressionNames of(Map<String, String> names) {
        if (names == null) {
            return none();
        }
        if (names.isEmpty()) {
            throw DynamoException.validation("ExpressionAttributeNames must not be empty");
        }
        for (String key : names.keySet()) {
            if (!KEY.matcher(key).matches()) {
                throw DynamoException.validation(
                        "ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + key + "\"");
            }
        }
        return new ExpressionNames(new LinkedHashMap<>(names));
    }

    /** The name a placeholder stands for, or null if undefined; marks it used. */
    String resolve(String placeholder) {
        String name = names.get(placeholder);
        if (name != null) {
            unused.remove(placeholder);
        }
        return name;
    }

    /** Refuses names that no expression of the request used. */
    public void checkAllUsed() {
        if (!unused.isEmpty()) {
            throw DynamoException.validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                    + String.join(", ", unused) + "}");
        }
    }
}
