package io.jynamo.core.table;

import io.jynamo.core.item.AttributeType;

/** A key attribute of a table or index: its name and declared scalar type. */
public record KeyAttribute(String name, AttributeType type) { }
