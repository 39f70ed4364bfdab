package io.jynamo.core.table;

public record ProvisionedThroughput(long readCapacityUnits, long writeCapacityUnits) { }
