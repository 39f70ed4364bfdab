package io.jynamo.ejb.transfer;

import io.jynamo.core.error.DynamoException;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * NextToken of ListExports and ListImports: hex, in blocks of 16 digits, 112 digits long, as DynamoDB's are (the model
 * of ListImports requires that shape). The first block is the id of the last entry listed, the second tells the two
 * operations' tokens apart; the rest is random.
 */
final class ListTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BLOCKS = 7;

    private ListTokens() {
    }

    static String of(long lastId, String kind) {
        StringBuilder token = new StringBuilder(HexFormat.of().toHexDigits(lastId))
                .append(HexFormat.of().toHexDigits((long) kind.hashCode()));
        for (int i = 2; i < BLOCKS; i++) {
            token.append(HexFormat.of().toHexDigits(RANDOM.nextLong()));
        }
        return token.toString();
    }

    /** The id a token of this kind holds; DynamoDB's ValidationException for any other token. */
    static long read(String token, String kind) {
        if (token.length() != BLOCKS * 16 || !token.matches("[0-9a-f]+")
                || HexFormat.fromHexDigitsToLong(token.substring(16, 32)) != kind.hashCode()) {
            throw DynamoException.validation("Invalid Request: Provided nextToken is invalid: " + token);
        }
        return HexFormat.fromHexDigitsToLong(token.substring(0, 16));
    }
}
