package io.jynamo.it;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates uniquely named tables for tests, so that test classes never share state. */
public final class Tables {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    private Tables() {
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
        definitions.add(AttributeDefinition.builder().attributeName(hashName).attributeType(hashType).build());
        keys.add(KeySchemaElement.builder().attributeName(hashName).keyType(KeyType.HASH).build());
        if (rangeName != null) {
            definitions.add(AttributeDefinition.builder().attributeName(rangeName).attributeType(rangeType).build());
            keys.add(KeySchemaElement.builder().attributeName(rangeName).keyType(KeyType.RANGE).build());
        }
        ddb.createTable(b -> b.tableName(name).attributeDefinitions(definitions).keySchema(keys)
                .billingMode(BillingMode.PAY_PER_REQUEST));
        return name;
    }

    /** The CreateTable request for an on-demand table keyed by the string "pk". */
    public static CreateTableRequest hashOnlyRequest(String name) {
        return CreateTableRequest.builder().tableName(name)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
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
