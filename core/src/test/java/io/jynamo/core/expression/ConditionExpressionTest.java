package io.jynamo.core.expression;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.expression.ast.Condition;
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

/** Condition expressions: DynamoDB's grammar, its validation messages, and evaluation against items. */
class ConditionExpressionTest {
    private static final Map<String, AttributeValue> VALUES = Map.of(
            ":n", n("5"), ":m", n("10"), ":s", s("abc"), ":p", s("ab"), ":l", new AttributeValue.L(List.of(n("1"))),
            ":t", s("N"), ":bad", s("DOG"), ":b", AttributeValue.Bool.TRUE);

    private static Condition parse(String expression) {
        return ConditionExpression.parse(expression, "ConditionExpression", ExpressionNames.of(Map.of("#a", "a")),
                ExpressionValues.of(VALUES));
    }

    private static Condition parseBare(String expression) {
        return ConditionExpression.parse(expression, "ConditionExpression", ExpressionNames.none(),
                ExpressionValues.of(VALUES));
    }

    private static boolean eval(String expression, Map<String, AttributeValue> item) {
        return ConditionEvaluator.matches(parseBare(expression), item);
    }

    private static AttributeValue n(String v) {
        return new AttributeValue.N(DynamoNumber.parse(v));
    }

    private static AttributeValue s(String v) {
        return new AttributeValue.S(v);
    }

