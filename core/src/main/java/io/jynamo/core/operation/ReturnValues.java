package io.jynamo.core.operation;

/** Which item image a write returns. */
public enum ReturnValues { NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW }
