package io.jynamo.core.expression;

import io.jynamo.core.expression.ast.Operand;
import io.jynamo.core.expression.ast.UpdateAction;
import io.jynamo.core.item.AttributeType;
import io.jynamo.core.item.AttributeValue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * UpdateExpression: up to one each of SET, REMOVE, ADD and DELETE clauses, in any order. Parsed by recursive descent,
 * placeholders resolved, and the rules DynamoDB checks before touching the item applied: no clause twice, no two
 * paths overlapping or conflicting, operand types of ADD, DELETE, {@code +}, {@code -} and list_append.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html">Update expressions</a>
 */
public final class UpdateExpression {
    private static final String PREFIX = "Invalid UpdateExpression: ";
    private static final Set<String> FUNCTIONS = Set.of("if_not_exists", "list_append");
    private static final Map<AttributeType, String> OPERAND_TYPE_NAMES = Map.of(AttributeType.S, "STRING",
            AttributeType.N, "NUMBER", AttributeType.B, "BINARY", AttributeType.NULL, "NULL", AttributeType.BOOL,
            "BOOLEAN", AttributeType.L, "LIST", AttributeType.M, "MAP");

    private enum Clause { SET, REMOVE, ADD, DELETE }

    private final TokenStream tokens;
    private final SemanticErrors errors = new SemanticErrors(SemanticErrors.UPDATE_ORDER);
    private final PathParser paths;
    private final OperandParser operands;

    private UpdateExpression(String text, ExpressionNames names, ExpressionValues values) {
        this.tokens = Expressions.tokens(text, PREFIX);
        this.paths = new PathParser(tokens, names, errors);
        this.operands = new OperandParser(tokens, paths, values, errors);
    }

    public static List<UpdateAction> parse(String text, ExpressionNames names, ExpressionValues values) {
        UpdateExpression parser = new UpdateExpression(text, names, values);
        return Expressions.parse(parser.tokens, () -> {
            List<UpdateAction> actions = parser.clauses();
            ProjectionExpression.checkOverlaps(actions.stream().map(UpdateAction::path).toList(), parser.errors);
            parser.errors.throwIfAny(PREFIX);
            return actions;
        });
    }

    private List<UpdateAction> clauses() {
        List<UpdateAction> actions = new ArrayList<>();
        Set<Clause> seen = EnumSet.noneOf(Clause.class);
        do {
            Clause clause = clause(tokens.peek());
            if (clause == null) {
                throw tokens.syntaxError();
            }
            tokens.next();
            if (!seen.add(clause)) {
                errors.add(SemanticErrors.Kind.SECTION_REPEATED, "The \"" + clause + "\" section can only be used "
                        + "once in an update expression;");
            }
            do {
                actions.add(action(clause));
            } while (tokens.accept(Token.Kind.COMMA));
        } while (!tokens.peek().is(Token.Kind.EOF));
        return actions;
    }

    private static Clause clause(Token t) {
        for (Clause c : Clause.values()) {
            if (t.isKeyword(c.name())) {
                return c;
            }
        }
        return null;
    }

    private UpdateAction action(Clause clause) {
        DocumentPath path = paths.parse();
        switch (clause) {
            case SET:
                tokens.expect(Token.Kind.EQ);
                return new UpdateAction.Set(path, setValue());
            case REMOVE:
                return new UpdateAction.Remove(path);
            case ADD:
                return new UpdateAction.Add(path, setOrNumberValue("ADD"));
            default:
                return new UpdateAction.Delete(path, setOrNumberValue("DELETE"));
        }
    }

    private Operand setValue() {
        Operand left = operand();
        Token t = tokens.peek();
        if (t.is(Token.Kind.PLUS) || t.is(Token.Kind.MINUS)) {
            tokens.next();
            Operand right = operand();
            for (Operand o : List.of(left, right)) {
                AttributeValue literal = OperandParser.literal(o);
                if (literal != null && literal.type() != AttributeType.N) {
                    errors.add(SemanticErrors.Kind.FUNCTION_OPERAND_TYPE, "Incorrect operand type for operator or "
                            + "function; operator or function: " + t.text() + ", operand type: " + literal.type());
                }
            }
            return new Operand.Arithmetic(left, t.is(Token.Kind.PLUS), right);
        }
        return left;
    }

    private Operand operand() {
        return operands.resolve(operands.operand(), FUNCTIONS, FUNCTIONS);
    }

    /** The value of ADD or DELETE: a placeholder whose type suits the operator. */
    private AttributeValue setOrNumberValue(String operator) {
        Token t = tokens.peek();
        if (!t.is(Token.Kind.VALUE_PLACEHOLDER)) {
            throw tokens.syntaxError();
        }
        Operand.Value value = (Operand.Value) operands.operand();
        AttributeValue v = value.value();
        if (v != null && OPERAND_TYPE_NAMES.containsKey(v.type())
                && !(operator.equals("ADD") && v.type() == AttributeType.N)) {
            errors.add(SemanticErrors.Kind.OPERATOR_OPERAND_TYPE, "Incorrect operand type for operator or function; "
                    + "operator: " + operator + ", operand type: " + OPERAND_TYPE_NAMES.get(v.type()));
        }
        return v;
    }
}
