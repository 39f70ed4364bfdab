package io.jynamo.core.expression;

import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.DynamoNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyConditionsTest {
    private static final Map<String, AttributeValue> VALUES = Map.of(":p", new AttributeValue.S("p"),
            ":a", new AttributeValue.N(DynamoNumber.parse("1")), ":b", new AttributeValue.N(DynamoNumber.parse("2")));

    private static Map<String, KeyConditions.KeyCondition> convert(String expression) {
        return KeyConditions.fromExpression(ConditionExpression.parse(expression, "KeyConditionExpression",
                ExpressionNames.none(), ExpressionValues.of(VALUES)));
    }

    @Test
    void keyConditionsBecomeOneConditionPerKey() {
        Map<String, KeyConditions.KeyCondition> c = convert("pk = :p AND sk BETWEEN :a AND :b");
        assertThat(c.get("pk").operator()).isEqualTo("EQ");
        assertThat(c.get("sk").operator()).isEqualTo("BETWEEN");
        assertThat(convert(":a <= sk AND pk = :p").get("sk").operator()).isEqualTo("GE");
        assertThat(convert("pk = :p AND begins_with(sk, :p)").get("sk").operator()).isEqualTo("BEGINS_WITH");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "pk = :p OR sk = :a|Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: OR",
            "NOT pk = :p|Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: NOT",
            "pk <> :p|Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: <>",
            "pk IN (:p)|Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: IN",
            "attribute_exists(pk)|Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: attribute_exists",
            "pk = :p AND pk = :p|Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key",
            "pk.x = :p|Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested attributes",
            "pk = sk|Invalid KeyConditionExpression: Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition",
            ":a = :b|Invalid KeyConditionExpression: Invalid condition in KeyConditionExpression: No key attribute specified",
            "size(pk) = :a|Invalid KeyConditionExpression: KeyConditionExpressions cannot contain nested operations",
    })
    void whatAKeyConditionMayNotContain(String expression, String message) {
        // the prefix as DynamoDB gives it since 2026 (ExtendDB; moto's AWS-verified tests)
        assertThatThrownBy(() -> convert(expression)).hasMessage(message);
    }
}
