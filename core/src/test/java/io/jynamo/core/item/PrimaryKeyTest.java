package io.jynamo.core.item;

import io.jynamo.core.table.KeyAttribute;
import io.jynamo.core.table.KeySchema;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrimaryKeyTest {
    private static final KeySchema COMPOSITE = new KeySchema(new KeyAttribute("pk", AttributeType.S),
            new KeyAttribute("sk", AttributeType.N));
    private static final KeySchema BINARY = new KeySchema(new KeyAttribute("pk", AttributeType.B),
            new KeyAttribute("sk", AttributeType.B));

    @Test
    void anItemMustHoldEveryKeyAttributeWithItsType() {
        assertThatThrownBy(() -> PrimaryKey.ofItem(Map.of("pk", s("a")), COMPOSITE))
                .hasMessage("One or more parameter values were invalid: Missing the key sk in the item");
        assertThatThrownBy(() -> PrimaryKey.ofItem(Map.of("pk", s("a"), "sk", s("1")), COMPOSITE))
                .hasMessage("One or more parameter values were invalid: Type mismatch for key sk expected: N "
                        + "actual: S");
        assertThatThrownBy(() -> PrimaryKey.ofItem(Map.of("pk", s(""), "sk", n("1")), COMPOSITE))
                .hasMessage("One or more parameter values are not valid. The AttributeValue for a key attribute "
                        + "cannot contain an empty string value. Key: pk");
        PrimaryKey key = PrimaryKey.ofItem(Map.of("pk", s("a"), "sk", n("1"), "other", s("x")), COMPOSITE);
        assertThat(key.hash()).containsExactly('a');
        assertThat(key.hasRange()).isTrue();
    }

    @Test
    void aKeyMustBeExactlyTheKeyAttributes() {
        assertThatThrownBy(() -> PrimaryKey.ofKey(Map.of("pk", s("a")), COMPOSITE))
                .hasMessage("The provided key element does not match the schema");
        assertThatThrownBy(() -> PrimaryKey.ofKey(Map.of("pk", s("a"), "sk", n("1"), "x", s("y")), COMPOSITE))
                .hasMessage("The provided key element does not match the schema");
        assertThatThrownBy(() -> PrimaryKey.ofKey(Map.of("pk", n("1"), "sk", n("1")), COMPOSITE))
                .hasMessage("The provided key element does not match the schema");
        assertThatThrownBy(() -> PrimaryKey.ofKey(Map.of("pk", new AttributeValue.B(new byte[0]),
                "sk", new AttributeValue.B(new byte[1])), BINARY))
                .hasMessage("One or more parameter values were invalid: The AttributeValue for a key attribute "
                        + "cannot contain an empty binary value. Key: pk");
    }

    @Test
    void keyValuesAreLimitedInBytes() {
        KeySchema strings = new KeySchema(new KeyAttribute("pk", AttributeType.S), new KeyAttribute("sk",
                AttributeType.S));
        PrimaryKey.ofKey(Map.of("pk", s("é".repeat(1024)), "sk", s("x".repeat(1024))), strings);
        assertThatThrownBy(() -> PrimaryKey.ofKey(Map.of("pk", s("é".repeat(1024) + "x"), "sk", s("x")), strings))
                .hasMessage("One or more parameter values were invalid: Size of hashkey has exceeded the maximum "
                        + "size limit of2048 bytes");
        assertThatThrownBy(() -> PrimaryKey.ofKey(Map.of("pk", s("x"), "sk", s("x".repeat(1025))), strings))
                .hasMessage("One or more parameter values were invalid: Aggregated size of all range keys has "
                        + "exceeded the size limit of 1024 bytes");
    }

    private static AttributeValue s(String v) {
        return new AttributeValue.S(v);
    }

    private static AttributeValue n(String v) {
        return new AttributeValue.N(DynamoNumber.parse(v));
    }
}
