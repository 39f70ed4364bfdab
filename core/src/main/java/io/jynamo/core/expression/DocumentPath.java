package io.jynamo.core.expression;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A resolved document path: a top-level attribute name followed by map keys and list indexes
 * ({@code a.b[2].c}), with placeholders already replaced by the names they stand for.
 */
public record DocumentPath(List<Element> elements) {

    public DocumentPath {
        elements = List.copyOf(elements);
    }

    /** One step of a path. */
    public sealed interface Element permits Field, Index { }

    /** A map key (or, first in a path, an attribute name). */
    public record Field(String name) implements Element { }

    /** A list position. */
    public record Index(int index) implements Element { }

    /** The top-level attribute the path starts at. */
    public String attribute() {
        return ((Field) elements.get(0)).name();
    }

    public boolean isTopLevel() {
        return elements.size() == 1;
    }

    /** As DynamoDB prints a path in messages: {@code [a, b, [2], c]}. */
    @Override
    public String toString() {
        return elements.stream()
                .map(e -> e instanceof Index i ? "[" + i.index() + "]" : ((Field) e).name())
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
