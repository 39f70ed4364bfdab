package io.jynamo.core.expression;


import java.util.ArrayList;
import java.util.List;

/**
 * ProjectionExpression: a comma-separated list of document paths to return.
 *
 * <p>Parsing checks syntax only; resolution (placeholders, reserved words) and the overlap rules follow, with
 * DynamoDB's messages and precedence.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ProjectionExpressions.html">Projection expressions</a>
 */
public final class ProjectionExpression {
    private static final String PREFIX = "Invalid ProjectionExpression: ";

    private ProjectionExpression() {
    }

    /** Parses and resolves a projection expression into its (non-overlapping) paths. */
    public static List<DocumentPath> parse(String expression, ExpressionNames names) {
        TokenStream tokens = Expressions.tokens(expression, PREFIX);
        SemanticErrors errors = new SemanticErrors(SemanticErrors.PROJECTION_ORDER);
        PathParser paths = new PathParser(tokens, names, errors);
        List<DocumentPath> result = new ArrayList<>();
        do {
            result.add(paths.parse());
        } while (tokens.accept(Token.Kind.COMMA));
        if (!tokens.peek().is(Token.Kind.EOF)) {
            throw tokens.syntaxError();
        }
        checkOverlaps(result, errors);
        errors.throwIfAny(PREFIX);
        return result;
    }

    /** No path may be a prefix of another or take a list step where another takes a map step. */
    static void checkOverlaps(List<DocumentPath> paths, SemanticErrors errors) {
        for (int j = 1; j < paths.size(); j++) {
            for (int i = 0; i < j && !errors.has(SemanticErrors.Kind.PATH_OVERLAP); i++) {
                compare(paths.get(i), paths.get(j), errors);
            }
        }
    }

    private static void compare(DocumentPath one, DocumentPath two, SemanticErrors errors) {
        List<DocumentPath.Element> a = one.elements();
        List<DocumentPath.Element> b = two.elements();
        for (int k = 0; k < a.size() && k < b.size(); k++) {
            if (a.get(k).getClass() != b.get(k).getClass()) {
                errors.add(SemanticErrors.Kind.PATH_CONFLICT, "Two document paths conflict with each other; must "
                        + "remove or rewrite one of these paths; path one: " + one + ", path two: " + two);
                return;
            }
            if (!a.get(k).equals(b.get(k))) {
                return;
            }
        }
        errors.add(SemanticErrors.Kind.PATH_OVERLAP, "Two document paths overlap with each other; must remove or "
                + "rewrite one of these paths; path one: " + one + ", path two: " + two);
    }

}
