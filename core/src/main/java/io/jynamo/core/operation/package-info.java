/**
 * One class per DynamoDB operation (and a few shared by several): the request's shape, its validation in DynamoDB's
 * order and words, the request record the services take, and the writer of the response. No storage: what needs the
 * table's schema is the services' to check.
 */
package io.jynamo.core.operation;
