package io.jynamo.core.table;

public enum TableClass { STANDARD, STANDARD_INFREQUENT_ACCESS }
