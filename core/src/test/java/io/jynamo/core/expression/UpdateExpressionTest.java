package io.jynamo.core.expression;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.expression.ast.UpdateAction;
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

/** Update expressions: parsing, DynamoDB's validation messages, and their effect on items. */
class UpdateExpressionTest {
    private static final Map<String, AttributeValue> VALUES = Map.of(
            ":one", n("1"), ":s", s("x"), ":ss", new AttributeValue.SS(List.of("b", "c")),
            ":l", new AttributeValue.L(List.of(s("z"))), ":empty", new AttributeValue.L(List.of()),
            ":big", n("9e125"));

    private static List<UpdateAction> parse(String expression) {
        return UpdateExpression.parse(expression, ExpressionNames.of(Map.of("#n", "name")),
                ExpressionValues.of(VALUES));
    }

    private static Map<String, AttributeValue> apply(String expression, Map<String, AttributeValue> item) {
        return UpdateApplier.apply(item, UpdateExpression.parse(expression, ExpressionNames.none(),
                ExpressionValues.of(VALUES)), true, false);
    }

    private static AttributeValue n(String v) {
        return new AttributeValue.N(DynamoNumber.parse(v));
    }

    private static AttributeValue s(String v) {
        return new AttributeValue.S(v);
    }

    private static Map<String, AttributeValue> item() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("count", n("5"));
        item.put("tags", new AttributeValue.SS(List.of("a", "b")));
        item.put("lst", new AttributeValue.L(List.of(n("0"), n("1"), n("2"), n("3"))));
        item.put("mp", new AttributeValue.M(Map.of("k", s("v"))));
        return item;
    }

    @Test
    void setAddsUpdatesAndComputes() {
        Map<String, AttributeValue> after = apply("SET a = :s, #c = #c + :one, m2 = if_not_exists(m2, :one), "
                .replace("#c", "count_") + "l2 = list_append(lst, :l)", withCount("count_"));
        assertThat(after.get("a")).isEqualTo(s("x"));
        assertThat(after.get("count_")).isEqualTo(n("6"));
        assertThat(after.get("m2")).isEqualTo(n("1"));
        assertThat(((AttributeValue.L) after.get("l2")).values()).hasSize(5);
    }

    private static Map<String, AttributeValue> withCount(String name) {
        Map<String, AttributeValue> item = item();
        item.put(name, n("5"));
        return item;
    }

    @Test
    void removeAddAndDeleteWorkOnAttributesSetsAndListElements() {
        Map<String, AttributeValue> after = apply("REMOVE lst[1], lst[3], mp.k ADD tags :ss, n :one DELETE tags2 :ss",
                item());
        assertThat(after.get("lst")).isEqualTo(new AttributeValue.L(List.of(n("0"), n("2"))));
        assertThat(after.get("mp")).isEqualTo(new AttributeValue.M(Map.of()));
        assertThat(((AttributeValue.SS) after.get("tags")).values()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(after.get("n")).isEqualTo(n("1"));

        Map<String, AttributeValue> emptied = apply("DELETE tags :ss", Map.of("tags",
                new AttributeValue.SS(List.of("b", "c"))));
        assertThat(emptied).doesNotContainKey("tags");
    }

    @Test
    void listAppendsPastTheEndHappenInIndexOrder() {
        Map<String, AttributeValue> after = apply("SET lst[84] = :s, lst[37] = :one", item());
        assertThat(((AttributeValue.L) after.get("lst")).values()).endsWith(n("1"), s("x"));
    }

    @Test
    void operandsAreReadFromTheItemBeforeTheUpdate() {
        Map<String, AttributeValue> after = apply("REMOVE count SET cpy = count".replace("count", "cnt"),
                Map.of("cnt", n("3")));
        assertThat(after).containsEntry("cpy", n("3")).doesNotContainKey("cnt");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "SET a = gone|The provided expression refers to an attribute that does not exist in the item",
            "SET a = tags + :one|An operand in the update expression has an incorrect data type",
            "SET a = list_append(count, :l)|An operand in the update expression has an incorrect data type",
            "ADD count :ss|An operand in the update expression has an incorrect data type",
            "SET nope.x = :one|The document path provided in the update expression is invalid for update",
            "SET count.x = :one|The document path provided in the update expression is invalid for update",
            "SET mp[0] = :one|The document path provided in the update expression is invalid for update",
            "REMOVE nope.x|The document path provided in the update expression is invalid for update",
            "SET count = count + :big|Number overflow. Attempting to store a number with magnitude larger than "
                    + "supported range",
    })
    void runTimeErrorsAreDynamoDbs(String expression, String message) {
        assertThatThrownBy(() -> apply(expression.replace("count", "cnt"), withCount("cnt")))
                .isInstanceOf(DynamoException.class).hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "INVALID SYNTAX HERE|Syntax error; token: \"INVALID\", near: \"INVALID SYNTAX\"",
            "SET a = :s SET b = :s|The \"SET\" section can only be used once in an update expression;",
            "SET a = :s, a = :one|Two document paths overlap with each other; must remove or rewrite one of these "
                    + "paths; path one: [a], path two: [a]",
            "SET a.b = :s REMOVE a[1]|Two document paths conflict with each other; must remove or rewrite one of "
                    + "these paths; path one: [a, b], path two: [a, [1]]",
            "ADD a :s|Incorrect operand type for operator or function; operator: ADD, operand type: STRING",
            "DELETE a :one|Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER",
            "SET a = :s + :one|Incorrect operand type for operator or function; operator or function: +, operand "
                    + "type: S",
            "SET a = list_append(:s, :l)|Incorrect operand type for operator or function; operator or function: "
                    + "list_append, operand type: S",
            "SET a = size(b)|Invalid function name; function: size",
            "SET a = if_not_exists(:s, :one)|Operator or function requires a document path; operator or function: "
                    + "if_not_exists",
            "SET a = list_append(list_append(:l, :l), :l)|The function is not allowed to be used this way in an "
                    + "expression; function: list_append",
            "SET a = :zz|An expression attribute value used in expression is not defined; attribute value: :zz",
            "SET #zz = :s|An expression attribute name used in the document path is not defined; attribute name: #zz",
            "SET name = :s|Attribute name is a reserved keyword; reserved keyword: name",
            "SET a = :s + :one + :one|Syntax error; token: \"+\", near: \":one + :one\"",
            "SET a = 1|Syntax error; token: \"1\", near: \"= 1\"",
    })
    void invalidUpdatesGetDynamoDbsMessages(String expression, String message) {
        assertThatThrownBy(() -> parse(expression)).hasMessage("Invalid UpdateExpression: " + message);
    }

    @Test
    void anEmptyExpressionIsRefused() {
        assertThatThrownBy(() -> parse("")).hasMessage("Invalid UpdateExpression: The expression can not be empty;");
    }

    @Test
    void clausesMayComeInAnyOrderAndKeywordsInAnyCase() {
        assertThat(parse("remove a add b :one set #n = :s")).hasSize(3);
    }
}
