package io.jynamo.core.table;

public record KeySchemaElement(String attributeName, KeyType keyType) { }
