/**
 * The transaction boundary: one stateless EJB method per DynamoDB operation, taking the validated request from
 * {@code io.jynamo.core.operation} and returning its response. Container-managed JTA transactions; a
 * {@link io.jynamo.core.error.DynamoException} rolls back and reaches the client as DynamoDB's error.
 */
package io.jynamo.ejb.service;
