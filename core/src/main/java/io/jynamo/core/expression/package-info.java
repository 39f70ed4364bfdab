/**
 * DynamoDB's expression language: a lexer and hand-written recursive-descent parsers for condition, filter,
 * key-condition, update and projection expressions (syntax, placeholders and semantic checks with DynamoDB's
 * messages), the immutable AST they produce ({@code ast}), and its evaluation against items; the legacy conditional
 * parameters expressed as the same AST.
 */
package io.jynamo.core.expression;
