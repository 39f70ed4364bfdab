package io.jynamo.core.item;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stored key encoding must order keys as DynamoDB does: numbers by value, strings by UTF-8 bytes, binaries by
 * unsigned bytes, with PostgreSQL's bytea comparison (unsigned bytes, then length) doing the comparing.
 */
class KeyEncodingTest {

    @Property(tries = 3000)
    void numbersSortByValue(@ForAll("numbers") DynamoNumber a, @ForAll("numbers") DynamoNumber b) {
        int expected = Integer.signum(a.bigDecimal().compareTo(b.bigDecimal()));
        int actual = Integer.signum(KeyEncoding.compare(KeyEncoding.encodeNumber(a), KeyEncoding.encodeNumber(b)));
        assertThat(actual).as("%s vs %s", a, b).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void equalNumbersWrittenDifferentlyEncodeEqually(@ForAll("numbers") DynamoNumber n) {
        BigDecimal scaled = n.bigDecimal().setScale(n.bigDecimal().scale() + 3);
        DynamoNumber same = DynamoNumber.parse(scaled.toString());
        assertThat(KeyEncoding.encodeNumber(same)).isEqualTo(KeyEncoding.encodeNumber(n));
    }

    @Property(tries = 2000)
    void stringsSortByUtf8Bytes(@ForAll String a, @ForAll String b) {
        byte[] ua = a.getBytes(StandardCharsets.UTF_8);
        byte[] ub = b.getBytes(StandardCharsets.UTF_8);
        int expected = Integer.signum(Arrays.compareUnsigned(ua, ub));
        int actual = Integer.signum(KeyEncoding.compare(KeyEncoding.encode(new AttributeValue.S(a)),
                KeyEncoding.encode(new AttributeValue.S(b))));
        assertThat(actual).isEqualTo(expected);
    }

    @Property(tries = 2000)
    void binariesSortAsUnsignedBytes(@ForAll @Size(max = 12) byte[] a, @ForAll @Size(max = 12) byte[] b) {
        int expected = Integer.signum(compareUnsignedThenLength(a, b));
        int actual = Integer.signum(KeyEncoding.compare(KeyEncoding.encode(new AttributeValue.B(a)),
                KeyEncoding.encode(new AttributeValue.B(b))));
        assertThat(actual).isEqualTo(expected);
    }

    @Property(tries = 200)
    void sortingByEncodingSortsNumbersNumerically(@ForAll("numberLists") List<DynamoNumber> numbers) {
        List<DynamoNumber> byValue = numbers.stream().sorted().toList();
        List<DynamoNumber> byEncoding = numbers.stream()
                .sorted((x, y) -> KeyEncoding.compare(KeyEncoding.encodeNumber(x), KeyEncoding.encodeNumber(y)))
                .toList();
        assertThat(byEncoding).isEqualTo(byValue);
    }

    /** Reference order written independently of the encoder: unsigned byte by byte, a prefix first. */
    private static int compareUnsignedThenLength(byte[] a, byte[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int d = (a[i] & 0xFF) - (b[i] & 0xFF);
            if (d != 0) {
                return d;
            }
        }
        return a.length - b.length;
    }

    @Provide
    Arbitrary<List<DynamoNumber>> numberLists() {
        return numbers().list().ofMinSize(2).ofMaxSize(30);
    }

    /** Numbers across DynamoDB's whole range, with many near-collisions (shared prefixes, zeros, sign changes). */
    @Provide
    Arbitrary<DynamoNumber> numbers() {
        Arbitrary<String> digits = Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(38)
                .filter(s -> s.charAt(0) != '0')
                .injectDuplicates(0.2);
        Arbitrary<Integer> exponent = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(-3, 3)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(-130, 125)));
        Arbitrary<Boolean> negative = Arbitraries.of(true, false);
        Arbitrary<DynamoNumber> nonZero = Combinators.combine(digits, exponent, negative).as((d, e, neg) -> {
            // d as d.ddd × 10^e, clamped into range
            BigDecimal value = new BigDecimal(new java.math.BigInteger(d), d.length() - 1 - e);
            int exp = value.precision() - value.scale() - 1;
            if (exp > DynamoNumber.MAX_EXPONENT || exp < DynamoNumber.MIN_EXPONENT) {
                value = BigDecimal.ONE;
            }
            return DynamoNumber.of(neg ? value.negate() : value);
        });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(DynamoNumber.ZERO)),
                net.jqwik.api.Tuple.of(20, nonZero));
    }
}
