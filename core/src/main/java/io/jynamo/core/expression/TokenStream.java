package io.jynamo.core.expression;

import io.jynamo.core.error.DynamoException;

import java.util.List;

/**
 * The tokens of one expression under a parser's cursor, and DynamoDB's syntax error: the offending token and the
 * expression text from the token before it to the token after it.
 */
final class TokenStream {
    private final String text;
    private final List<Token> tokens;
    private final String prefix;
    private int at;

    /** @param prefix the start of every error message, e.g. "Invalid ProjectionExpression: " */
    TokenStream(String text, String prefix) {
        this.text = text;
        this.tokens = Lexer.tokenize(text);
        this.prefix = prefix;
    }

    /** The deepest nesting of parentheses in the expression. */
    int nesting() {
        int depth = 0;
        int deepest = 0;
        for (Token t : tokens) {
            if (t.is(Token.Kind.LPAREN)) {
                deepest = Math.max(deepest, ++depth);
            } else if (t.is(Token.Kind.RPAREN)) {
                depth--;
            }
        }
        return deepest;
    }

    /** The cursor, for {@link #rewind}: the parser backtracks once, over parenthesised operands. */
    int position() {
        return at;
    }

    void rewind(int position) {
        at = position;
    }

    Token peek() {
        return tokens.get(at);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(at + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(at);
        if (at < tokens.size() - 1) {
            at++;
        }
        return t;
    }

    boolean accept(Token.Kind kind) {
        if (peek().is(kind)) {
            next();
            return true;
        }
        return false;
    }

    Token expect(Token.Kind kind) {
        if (!peek().is(kind)) {
            throw syntaxError();
        }
        return next();
    }

    /** A syntax error at the current token. */
    DynamoException syntaxError() {
        Token bad = tokens.get(at);
        int from = at > 0 ? tokens.get(at - 1).start() : bad.start();
        int to = at + 1 < tokens.size() ? tokens.get(at + 1).end() : bad.end();
        return DynamoException.validation(prefix + "Syntax error; token: \"" + bad.shown() + "\", near: \""
                + text.substring(from, Math.max(from, to)) + "\"");
    }

    DynamoException error(String message) {
        return DynamoException.validation(prefix + message);
    }
}
