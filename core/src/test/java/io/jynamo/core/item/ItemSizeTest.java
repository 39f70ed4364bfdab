package io.jynamo.core.item;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Item sizes as DynamoDB's documentation defines them (Item sizes and formats). */
class ItemSizeTest {

    @Test
    void stringsCountTheirNameAndUtf8Bytes() {
        assertThat(ItemSize.of(Map.of("name", new AttributeValue.S("abc")))).isEqualTo(4 + 3);
        assertThat(ItemSize.of(Map.of("n", new AttributeValue.S("é€😀")))).isEqualTo(1 + 2 + 3 + 4);
        assertThat(ItemSize.of(Map.of("ü", new AttributeValue.S("")))).isEqualTo(2);
    }

    @Test
    void binariesCountTheirBytesAndScalarsOneByte() {
        assertThat(ItemSize.of(Map.of("b", new AttributeValue.B(new byte[10])))).isEqualTo(11);
        assertThat(ItemSize.of(Map.of("t", AttributeValue.Bool.TRUE))).isEqualTo(2);
        assertThat(ItemSize.of(Map.of("z", AttributeValue.Null.INSTANCE))).isEqualTo(2);
    }

    @Test
    void numbersCountAboutOneBytePerTwoDigitsPlusOne() {
        assertThat(ItemSize.of(Map.of("n", num("0")))).isEqualTo(1 + 1);
        assertThat(ItemSize.of(Map.of("n", num("5")))).isEqualTo(1 + 2);
        assertThat(ItemSize.of(Map.of("n", num("12345")))).isEqualTo(1 + 4);
        assertThat(ItemSize.of(Map.of("n", num("-12345")))).isEqualTo(1 + 5);
        long docBound = 1 + (38 + 1) / 2 + 1;
        assertThat(ItemSize.of(num("12345678901234567890123456789012345678"))).isBetween(docBound - 1, docBound + 1);
    }

    @Test
    void listsAndMapsCountThreeBytesPlusOnePerElement() {
        AttributeValue list = new AttributeValue.L(List.of(new AttributeValue.S("ab"), AttributeValue.Bool.TRUE));
        assertThat(ItemSize.of(Map.of("l", list))).isEqualTo(1 + 3 + (1 + 2) + (1 + 1));
        Map<String, AttributeValue> inner = new LinkedHashMap<>();
        inner.put("key", new AttributeValue.S("v"));
        assertThat(ItemSize.of(Map.of("m", new AttributeValue.M(inner)))).isEqualTo(1 + 3 + 1 + 3 + 1);
        assertThat(ItemSize.of(Map.of("e", new AttributeValue.M(Map.of())))).isEqualTo(1 + 3);
    }

    @Test
    void setsCountTheirMembers() {
        assertThat(ItemSize.of(Map.of("s", new AttributeValue.SS(List.of("ab", "cde"))))).isEqualTo(1 + 5);
        assertThat(ItemSize.of(Map.of("s", new AttributeValue.BS(List.of(new byte[3], new byte[4])))))
                .isEqualTo(1 + 7);
    }

    private static AttributeValue num(String n) {
        return new AttributeValue.N(DynamoNumber.parse(n));
    }
}
