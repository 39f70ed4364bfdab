package io.jynamo.core.expression.ast;

import io.jynamo.core.expression.DocumentPath;
import io.jynamo.core.item.AttributeValue;

/** Something that yields an attribute value when evaluated against an item. */
public sealed interface Operand {

    /** The value at a document path of the item (absent if the path reaches nothing). */
    record Path(DocumentPath path) implements Operand { }

    /** A value given in ExpressionAttributeValues. */
    record Value(String placeholder, AttributeValue value) implements Operand { }

    /** {@code size(operand)}: the length of a string, binary, set, list or map. */
    record Size(Operand operand) implements Operand { }

    /** {@code if_not_exists(path, operand)} (update expressions only). */
    record IfNotExists(DocumentPath path, Operand fallback) implements Operand { }

    /** {@code list_append(first, second)} (update expressions only). */
    record ListAppend(Operand first, Operand second) implements Operand { }

    /** {@code left + right} or {@code left - right} (update expressions only). */
    record Arithmetic(Operand left, boolean plus, Operand right) implements Operand { }
}
