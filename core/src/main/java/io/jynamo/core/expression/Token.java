package io.jynamo.core.expression;

/**
 * A lexical token of DynamoDB's expression language, with its place in the expression text (so that syntax errors
 * can quote the text around it as DynamoDB does).
 */
record Token(Kind kind, String text, int start, int end) {

    enum Kind {
        /** An attribute name or keyword: a letter, then letters, digits or underscores. */
        IDENTIFIER,
        /** An ExpressionAttributeNames placeholder: '#' and name characters. */
        NAME_PLACEHOLDER,
        /** An ExpressionAttributeValues placeholder: ':' and name characters. */
        VALUE_PLACEHOLDER,
        /** Digits: only meaningful as a list index. */
        NUMBER,
        DOT, COMMA, LBRACKET, RBRACKET, LPAREN, RPAREN,
        EQ, NE, LT, LE, GT, GE, PLUS, MINUS,
        /** A character the language does not know. */
        INVALID,
        EOF
    }

    boolean is(Kind k) {
        return kind == k;
    }

    /** Whether this is the keyword {@code word} (keywords are case-insensitive). */
    boolean isKeyword(String word) {
        return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(word);
    }

    /** The token as DynamoDB quotes it in a syntax error. */
    String shown() {
        return kind == Kind.EOF ? "<EOF>" : text;
    }
}
