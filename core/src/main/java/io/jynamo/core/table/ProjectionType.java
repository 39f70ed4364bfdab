package io.jynamo.core.table;

/** Which attributes a secondary index holds besides the keys. */
public enum ProjectionType { ALL, KEYS_ONLY, INCLUDE }
