package io.jynamo.core.streams;

import io.jynamo.core.error.DynamoException;

import java.math.BigInteger;

/**
 * Sequence numbers as DynamoDB Streams shows them: strings of decimal digits, 21 to 40 long, increasing within a
 * shard. A stream's records are numbered 1, 2, 3, ... internally; on the wire that is 10^20 + n, so that the numbers
 * have DynamoDB's 21 digits and compare the same as strings and as numbers.
 */
public final class SequenceNumbers {
    private SequenceNumbers() {
    }

    private static final BigInteger BASE = BigInteger.TEN.pow(20);

    public static String format(long n) {
        return BASE.add(BigInteger.valueOf(n)).toString();
    }

    /** The internal number of a sequence number given in a request; ValidationException when it is none of ours. */
    public static long parse(String text) {
        if (!text.chars().allMatch(Character::isDigit)) {
            throw DynamoException.validation("Invalid SequenceNumber: " + text);
        }
        BigInteger n = new BigInteger(text).subtract(BASE);
        if (n.signum() < 0 || n.bitLength() > 62) {
            throw DynamoException.validation("Invalid SequenceNumber: " + text);
        }
        return n.longValue();
    }
}
