package io.jynamo.it;

import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

import java.time.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates uniquely named tables for tests, so that test classes never share state. */
public final class Tables {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    private Tables() {
    }

    public static AttributeDefinition def(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    public static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + RUN + "-" + COUNTER.incrementAndGet();
    }

    /** An on-demand table with a partition key and, when rangeName is not null, a sort key. */
    public static String create(DynamoDbClient ddb, String prefix, String hashName, ScalarAttributeType hashType,
                                String rangeName, ScalarAttributeType rangeType) {
        String name = uniqueName(prefix);
        List<AttributeDefinition> definitions = new ArrayList<>();
        List<KeySchemaElement> keys = new ArrayList<>();
        definitions.add(def(hashName, hashType));
        keys.add(key(hashName, KeyType.HASH));
        if (rangeName != null) {
            definitions.add(def(rangeName, rangeType));
            keys.add(key(rangeName, KeyType.RANGE));
        }
        ddb.createTable(b -> b.tableName(name).attributeDefinitions(definitions).keySchema(keys)
                .billingMode(BillingMode.PAY_PER_REQUEST));
        awaitActive(ddb, name);
        return name;
    }

    /**
     * Waits, as code written for DynamoDB must, until a new table (and every global index it has) is ACTIVE: the SDK's
     * waiter, polling every 50 ms instead of every 20 s.
     */
    public static void awaitActive(DynamoDbClient ddb, String name) {
        eventually(Duration.ofSeconds(60), () -> {
            TableDescription t = ddb.describeTable(b -> b.tableName(name)).table();
            return t.tableStatus() == TableStatus.ACTIVE && (!t.hasGlobalSecondaryIndexes()
                    || t.globalSecondaryIndexes().stream().allMatch(i -> i.indexStatus() == IndexStatus.ACTIVE));
        });
    }

    /** Waits until a deleted table is gone (no longer DELETING), with the SDK's waiter polling every 50 ms. */
    public static void awaitGone(DynamoDbClient ddb, String name) {
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(ddb).overrideConfiguration(o -> o
                .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(50)))
                .waitTimeout(Duration.ofSeconds(30))).build()) {
            waiter.waitUntilTableNotExists(b -> b.tableName(name));
        }
    }

    /**
     * Waits until DescribeTable reports {@code count} items: counts are measured by a job (every six hours by
     * default, every few seconds in the suite's server), as DynamoDB refreshes them.
     */
    public static TableDescription awaitItemCount(DynamoDbClient ddb, String name, long count) {
        TableDescription[] last = new TableDescription[1];
        eventually(Duration.ofSeconds(60), () -> {
            last[0] = ddb.describeTable(b -> b.tableName(name)).table();
            return last[0].itemCount() == count;
        });
        return last[0];
    }

    /** Polls {@code condition} every 50 ms until it holds; fails the test after {@code timeout}. */
    public static void eventually(Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** The CreateTable request for an on-demand table keyed by the string "pk". */
    public static CreateTableRequest hashOnlyRequest(String name) {
        return CreateTableRequest.builder().tableName(name)
                .attributeDefinitions(def("pk", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .build();
    }

    public static String createHashOnly(DynamoDbClient ddb, String prefix) {
        return create(ddb, prefix, "pk", ScalarAttributeType.S, null, null);
    }

    public static String createComposite(DynamoDbClient ddb, String prefix) {
        return create(ddb, prefix, "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.S);
    }
}
