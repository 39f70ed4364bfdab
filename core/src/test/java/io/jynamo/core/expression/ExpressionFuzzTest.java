package io.jynamo.core.expression;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.DynamoNumber;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever text an expression parameter holds, parsing either succeeds or fails with a DynamoDB ValidationException:
 * never with another exception, which would reach the client as an internal error.
 */
class ExpressionFuzzTest {
    private static final List<String> VALID = List.of(
            "a = :v AND (b < :w OR NOT attribute_exists(c.d[2]))",
            "begins_with(#n, :v) AND size(e) BETWEEN :v AND :w",
            "contains(tags, :v) OR x IN (:v, :w)",
            "SET a = a + :v, b = list_append(if_not_exists(b, :w), :w) REMOVE c[1] ADD d :v DELETE e :w",
            "a.b[1].c, #n, d");
    private static final List<String> PIECES = List.of("(", ")", "AND", "OR", "NOT", "=", "<>", "<", ">=", ",", ".",
            "[", "]", "1", ":v", "#n", "size", "(a)", "SET", "REMOVE", " ", "BETWEEN", "IN", "+", "-", "\u0000", "é");

    private static void parseAll(String text) {
        for (Runnable parse : List.<Runnable>of(
                () -> ConditionExpression.parse(text, "ConditionExpression", names(), values()),
                () -> UpdateExpression.parse(text, names(), values()),
                () -> ProjectionExpression.parse(text, names()),
                () -> KeyConditions.fromExpression(ConditionExpression.parse(text, "KeyConditionExpression", names(),
                        values())))) {
            try {
                parse.run();
            } catch (DynamoException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    private static ExpressionNames names() {
        return ExpressionNames.of(Map.of("#n", "name"));
    }

    private static ExpressionValues values() {
        return ExpressionValues.of(Map.of(":v", new AttributeValue.N(DynamoNumber.parse("1")),
                ":w", new AttributeValue.L(List.of())));
    }

    @Property(tries = 2000)
    void randomBytesNeverFailInternally(@ForAll byte[] bytes) {
        parseAll(new String(bytes, StandardCharsets.UTF_8));
    }

    @Property(tries = 3000)
    void mutationsOfValidExpressionsNeverFailInternally(@ForAll("mutations") String text) {
        parseAll(text);
    }

    @Provide
    Arbitrary<String> mutations() {
        return Arbitraries.of(VALID).flatMap(base -> Arbitraries.integers().between(1, 5).flatMap(n ->
                Arbitraries.integers().between(0, base.length()).list().ofSize(n).flatMap(positions ->
                        Arbitraries.of(PIECES).list().ofSize(n).flatMap(pieces ->
                                Arbitraries.integers().between(0, 2).list().ofSize(n).map(kinds -> {
                                    StringBuilder sb = new StringBuilder(base);
                                    for (int i = 0; i < n; i++) {
                                        int p = Math.min(positions.get(i), sb.length());
                                        switch (kinds.get(i)) {
                                            case 0 -> sb.insert(p, pieces.get(i));
                                            case 1 -> sb.delete(p, Math.min(sb.length(), p + 3));
                                            default -> sb.replace(p, Math.min(sb.length(), p + 1), pieces.get(i));
                                        }
                                    }
                                    return sb.toString();
                                })))));
    }
}
