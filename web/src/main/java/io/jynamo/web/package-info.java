/**
 * DynamoDB's wire protocol over HTTP: the servlet at {@code /}, request reading and authentication checks, the
 * operation registry, and responses with DynamoDB's headers and error bodies.
 */
package io.jynamo.web;
