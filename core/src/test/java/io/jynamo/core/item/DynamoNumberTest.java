package io.jynamo.core.item;

import io.jynamo.core.error.DynamoException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DynamoNumberTest {

    @ParameterizedTest(name = "{0} is written back as {1}")
    @CsvSource({
            "1,1", "007,7", "001.23,1.23", "00,0", "+3,3", "+0,0", "+1.5,1.5",
            "1.0,1", "1.00,1", "1.10,1.1", "100.000,100", "0.0,0", "0.10,0.1",
            "1e3,1000", "1E3,1000", "1e+3,1000", "5e1,50", "-3e2,-300", "1.5e2,150", "1.23e4,12300",
            "1e-3,0.001", "5e-1,0.5", "123e-2,1.23", "1.23e-1,0.123", "1.0e-1,0.1",
            "-0,0", "-0.0,0", "0e5,0", "0e-5,0", ".5,0.5", "-.5,-0.5",
            "1e20,100000000000000000000", "1e-20,0.00000000000000000001", "-273.15,-273.15"
    })
    void numbersAreNormalisedAsDynamoDbWritesThem(String input, String output) {
        assertThat(DynamoNumber.parse(input).toString()).isEqualTo(output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "dog", " 1", "1 ", "1e", "e5", "--1", "0x10", "1,5", "."})
    void malformedNumbersAreRefused(String input) {
        assertThatThrownBy(() -> DynamoNumber.parse(input))
                .isInstanceOf(DynamoException.class)
                .hasMessage("The parameter cannot be converted to a numeric value: " + input);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e126", "11e125", "-1E+126", "1e999999999999"})
    void numbersAboveTheRangeOverflow(String input) {
        assertThatThrownBy(() -> DynamoNumber.parse(input)).hasMessage(
                "Number overflow. Attempting to store a number with magnitude larger than supported range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-131", "0.9e-130", "-1E-131", "1e-999999999999"})
    void numbersBelowTheRangeUnderflow(String input) {
        assertThatThrownBy(() -> DynamoNumber.parse(input)).hasMessage(
                "Number underflow. Attempting to store a number with magnitude smaller than supported range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9.9999999999999999999999999999999999999E+125", "1E-130", "-1E-130",
            "99999999999999999999999999999999999999", "3.1415926535897932384626433832795028841",
            "1000000000000000000000000000000000000000000"})
    void numbersAtTheLimitsAreAccepted(String input) {
        assertThat(DynamoNumber.parse(input).bigDecimal()).isEqualByComparingTo(new java.math.BigDecimal(input));
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789012345678901234567890123456789", "3.14159265358979323846264338327950288419"})
    void moreThan38SignificantDigitsAreRefused(String input) {
        assertThatThrownBy(() -> DynamoNumber.parse(input))
                .hasMessage("Attempting to store more than 38 significant digits in a Number");
    }

    @ParameterizedTest
    @CsvSource({"1.5,1.50", "15E-1,1.5", "1000,1e3", "0,-0.0"})
    void equalValuesAreEqual(String a, String b) {
        assertThat(DynamoNumber.parse(a)).isEqualTo(DynamoNumber.parse(b));
        assertThat(DynamoNumber.parse(a).hashCode()).isEqualTo(DynamoNumber.parse(b).hashCode());
    }

    @org.junit.jupiter.api.Test
    void anEmptyNumberIsRefused() {
        assertThatThrownBy(() -> DynamoNumber.parse(""))
                .hasMessage("The parameter cannot be converted to a numeric value");
    }
}
