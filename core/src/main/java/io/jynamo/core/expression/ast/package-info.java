/**
 * The expression language as an immutable tree: operands, conditions and update actions, with placeholders already
 * resolved. Built by the parsers of {@code io.jynamo.core.expression}, read by its evaluators.
 */
package io.jynamo.core.expression.ast;
