package io.jynamo.core.expression;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.expression.ast.Condition;
import io.jynamo.core.expression.ast.Operand;
import io.jynamo.core.item.AttributeType;
import io.jynamo.core.item.AttributeValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Condition, filter and key-condition expressions: a recursive-descent parser for DynamoDB's condition grammar
 * (hand-written because the grammar is small and DynamoDB's messages need the exact token and its neighbours),
 * which resolves placeholders as it goes and checks each function's operands.
 *
 * <p>Precedence, loosest first: OR, AND, NOT, then comparisons, BETWEEN, IN and functions; parentheses group.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html">Condition and filter expressions, operators, and functions</a>
 */
public final class ConditionExpression {
    /** Functions that are conditions by themselves. */
    private static final Set<String> CONDITION_FUNCTIONS = Set.of("attribute_exists", "attribute_not_exists",
            "attribute_type", "begins_with", "contains");
    private static final Set<String> KNOWN_FUNCTIONS = Set.of("attribute_exists", "attribute_not_exists",
            "attribute_type", "begins_with", "contains", "size");
    private static final Set<String> OPERAND_FUNCTIONS = Set.of("size");
    /** DynamoDB's limit on the operands of IN. */
    static final int MAX_IN_OPERANDS = 100;
    private static final Set<String> TYPE_NAMES = Set.of("S", "N", "B", "NULL", "SS", "BOOL", "L", "BS", "NS", "M");

    private final TokenStream tokens;
    private final SemanticErrors errors = new SemanticErrors(SemanticErrors.CONDITION_ORDER);
    private final OperandParser operands;
    private int operators;
    /** Conditions that were written inside their own parentheses, to spot doubled parentheses. */
    private final Set<Condition> parenthesised = Collections.newSetFromMap(new IdentityHashMap<>());

    private ConditionExpression(String text, String prefix, ExpressionNames names, ExpressionValues values) {
        this.tokens = Expressions.tokens(text, prefix);
        PathParser paths = new PathParser(tokens, names, errors);
        this.operands = new OperandParser(tokens, paths, values, errors);
    }

    /**
     * Parses an expression.
     *
     * @param kind the parameter name used in messages: ConditionExpression, FilterExpression or
     *             KeyConditionExpression
     */
    public static Condition parse(String text, String kind, ExpressionNames names, ExpressionValues values) {
        String prefix = "Invalid " + kind + ": ";
        ConditionExpression parser = new ConditionExpression(text, prefix, names, values);
        return Expressions.parse(parser.tokens, () -> {
            Condition condition = parser.or();
            if (!parser.tokens.peek().is(Token.Kind.EOF)) {
                throw parser.tokens.syntaxError();
            }
            parser.errors.throwIfAny(prefix);
            return condition;
        });
    }

    private Condition or() {
        Condition c = and();
        while (tokens.peek().isKeyword("OR")) {
            tokens.next();
            countOperator();
            c = new Condition.Or(c, and());
        }
        return c;
    }

    private Condition and() {
        Condition c = not();
        while (tokens.peek().isKeyword("AND")) {
            tokens.next();
            countOperator();
            c = new Condition.And(c, not());
        }
        return c;
    }

    private Condition not() {
        if (tokens.peek().isKeyword("NOT")) {
            tokens.next();
            countOperator();
            return new Condition.Not(not());
        }
        return primary();
    }

    /** DynamoDB's limit on operators (comparisons, BETWEEN, IN, AND, OR, NOT) in one expression. */
    static final int MAX_OPERATORS = 300;

    private void countOperator() {
        if (++operators > MAX_OPERATORS) {
            throw new TooManyOperators(tokens.error("The expression contains too many operators; operator count: "
                    + operators).getMessage());
        }
    }

    /** The operator limit, reached in any reading of the expression: final, whatever a backtrack would try. */
    private static final class TooManyOperators extends DynamoException {
        private static final long serialVersionUID = 1L;

        TooManyOperators(String message) {
            super(io.jynamo.core.error.ErrorType.VALIDATION, message);
        }
    }

    /** Ordering comparisons and BETWEEN take numbers, strings and binaries only. */
    private void checkOrdered(String operator, Operand o) {
        AttributeValue literal = OperandParser.literal(o);
        if (literal != null && !Comparisons.isOrdered(literal)) {
            errors.add(SemanticErrors.Kind.FUNCTION_OPERAND_TYPE, "Incorrect operand type for operator or function; "
                    + "operator or function: " + operator + ", operand type: " + literal.type());
        }
    }

    private Condition primary() {
        if (tokens.peek().is(Token.Kind.LPAREN)) {
            int start = tokens.position();
            int operatorsBefore = operators;
            var errorsBefore = errors.snapshot();
            try {
                tokens.next();
                Condition inner = or();
                tokens.expect(Token.Kind.RPAREN);
                if (!startsPredicateTail(tokens.peek())) {
                    if (parenthesised.contains(inner)) {
                        errors.add(SemanticErrors.Kind.REDUNDANT_PARENTHESES,
                                "The expression has redundant parentheses;");
                    }
                    parenthesised.add(inner);
                    return inner;
                }
            } catch (TooManyOperators e) {
                throw e;
            } catch (DynamoException notACondition) {
                // "(a) = :v": the parentheses enclose an operand, not a condition
            }
            tokens.rewind(start);
            operators = operatorsBefore;
            errors.restore(errorsBefore);
        }
        return predicate();
    }

    private static boolean startsPredicateTail(Token t) {
        return comparator(t) != null || t.isKeyword("BETWEEN") || t.isKeyword("IN");
    }

    private Condition predicate() {
        Object first = operands.operand();
        Token t = tokens.peek();
        Condition.Comparator comparator = comparator(t);
        if (comparator != null) {
            tokens.next();
            Operand left = operand(first);
            Operand right = operand(operands.operand());
            checkDistinct(comparator.symbol(), left, right);
            if (comparator != Condition.Comparator.EQ && comparator != Condition.Comparator.NE) {
                checkOrdered(comparator.symbol(), left);
                checkOrdered(comparator.symbol(), right);
            }
            countOperator();
            return new Condition.Compare(comparator, left, right);
        }
        if (t.isKeyword("BETWEEN")) {
            tokens.next();
            Operand value = operand(first);
            Operand low = operand(operands.operand());
            if (!tokens.peek().isKeyword("AND")) {
                throw tokens.syntaxError();
            }
            tokens.next();
            Operand high = operand(operands.operand());
            checkOrdered("BETWEEN", value);
            checkOrdered("BETWEEN", low);
            checkOrdered("BETWEEN", high);
            checkBounds(low, high);
            countOperator();
            return new Condition.Between(value, low, high);
        }
        if (t.isKeyword("IN")) {
            tokens.next();
            Operand value = operand(first);
            tokens.expect(Token.Kind.LPAREN);
            List<Operand> candidates = new ArrayList<>();
            do {
                candidates.add(operand(operands.operand()));
            } while (tokens.accept(Token.Kind.COMMA));
            tokens.expect(Token.Kind.RPAREN);
            if (candidates.size() > MAX_IN_OPERANDS) {
                errors.add(SemanticErrors.Kind.OPERAND_COUNT, "The IN operator is provided with too many operands; "
                        + "number of operands: " + (candidates.size() + 1));
            }
            countOperator();
            return new Condition.In(value, candidates);
        }
        if (first instanceof OperandParser.Call call) {
            return functionCondition(call);
        }
        throw tokens.syntaxError();
    }

    private Operand operand(Object parsed) {
        return operands.resolve(parsed, OPERAND_FUNCTIONS, KNOWN_FUNCTIONS);
    }

    private Condition functionCondition(OperandParser.Call call) {
        if (!KNOWN_FUNCTIONS.contains(call.name())) {
            errors.add(SemanticErrors.Kind.UNKNOWN_FUNCTION, "Invalid function name; function: " + call.name());
            return new Condition.True();
        }
        if (!CONDITION_FUNCTIONS.contains(call.name())) {
            // size(...) alone is not a condition
            errors.add(SemanticErrors.Kind.MISUSED_FUNCTION, "The function is not allowed to be used this way in an "
                    + "expression; function: " + call.name());
            return new Condition.True();
        }
        int expected = call.name().startsWith("attribute_") && !call.name().equals("attribute_type") ? 1 : 2;
        operands.checkCount(call, expected);
        List<Operand> args = new ArrayList<>();
        for (Object a : call.args()) {
            args.add(operand(a));
        }
        Operand a0 = args.get(0);
        Operand a1 = args.get(Math.min(1, args.size() - 1));
        switch (call.name()) {
            case "attribute_exists":
            case "attribute_not_exists": {
                if (!(a0 instanceof Operand.Path p)) {
                    errors.add(SemanticErrors.Kind.FUNCTION_OPERAND_TYPE, "Operator or function requires a document "
                            + "path; operator or function: " + call.name());
                    return new Condition.True();
                }
                return call.name().equals("attribute_exists")
                        ? new Condition.AttributeExists(p.path()) : new Condition.AttributeNotExists(p.path());
            }
            case "attribute_type": {
                checkDistinct(call.name(), a0, a1);
                AttributeValue type = OperandParser.literal(a1);
                if (type == null || type.type() != AttributeType.S) {
                    errors.add(SemanticErrors.Kind.FUNCTION_OPERAND_TYPE, "Incorrect operand type for operator or "
                            + "function; operator or function: attribute_type, operand type: "
                            + (type == null ? "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}" : type.type()));
                } else if (!TYPE_NAMES.contains(((AttributeValue.S) type).value())) {
                    errors.add(SemanticErrors.Kind.FUNCTION_OPERAND_TYPE, "Invalid attribute type name found; type: "
                            + ((AttributeValue.S) type).value() + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
                }
                if (!(a0 instanceof Operand.Path p)) {
                    errors.add(SemanticErrors.Kind.FUNCTION_OPERAND_TYPE, "Operator or function requires a document "
                            + "path; operator or function: attribute_type");
                    return new Condition.True();
                }
                return new Condition.AttributeTypeIs(p.path(), a1);
            }
            case "begins_with": {
                checkDistinct(call.name(), a0, a1);
                for (Operand o : args) {
                    AttributeValue literal = OperandParser.literal(o);
                    if (literal != null && literal.type() != AttributeType.S && literal.type() != AttributeType.B) {
                        errors.add(SemanticErrors.Kind.FUNCTION_OPERAND_TYPE, "Incorrect operand type for operator "
                                + "or function; operator or function: begins_with, operand type: " + literal.type());
                    }
                }
                return new Condition.BeginsWith(a0, a1);
            }
            default: {
                checkDistinct(call.name(), a0, a1);
                return new Condition.Contains(a0, a1);
            }
        }
    }

    private void checkDistinct(String operator, Operand first, Operand second) {
        if (first instanceof Operand.Path a && second instanceof Operand.Path b && a.path().equals(b.path())) {
            errors.add(SemanticErrors.Kind.DISTINCT_OPERANDS, "The first operand must be distinct from the remaining "
                    + "operands for this operator or function; operator: " + operator + ", first operand: "
                    + a.path());
        }
    }

    private void checkBounds(Operand low, Operand high) {
        AttributeValue l = OperandParser.literal(low);
        AttributeValue h = OperandParser.literal(high);
        if (l == null || h == null) {
            return;
        }
        String bounds = "lower bound operand: AttributeValue: {" + l.type() + ":" + Comparisons.show(l)
                + "}, upper bound operand: AttributeValue: {" + h.type() + ":" + Comparisons.show(h) + "}";
        if (l.type() != h.type()) {
            errors.add(SemanticErrors.Kind.FUNCTION_OPERAND_TYPE, "The BETWEEN operator requires same data type for "
                    + "lower and upper bounds; " + bounds);
        } else if (Comparisons.isOrdered(l) && Comparisons.compare(l, h) > 0) {
            errors.add(SemanticErrors.Kind.FUNCTION_OPERAND_TYPE, "The BETWEEN operator requires upper bound to be "
                    + "greater than or equal to lower bound; " + bounds);
        }
    }

    private static Condition.Comparator comparator(Token t) {
        return switch (t.kind()) {
            case EQ -> Condition.Comparator.EQ;
            case NE -> Condition.Comparator.NE;
            case LT -> Condition.Comparator.LT;
            case LE -> Condition.Comparator.LE;
            case GT -> Condition.Comparator.GT;
            case GE -> Condition.Comparator.GE;
            default -> null;
        };
    }
}
