package io.jynamo.core.table;

import io.jynamo.core.item.AttributeType;

/** A declared key attribute type: S, N or B. */
public record AttributeDefinition(String attributeName, AttributeType attributeType) { }
