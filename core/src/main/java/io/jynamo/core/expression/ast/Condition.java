package io.jynamo.core.expression.ast;

import io.jynamo.core.expression.DocumentPath;

import java.util.List;

/** A boolean expression over an item: a condition, filter or key condition. */
public sealed interface Condition {

    enum Comparator {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String symbol;

        Comparator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    record Compare(Comparator comparator, Operand left, Operand right) implements Condition { }

    record Between(Operand value, Operand low, Operand high) implements Condition { }

    record In(Operand value, List<Operand> candidates) implements Condition { }

    record And(Condition left, Condition right) implements Condition { }

    record Or(Condition left, Condition right) implements Condition { }

    record Not(Condition condition) implements Condition { }

    record AttributeExists(DocumentPath path) implements Condition { }

    record AttributeNotExists(DocumentPath path) implements Condition { }

    record AttributeTypeIs(DocumentPath path, Operand type) implements Condition { }

    record BeginsWith(Operand value, Operand prefix) implements Condition { }

    record Contains(Operand container, Operand element) implements Condition { }

    /** Always true: the condition of a request without one. */
    record True() implements Condition { }
}
