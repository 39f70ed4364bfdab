package io.jynamo.ejb.transfer;

import io.jynamo.core.error.DynamoException;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

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

    private static String of(long lastId, String kind) {
        StringBuilder token = new StringBuilder(HexFormat.of().toHexDigits(lastId))
                .append(HexFormat.of().toHexDigits((long) kind.hashCode()));
        for (int i = 2; i < BLOCKS; i++) {
            token.append(HexFormat.of().toHexDigits(RANDOM.nextLong()));
        }
        return token.toString();
    }

    /** A page of a list and the token of the next page (null: none). */
    record Page<T>(List<T> entries, String nextToken) { }

    /**
     * The page of {@code found} (read one past {@code limit}, newest first: see the catalogs' {@code list}), with the
     * token that goes on after its last entry.
     */
    static <S, T> Page<T> page(List<S> found, int limit, ToLongFunction<S> id, Function<S, T> entry, String kind) {
        List<S> page = found.subList(0, Math.min(limit, found.size()));
        String next = found.size() > limit ? of(id.applyAsLong(page.get(page.size() - 1)), kind) : null;
        return new Page<>(page.stream().map(entry).toList(), next);
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
