package io.jynamo.core.table;

public enum BillingMode { PROVISIONED, PAY_PER_REQUEST }
