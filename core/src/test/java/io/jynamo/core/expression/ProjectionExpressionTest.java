package io.jynamo.core.expression;

import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.DynamoNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectionExpressionTest {

    private static List<DocumentPath> parse(String expression) {
        return ProjectionExpression.parse(expression, ExpressionNames.none());
    }

    @Test
    void pathsAreParsedWithMapKeysAndListIndexes() {
        List<DocumentPath> paths = parse(" a ,  b.c[2].d ,e[0][1]");
        assertThat(paths).extracting(DocumentPath::toString)
                .containsExactly("[a]", "[b, c, [2], d]", "[e, [0], [1]]");
    }

    @Test
    void placeholdersAreResolvedAndMustAllBeUsed() {
        ExpressionNames names = ExpressionNames.of(Map.of("#n", "name", "#d", "a.b"));
        assertThat(ProjectionExpression.parse("#n, #d", names)).extracting(DocumentPath::attribute)
                .containsExactly("name", "a.b");
        names.checkAllUsed();

        ExpressionNames unused = ExpressionNames.of(Map.of("#n", "name", "#u", "x"));
        ProjectionExpression.parse("#n", unused);
        assertThatThrownBy(unused::checkAllUsed)
                .hasMessage("Value provided in ExpressionAttributeNames unused in expressions: keys: {#u}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "!!! INVALID !!!|Syntax error; token: \"!\", near: \"!!\"",
            "a,|Syntax error; token: \"<EOF>\", near: \",\"",
            ",a|Syntax error; token: \",\", near: \",a\"",
            "a,,b|Syntax error; token: \",\", near: \",,b\"",
            "a[-1]|Syntax error; token: \"-\", near: \"[-1\"",
            "a[]|Syntax error; token: \"]\", near: \"[]\"",
            "_a|Syntax error; token: \"_\", near: \"_a\"",
            "a b|Syntax error; token: \"b\", near: \"a b\"",
            "size|Attribute name is a reserved keyword; reserved keyword: size",
            "#x|An expression attribute name used in the document path is not defined; attribute name: #x",
            "a, a|Two document paths overlap with each other; must remove or rewrite one of these paths; "
                    + "path one: [a], path two: [a]",
            "a.b, a|Two document paths overlap with each other; must remove or rewrite one of these paths; "
                    + "path one: [a, b], path two: [a]",
            "a.b, a[1]|Two document paths conflict with each other; must remove or rewrite one of these paths; "
                    + "path one: [a, b], path two: [a, [1]]",
            "#x, name|Attribute name is a reserved keyword; reserved keyword: name",
    })
    void invalidExpressionsGetDynamoDbsMessages(String expression, String message) {
        assertThatThrownBy(() -> parse(expression)).hasMessage("Invalid ProjectionExpression: " + message);
    }

    @Test
    void anEmptyExpressionIsRefused() {
        assertThatThrownBy(() -> parse(""))
                .hasMessage("Invalid ProjectionExpression: The expression can not be empty;");
    }

    @Test
    void projectionKeepsOnlyTheReachedPartsInIndexOrder() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("a", new AttributeValue.M(Map.of("b", new AttributeValue.L(List.of(n("0"), n("1"), n("2"))),
                "c", n("9"))));
        item.put("x", new AttributeValue.S("keep"));
        item.put("y", new AttributeValue.S("drop"));

        Map<String, AttributeValue> projected = Projection.apply(item, parse("a.b[2], a.b[0], x, nothere, y.z, "
                + "a.b[7]"));
        assertThat(projected).containsOnlyKeys("a", "x");
        assertThat(projected.get("a")).isEqualTo(new AttributeValue.M(Map.of("b",
                new AttributeValue.L(List.of(n("0"), n("2"))))));
        assertThat(Projection.apply(item, parse("nothing"))).isEmpty();
    }

    /** Paths that go astray inside an attribute leave nothing of it (Alternator's tests against DynamoDB). */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"a.x", "a.b[3]", "a.b[3].x", "a[0]", "a.c.d", "a.b.x",
            "a.b[0].x", "a.b[0][0]"})
    void pathsThatReachNothingLeaveNoEmptyContainers(String expression) {
        Map<String, AttributeValue> item = Map.of("a", new AttributeValue.M(Map.of(
                "b", new AttributeValue.L(List.of(n("0"), n("1"))), "c", new AttributeValue.S("text"))),
                "z", n("1"));
        assertThat(Projection.apply(item, parse(expression))).isEmpty();
        assertThat(Projection.apply(item, parse(expression + ", z"))).isEqualTo(Map.of("z", n("1")));
    }

    private static AttributeValue n(String v) {
        return new AttributeValue.N(DynamoNumber.parse(v));
    }
}
