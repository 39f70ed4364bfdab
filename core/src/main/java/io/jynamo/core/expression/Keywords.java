package io.jynamo.core.expression;

/** The keywords of the condition grammar, which can never be attribute names in an expression. */
final class Keywords {
    private Keywords() {
    }

    static boolean isConditionKeyword(Token t) {
        return t.isKeyword("AND") || t.isKeyword("OR") || t.isKeyword("NOT") || t.isKeyword("BETWEEN")
                || t.isKeyword("IN");
    }
}
