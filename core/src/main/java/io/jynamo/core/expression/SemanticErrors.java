package io.jynamo.core.expression;

import io.jynamo.core.error.DynamoException;

import java.util.EnumMap;
import java.util.Map;

/**
 * The first error of each kind found while resolving an expression, reported in DynamoDB's precedence (not in the
 * order found): DynamoDB parses the whole expression and then reports the most important problem.
 */
final class SemanticErrors {

    /** Kinds in the order DynamoDB reports them. */
    enum Kind {
        RESERVED_WORD,
        UNDEFINED_PLACEHOLDER,
        PATH_OVERLAP,
        PATH_CONFLICT
    }

    private final Map<Kind, String> first = new EnumMap<>(Kind.class);

    void add(Kind kind, String message) {
        first.putIfAbsent(kind, message);
    }

    boolean has(Kind kind) {
        return first.containsKey(kind);
    }

    /** Throws the most important error found, if any. */
    void throwIfAny(String prefix) {
        for (Map.Entry<Kind, String> e : first.entrySet()) {
            throw DynamoException.validation(prefix + e.getValue());
        }
    }
}
