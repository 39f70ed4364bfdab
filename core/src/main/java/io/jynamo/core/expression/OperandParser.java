package io.jynamo.core.expression;

import io.jynamo.core.expression.ast.Operand;
import io.jynamo.core.item.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses operands shared by condition and update expressions: paths, value placeholders, and function calls (whose
 * meaning each expression kind checks itself), with parentheses around an operand allowed once.
 */
final class OperandParser {
    private final TokenStream tokens;
    private final PathParser paths;
    private final ExpressionValues values;
    private final SemanticErrors errors;

    OperandParser(TokenStream tokens, PathParser paths, ExpressionValues values, SemanticErrors errors) {
        this.tokens = tokens;
        this.paths = paths;
        this.values = values;
        this.errors = errors;
    }

    /** A function call as parsed, before its meaning is checked. */
    record Call(String name, List<Object> args) { }

    /**
     * An operand: an {@link Operand} or a {@link Call}. Parenthesised operands are accepted; doubled parentheses
     * are DynamoDB's "redundant parentheses" error.
     */
    Object operand() {
        if (tokens.peek().is(Token.Kind.LPAREN)) {
            tokens.next();
            boolean doubled = tokens.peek().is(Token.Kind.LPAREN);
            Object inner = operand();
            tokens.expect(Token.Kind.RPAREN);
            if (doubled) {
                errors.add(SemanticErrors.Kind.REDUNDANT_PARENTHESES, "The expression has redundant parentheses;");
            }
            return inner;
        }
        Token t = tokens.peek();
        if (t.is(Token.Kind.IDENTIFIER) && tokens.peek(1).is(Token.Kind.LPAREN) && !Keywords.isConditionKeyword(t)) {
            return call();
        }
        if (t.is(Token.Kind.VALUE_PLACEHOLDER)) {
            tokens.next();
            AttributeValue value = values.resolve(t.text());
            if (value == null) {
                errors.add(SemanticErrors.Kind.UNDEFINED_VALUE, "An expression attribute value used in expression is "
                        + "not defined; attribute value: " + t.text());
            }
            return new Operand.Value(t.text(), value);
        }
        if (paths.atPath()) {
            return new Operand.Path(paths.parse());
        }
        throw tokens.syntaxError();
    }

    private Call call() {
        String name = tokens.next().text();
        tokens.expect(Token.Kind.LPAREN);
        List<Object> args = new ArrayList<>();
        do {
            args.add(operand());
        } while (tokens.accept(Token.Kind.COMMA));
        tokens.expect(Token.Kind.RPAREN);
        return new Call(name, args);
    }

    /**
     * Turns a parsed operand into an {@link Operand}, checking the functions allowed as operands ({@code allowed}:
     * size in conditions; if_not_exists and list_append in updates). Other known functions used as operands are
     * DynamoDB's "not allowed to be used this way" error.
     */
    Operand resolve(Object parsed, Set<String> allowed, Set<String> known) {
        if (parsed instanceof Operand o) {
            return o;
        }
        Call call = (Call) parsed;
        if (!known.contains(call.name())) {
            errors.add(SemanticErrors.Kind.UNKNOWN_FUNCTION, "Invalid function name; function: " + call.name());
            return new Operand.Value(call.name(), null);
        }
        if (!allowed.contains(call.name())) {
            errors.add(SemanticErrors.Kind.MISUSED_FUNCTION, "The function is not allowed to be used this way in an "
                    + "expression; function: " + call.name());
            return new Operand.Value(call.name(), null);
        }
        return switch (call.name()) {
            case "size" -> {
                checkCount(call, 1);
                // size of size is a size of a number: DynamoDB's operand type error, not a misused function
                Operand arg = resolve(call.args().get(0), Set.of("size"), known);
                AttributeValue literal = literal(arg);
                if (arg instanceof Operand.Size) {
                    errors.add(SemanticErrors.Kind.FUNCTION_OPERAND_TYPE, "Incorrect operand type for operator or "
                            + "function; operator or function: size, operand type: N");
                } else if (literal != null && (literal.type() == io.jynamo.core.item.AttributeType.N
                        || literal.type() == io.jynamo.core.item.AttributeType.BOOL
                        || literal.type() == io.jynamo.core.item.AttributeType.NULL)) {
                    errors.add(SemanticErrors.Kind.FUNCTION_OPERAND_TYPE, "Incorrect operand type for operator or "
                            + "function; operator or function: size, operand type: " + literal.type());
                }
                yield new Operand.Size(arg);
            }
            case "if_not_exists" -> {
                checkCount(call, 2);
                Operand path = resolve(call.args().get(0), Set.of(), known);
                Operand fallback = resolve(call.args().get(Math.min(1, call.args().size() - 1)), allowed, known);
                if (!(path instanceof Operand.Path p)) {
                    errors.add(SemanticErrors.Kind.FUNCTION_OPERAND_TYPE, "Operator or function requires a document "
                            + "path; operator or function: if_not_exists");
                    yield fallback;
                }
                yield new Operand.IfNotExists(p.path(), fallback);
            }
            case "list_append" -> {
                checkCount(call, 2);
                java.util.Set<String> inner = new java.util.HashSet<>(allowed);
                inner.remove("list_append");
                Operand first = resolve(call.args().get(0), inner, known);
                Operand second = resolve(call.args().get(Math.min(1, call.args().size() - 1)), inner, known);
                for (Operand o : List.of(first, second)) {
                    AttributeValue literal = literal(o);
                    if (literal != null && literal.type() != io.jynamo.core.item.AttributeType.L) {
                        errors.add(SemanticErrors.Kind.FUNCTION_OPERAND_TYPE, "Incorrect operand type for operator "
                                + "or function; operator or function: list_append, operand type: " + literal.type());
                    }
                }
                yield new Operand.ListAppend(first, second);
            }
            default -> throw new IllegalStateException("unhandled operand function " + call.name());
        };
    }

    void checkCount(Call call, int expected) {
        if (call.args().size() != expected) {
            errors.add(SemanticErrors.Kind.OPERAND_COUNT, "Incorrect number of operands for operator or function; "
                    + "operator or function: " + call.name() + ", number of operands: " + call.args().size());
        }
    }

    /** The value of an operand that is a literal (an ExpressionAttributeValue), else null. */
    static AttributeValue literal(Operand o) {
        return o instanceof Operand.Value v ? v.value() : null;
    }
}
