package io.jynamo.ejb.storage;

import io.jynamo.core.item.AttributeValue;

import java.util.Map;

/** An item as read by a Query or Scan, with its stored size (DynamoDB's measure) for page limits and capacity. */
public record StoredRow(Map<String, AttributeValue> item, int size) { }