    private static Map<String, AttributeValue> item() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("a", n("5"));
        item.put("str", s("abcdef"));
        item.put("lst", new AttributeValue.L(List.of(n("1"), s("x"))));
        item.put("st", new AttributeValue.SS(List.of("abc", "q")));
        item.put("mp", new AttributeValue.M(Map.of("k", n("7"))));
        return item;
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "a = :n|true", "a <> :n|false", "a < :m|true", "a <= :n|true", "a > :n|false", "a >= :n|true",
            "a = :s|false", "a <> :s|true", "a < :s|false",
            "gone = :n|false", "gone <> :n|true", "NOT gone = :n|true",
            "a BETWEEN :n AND :m|true", "gone BETWEEN :n AND :m|false", "str BETWEEN :n AND :m|false",
            "a IN (:s, :n)|true", "a IN (:s, :m)|false",
            "attribute_exists(a)|true", "attribute_exists(mp.k)|true", "attribute_exists(mp.zz)|false",
            "attribute_not_exists(gone)|true", "attribute_exists(lst[1])|true", "attribute_exists(lst[5])|false",
            "attribute_type(a, :t)|true", "attribute_type(str, :t)|false",
            "begins_with(str, :p)|true", "begins_with(a, :p)|false", "begins_with(:s, :p)|true",
            "contains(str, :p)|true", "contains(st, :s)|true", "contains(lst, :n)|false",
            "size(str) = :n|false", "size(str) > :n|true", "size(lst) < :n|true", "size(mp) <= :n|true",
            "size(a) = :n|false",
            "a = :n AND str = :s|false", "a = :n OR str = :s|true", "NOT (a = :n OR str = :s)|false",
            "a < :m OR a > :m AND a = :s|true", "(a < :m OR a > :m) AND a = :s|false",
            "NOT NOT a = :n|true", "mp.k > :n|true", "lst[0] < :n|true",
    })
    void conditionsEvaluateAsDynamoDbEvaluatesThem(String expression, boolean expected) {
        assertThat(eval(expression, item())).isEqualTo(expected);
    }

    @Test
    void aMissingItemMeetsOnlyAbsenceConditions() {
        assertThat(eval("attribute_not_exists(a)", Map.of())).isTrue();
        assertThat(eval("attribute_exists(a)", Map.of())).isFalse();
        assertThat(eval("a <> :n", Map.of())).isTrue();
        assertThat(eval("a = :n", Map.of())).isFalse();
    }

    @Test
    void keywordsAreCaseInsensitiveAndPlaceholdersResolve() {
        assertThat(ConditionEvaluator.matches(parse("#a = :n and not #a between :m And :m"), item())).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a = = :n|Syntax error; token: \"=\", near: \"= = :n\"",
            "a = 5|Syntax error; token: \"5\", near: \"= 5\"",
            "_a = :n|Syntax error; token: \"_\", near: \"_a\"",
            "a|Syntax error; token: \"<EOF>\", near: \"a\"",
            "a IN ()|Syntax error; token: \")\", near: \"()\"",
            "((a = :n))|The expression has redundant parentheses;",
            "foo(a)|Invalid function name; function: foo",
            "size(a)|The function is not allowed to be used this way in an expression; function: size",
            "begins_with(a, :p) = :n|The function is not allowed to be used this way in an expression; function: "
                    + "begins_with",
            "begins_with(a)|Incorrect number of operands for operator or function; operator or function: "
                    + "begins_with, number of operands: 1",
            "begins_with(a, :n)|Incorrect operand type for operator or function; operator or function: begins_with, "
                    + "operand type: N",
            "attribute_exists(:n)|Operator or function requires a document path; operator or function: "
                    + "attribute_exists",
            "attribute_type(a, :bad)|Invalid attribute type name found; type: DOG, valid types: "
                    + "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}",
            "a = a|The first operand must be distinct from the remaining operands for this operator or function; "
                    + "operator: =, first operand: [a]",
            "a BETWEEN :m AND :n|The BETWEEN operator requires upper bound to be greater than or equal to lower "
                    + "bound; lower bound operand: AttributeValue: {N:10}, upper bound operand: AttributeValue: {N:5}",
            "a BETWEEN :n AND :s|The BETWEEN operator requires same data type for lower and upper bounds; lower "
                    + "bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {S:abc}",
            "a < :l|Incorrect operand type for operator or function; operator or function: <, operand type: L",
            "size(:n) > :m|Incorrect operand type for operator or function; operator or function: size, operand "
                    + "type: N",
            "#zz = :n|An expression attribute name used in the document path is not defined; attribute name: #zz",
            "a = :zz|An expression attribute value used in expression is not defined; attribute value: :zz",
            "name = :n|Attribute name is a reserved keyword; reserved keyword: name",
            "foo(a) AND name = :zz|Invalid function name; function: foo",
    })
    void invalidConditionsGetDynamoDbsMessages(String expression, String message) {
        assertThatThrownBy(() -> parse(expression))
                .isInstanceOf(DynamoException.class)
                .hasMessage("Invalid ConditionExpression: " + message);
    }

    @Test
    void inTakesAtMostOneHundredCandidates() {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        StringBuilder in = new StringBuilder("a IN (");
        for (int i = 0; i < 101; i++) {
            values.put(":v" + i, n(String.valueOf(i)));
            in.append(i > 0 ? ", " : "").append(":v").append(i);
        }
        String expression = in.append(")").toString();
        assertThatThrownBy(() -> ConditionExpression.parse(expression, "FilterExpression", ExpressionNames.none(),
                ExpressionValues.of(values))).hasMessage("Invalid FilterExpression: The IN operator is provided with "
                + "too many operands; number of operands: 102");
    }

    @Test
    void expressionsAreLimitedInSizeAndOperators() {
        String big = "a = :n" + " ".repeat(4091);
        assertThatThrownBy(() -> parse(big)).hasMessage("Invalid ConditionExpression: Expression size has exceeded "
                + "the maximum allowed size; expression size: 4097");
        String many = String.join(" AND ", java.util.Collections.nCopies(151, "a = :n"));
        assertThatThrownBy(() -> parse(many)).hasMessageContaining("The expression contains too many operators");
    }

    @Test
    void valuesUnusedByAnyExpressionAreRefused() {
        ExpressionValues values = ExpressionValues.of(Map.of(":n", n("1"), ":unused", n("2")));
        ConditionExpression.parse("a = :n", "ConditionExpression", ExpressionNames.none(), values);
        assertThatThrownBy(values::checkAllUsed)
                .hasMessage("Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}");
    }

    /** Nesting up to what the 4 KB limit allows answers DynamoDB's messages (recorded by Alternator's test_limits.py). */
    @Test
    void deeplyNestedExpressionsGetDynamoDbsMessages() {
        String parens = "(".repeat(2046) + "a<:n" + ")".repeat(2046);
        assertThatThrownBy(() -> parseBare(parens))
                .hasMessage("Invalid ConditionExpression: The expression has redundant parentheses;");
        assertThatThrownBy(() -> parseBare("(".repeat(4096)))
                .hasMessageStartingWith("Invalid ConditionExpression: Syntax error; token: ");
        String functions = "a < " + "f(".repeat(1355) + "b" + ")".repeat(1355);
        assertThatThrownBy(() -> parseBare(functions))
                .hasMessage("Invalid ConditionExpression: Invalid function name; function: f");
        String nots = "NOT ".repeat(1000) + "a < :n";
        assertThatThrownBy(() -> parseBare(nots))
                .hasMessage("Invalid ConditionExpression: The expression contains too many operators; operator count: "
                        + "301");
        StringBuilder ors = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            ors.append("a<:n OR (");
        }
        String nestedOrs = ors + "a<:n" + ")".repeat(400);
        assertThatThrownBy(() -> parseBare(nestedOrs))
                .hasMessage("Invalid ConditionExpression: The expression contains too many operators; operator count: "
                        + "301");
    }

    @Test
    void onlyConditionsAndFiltersShowTheSizeOfAnOversizedExpression() {
        String big = "a = :n" + " ".repeat(4091);
        assertThatThrownBy(() -> ConditionExpression.parse(big, "KeyConditionExpression", ExpressionNames.none(),
                ExpressionValues.of(VALUES))).hasMessage("Invalid KeyConditionExpression: Expression size has exceeded "
                + "the maximum allowed size;");
        assertThatThrownBy(() -> ProjectionExpression.parse("a" + " ".repeat(4096), ExpressionNames.none()))
                .hasMessage("Invalid ProjectionExpression: Expression size has exceeded the maximum allowed size;");
        assertThatThrownBy(() -> UpdateExpression.parse("SET a = :n" + " ".repeat(4090), ExpressionNames.none(),
                ExpressionValues.of(VALUES))).hasMessage("Invalid UpdateExpression: Expression size has exceeded the "
                + "maximum allowed size;");
    }

    /** Functions used where only size() may stand (recorded from DynamoDB by dynalite and Alternator). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "attribute_exists((views), (#a)) > b|attribute_exists",
            "attribute_not_exists(things) > b|attribute_not_exists",
            "attribute_type(things, :s) > b|attribute_type",
            "attribute_type(things, :s) = :t|attribute_type",
            "begins_with(things, a) > b|begins_with",
            "contains(:s, c) > b|contains",
            "size(contains(a, b)) > a|contains",
            "a between b and attribute_exists(things)|attribute_exists",
            "a in (b, attribute_exists(things))|attribute_exists",
            "size(things)|size",
    })
    void functionsOtherThanSizeAreNotOperands(String expression, String function) {
        assertThatThrownBy(() -> ConditionExpression.parse(expression, "FilterExpression",
                ExpressionNames.of(Map.of("#a", "a")), ExpressionValues.of(VALUES)))
                .hasMessage("Invalid FilterExpression: The function is not allowed to be used this way in an "
                        + "expression; function: " + function);
    }

    @Test
    void sizeIsAnOperandOnEitherSide() {
        assertThat(eval("size(a) = :n", Map.of("a", s("abcde")))).isTrue();
        assertThat(eval(":n = size(a)", Map.of("a", s("abcde")))).isTrue();
        assertThat(eval("size(a) between :n and :m", Map.of("a", s("abcdef")))).isTrue();
        assertThatThrownBy(() -> parseBare("size(size(a)) > :n")).hasMessage("Invalid ConditionExpression: Incorrect "
                + "operand type for operator or function; operator or function: size, operand type: N");
    }
}
