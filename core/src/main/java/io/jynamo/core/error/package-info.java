/**
 * Errors as data: {@link io.jynamo.core.error.ErrorType} lists every {@code __type} Jynamo sends, and
 * {@link io.jynamo.core.error.DynamoException} carries one with DynamoDB's message to the web layer, which
 * writes it as DynamoDB does.
 */
package io.jynamo.core.error;
