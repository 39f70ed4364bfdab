/**
 * Items and their values: {@link io.jynamo.core.item.AttributeValue} and its JSON forms, DynamoDB's numbers, item
 * sizes as DynamoDB measures them, and the key encoding whose byte order is DynamoDB's order.
 */
package io.jynamo.core.item;
