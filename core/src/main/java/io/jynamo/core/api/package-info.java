/**
 * Request shapes as DynamoDB's API model declares them ({@link io.jynamo.core.api.Shape}), the checker that reads a
 * body against its shape in DynamoDB's order of errors ({@link io.jynamo.core.api.RequestChecker}), and DynamoDB's
 * documented limits ({@link io.jynamo.core.api.Limits}).
 */
package io.jynamo.core.api;
