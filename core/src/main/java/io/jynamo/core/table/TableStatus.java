package io.jynamo.core.table;

public enum TableStatus { CREATING, UPDATING, DELETING, ACTIVE }
