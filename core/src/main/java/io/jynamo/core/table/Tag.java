package io.jynamo.core.table;

public record Tag(String key, String value) { }
