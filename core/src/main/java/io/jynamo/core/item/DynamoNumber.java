package io.jynamo.core.item;

import io.jynamo.core.error.DynamoException;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A DynamoDB number: up to 38 significant digits, magnitude between 1E-130 and 9.9999999999999999999999999999999999999E+125,
 * or zero.
 *
 * <p>Numbers are kept normalised (trailing zeros stripped) so that equal values are equal objects and encode to equal
 * keys (1.5 = 1.50 = 15E-1), and they are written back as DynamoDB writes them: plain decimal notation without
 * exponent or redundant zeros ({@link #toString()}).
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number">Number data type</a>
 */
public final class DynamoNumber implements Comparable<DynamoNumber> {
    /** DynamoDB's limit on significant digits. */
    public static final int MAX_SIGNIFICANT_DIGITS = 38;
    /** Largest decimal exponent (in d.ddd×10^e form) of a storable number: 9.99…E+125. */
    public static final int MAX_EXPONENT = 125;
    /** Smallest decimal exponent (in d.ddd×10^e form) of a storable number: 1E-130. */
    public static final int MIN_EXPONENT = -130;

    /**
     * The number syntax DynamoDB accepts: an optional sign, digits with an optional fraction (or a bare fraction), an
     * optional exponent. No whitespace, no hexadecimal, no Infinity/NaN.
     */
    private static final Pattern SYNTAX = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    public static final DynamoNumber ZERO = new DynamoNumber(BigDecimal.ZERO);

    private final BigDecimal value;
    private String text;

    private DynamoNumber(BigDecimal normalised) {
        this.value = normalised;
    }

    /**
     * Parses a number as DynamoDB does, with DynamoDB's ValidationException messages for malformed and
     * out-of-range numbers.
     */
    public static DynamoNumber parse(String text) {
        if (text.isEmpty()) {
            throw DynamoException.validation("The parameter cannot be converted to a numeric value");
        }
        if (text.length() > 2000 || !SYNTAX.matcher(text).matches()) {
            throw DynamoException.validation("The parameter cannot be converted to a numeric value: " + text);
        }
        BigDecimal parsed;
        try {
            parsed = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            // exponent beyond int range: certainly out of DynamoDB's range
            throw text.matches(".*[eE]-.*")
                    ? underflow() : overflow();
        }
        return of(parsed);
    }

    /** A number from a value computed by Jynamo (e.g. by arithmetic), checked against DynamoDB's limits. */
    public static DynamoNumber of(BigDecimal value) {
        if (value.signum() == 0) {
            return ZERO;
        }
        BigDecimal normalised = value.stripTrailingZeros();
        int exponent = normalised.precision() - normalised.scale() - 1;
        if (exponent > MAX_EXPONENT) {
            throw overflow();
        }
        if (exponent < MIN_EXPONENT) {
            throw underflow();
        }
        if (normalised.precision() > MAX_SIGNIFICANT_DIGITS) {
            throw DynamoException.validation("Attempting to store more than 38 significant digits in a Number");
        }
        return new DynamoNumber(normalised);
    }

    private static DynamoException overflow() {
        return DynamoException.validation(
                "Number overflow. Attempting to store a number with magnitude larger than supported range");
    }

    private static DynamoException underflow() {
        return DynamoException.validation(
                "Number underflow. Attempting to store a number with magnitude smaller than supported range");
    }

    public BigDecimal bigDecimal() {
        return value;
    }

    public int signum() {
        return value.signum();
    }

    /** Number of significant digits (1 for zero). */
    public int precision() {
        return value.precision();
    }

    /** Decimal exponent in d.ddd×10^e form (0 for zero). */
    public int exponent() {
        return value.signum() == 0 ? 0 : value.precision() - value.scale() - 1;
    }

    /** The significant digits without sign, leading or trailing zeros ("0" for zero). */
    public String digits() {
        return value.unscaledValue().abs().toString();
    }

    @Override
    public int compareTo(DynamoNumber other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DynamoNumber other && value.compareTo(other.value) == 0;
    }

    @Override
    public int hashCode() {
        return value.hashCode(); // normalised, so equal values have equal scale
    }

    /** DynamoDB's canonical text: plain notation, no exponent, no trailing zeros. */
    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = value.toPlainString();
            text = t;
        }
        return t;
    }
}
