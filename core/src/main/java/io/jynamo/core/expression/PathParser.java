package io.jynamo.core.expression;

import io.jynamo.core.api.Limits;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a document path ({@code name ( '.' name | '[' digits ']' )*}) and resolves its names: placeholders through
 * ExpressionAttributeNames, plain names checked against the reserved words.
 */
final class PathParser {
    /** Largest list index DynamoDB accepts in a document path. */
    private static final long MAX_LIST_INDEX = Integer.MAX_VALUE;

    private final TokenStream tokens;
    private final ExpressionNames names;
    private final SemanticErrors errors;

    PathParser(TokenStream tokens, ExpressionNames names, SemanticErrors errors) {
        this.tokens = tokens;
        this.names = names;
        this.errors = errors;
    }

    /** Whether the current token can start a path. */
    boolean atPath() {
        Token t = tokens.peek();
        return (t.is(Token.Kind.IDENTIFIER) && !Keywords.isConditionKeyword(t)) || t.is(Token.Kind.NAME_PLACEHOLDER);
    }

    DocumentPath parse() {
        List<DocumentPath.Element> elements = new ArrayList<>();
        elements.add(name());
        while (true) {
            if (tokens.peek().is(Token.Kind.DOT)) {
                tokens.next();
                elements.add(name());
            } else if (tokens.peek().is(Token.Kind.LBRACKET)) {
                tokens.next();
                Token index = tokens.expect(Token.Kind.NUMBER);
                tokens.expect(Token.Kind.RBRACKET);
                elements.add(new DocumentPath.Index(listIndex(index)));
            } else {
                break;
            }
        }
        if (elements.size() > Limits.MAX_NESTING_DEPTH) {
            errors.add(SemanticErrors.Kind.NESTING, "The document path has too many nesting levels; nesting levels: "
                    + elements.size());
        }
        return new DocumentPath(elements);
    }

    private DocumentPath.Field name() {
        Token t = tokens.peek();
        if (t.is(Token.Kind.IDENTIFIER) && !Keywords.isConditionKeyword(t)) {
            tokens.next();
            if (ReservedWords.isReserved(t.text())) {
                errors.add(SemanticErrors.Kind.RESERVED_WORD,
                        "Attribute name is a reserved keyword; reserved keyword: " + t.text());
            }
            return new DocumentPath.Field(t.text());
        }
        if (t.is(Token.Kind.NAME_PLACEHOLDER)) {
            tokens.next();
            String resolved = names.resolve(t.text());
            if (resolved == null) {
                errors.add(SemanticErrors.Kind.UNDEFINED_NAME, "An expression attribute name used in the "
                        + "document path is not defined; attribute name: " + t.text());
                return new DocumentPath.Field(t.text());
            }
            return new DocumentPath.Field(resolved);
        }
        throw tokens.syntaxError();
    }

    private int listIndex(Token digits) {
        String text = digits.text();
        long value = text.length() > 18 ? Long.MAX_VALUE : Long.parseLong(text);
        if (value > MAX_LIST_INDEX) {
            throw tokens.error("List index is not within the allowable range; index: [" + text + "]");
        }
        return (int) value;
    }
}
