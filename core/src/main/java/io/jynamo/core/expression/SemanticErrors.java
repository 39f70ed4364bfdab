package io.jynamo.core.expression;

import io.jynamo.core.error.DynamoException;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The first error of each kind found while parsing an expression, reported in DynamoDB's precedence for that kind of
 * expression (not in the order found): DynamoDB parses the whole expression, then reports its most important problem.
 */
final class SemanticErrors {

    enum Kind {
        REDUNDANT_PARENTHESES,
        UNKNOWN_FUNCTION,
        MISUSED_FUNCTION,
        RESERVED_WORD,
        SECTION_REPEATED,
        UNDEFINED_NAME,
        UNDEFINED_VALUE,
        PATH_OVERLAP,
        PATH_CONFLICT,
        OPERATOR_OPERAND_TYPE,
        OPERAND_COUNT,
        DISTINCT_OPERANDS,
        FUNCTION_OPERAND_TYPE,
        NESTING
    }

    /** Condition, filter and key-condition expressions. */
    static final List<Kind> CONDITION_ORDER = List.of(Kind.REDUNDANT_PARENTHESES, Kind.UNKNOWN_FUNCTION,
            Kind.MISUSED_FUNCTION, Kind.RESERVED_WORD, Kind.NESTING, Kind.UNDEFINED_NAME, Kind.UNDEFINED_VALUE,
            Kind.OPERAND_COUNT, Kind.DISTINCT_OPERANDS, Kind.FUNCTION_OPERAND_TYPE);

    static final List<Kind> PROJECTION_ORDER = List.of(Kind.RESERVED_WORD, Kind.NESTING, Kind.UNDEFINED_NAME,
            Kind.PATH_OVERLAP, Kind.PATH_CONFLICT);

    static final List<Kind> UPDATE_ORDER = List.of(Kind.RESERVED_WORD, Kind.UNKNOWN_FUNCTION, Kind.MISUSED_FUNCTION,
            Kind.SECTION_REPEATED,
            Kind.NESTING, Kind.UNDEFINED_NAME, Kind.UNDEFINED_VALUE, Kind.PATH_OVERLAP, Kind.PATH_CONFLICT,
            Kind.OPERATOR_OPERAND_TYPE, Kind.OPERAND_COUNT, Kind.FUNCTION_OPERAND_TYPE);

    private final List<Kind> order;
    private final Map<Kind, String> first = new EnumMap<>(Kind.class);

    SemanticErrors(List<Kind> order) {
        this.order = order;
    }

    /** The errors found so far, to restore when the parser backtracks. */
    Map<Kind, String> snapshot() {
        return new EnumMap<>(first);
    }

    void restore(Map<Kind, String> snapshot) {
        first.clear();
        first.putAll(snapshot);
    }

    void add(Kind kind, String message) {
        first.putIfAbsent(kind, message);
    }

    boolean has(Kind kind) {
        return first.containsKey(kind);
    }

    /** Throws the most important error found, if any. */
    void throwIfAny(String prefix) {
        for (Kind kind : order) {
            String message = first.get(kind);
            if (message != null) {
                throw DynamoException.validation(prefix + message);
            }
        }
    }
}
