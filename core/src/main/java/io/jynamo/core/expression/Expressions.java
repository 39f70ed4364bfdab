package io.jynamo.core.expression;

import io.jynamo.core.error.DynamoException;

/** Checks shared by every kind of expression before it is parsed. */
final class Expressions {
    /** DynamoDB's limit on the length of any expression string (Expression parameters: 4 KB). */
    static final int MAX_EXPRESSION_LENGTH = 4096;

    private Expressions() {
    }

    /** The tokens of a non-empty expression of acceptable size. */
    static TokenStream tokens(String expression, String prefix) {
        if (expression.isEmpty()) {
            throw DynamoException.validation(prefix + "The expression can not be empty;");
        }
        int size = io.jynamo.core.item.ItemSize.utf8Length(expression);
        if (size > MAX_EXPRESSION_LENGTH) {
            throw DynamoException.validation(prefix + "Expression size has exceeded the maximum allowed size; "
                    + "expression size: " + size);
        }
        return new TokenStream(expression, prefix);
    }
}
