package io.jynamo.core.expression.ast;

import io.jynamo.core.expression.DocumentPath;
import io.jynamo.core.item.AttributeValue;

/** One action of an update expression. */
public sealed interface UpdateAction {

    DocumentPath path();

    record Set(DocumentPath path, Operand value) implements UpdateAction { }

    record Remove(DocumentPath path) implements UpdateAction { }

    /** Adds a number to a number, or members to a set; creates the attribute if absent. */
    record Add(DocumentPath path, AttributeValue value) implements UpdateAction { }

    /** Removes members from a set. */
    record Delete(DocumentPath path, AttributeValue value) implements UpdateAction { }
}
