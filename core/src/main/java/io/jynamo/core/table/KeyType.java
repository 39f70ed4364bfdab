package io.jynamo.core.table;

/** The role of a key attribute: partition (HASH) or sort (RANGE) key. */
public enum KeyType { HASH, RANGE }
