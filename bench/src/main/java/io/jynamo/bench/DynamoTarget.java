package io.jynamo.bench;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

/** A DynamoDB-compatible endpoint (Jynamo, dynalite) driven through the AWS SDK's async client. */
final class DynamoTarget implements Target {
    static final String TABLE = "bench_usertable";

    private final String name;
    private final DynamoDbAsyncClient client;
    /** The view type of a stream on the table; null for none. */
    private final String streamViewType;

    DynamoTarget(String name, URI endpoint, int concurrency, String streamViewType) {
        this.name = name;
        this.streamViewType = streamViewType;
        this.client = DynamoDbAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials()))
                .httpClient(NettyNioAsyncHttpClient.builder().maxConcurrency(concurrency * 2)
                        .connectionAcquisitionTimeout(Duration.ofSeconds(60)).build())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
                // complete futures on the Netty thread that read the response: no hand-off to another pool
                .asyncConfiguration(c -> c.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR,
                        Runnable::run))
                .build();
    }

    /**
     * The key requests are signed with: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (Jynamo verifies signatures: its
     * administrator's key), else any (dynalite checks none).
     */
    static AwsBasicCredentials credentials() {
        String id = System.getenv("AWS_ACCESS_KEY_ID");
        String secret = System.getenv("AWS_SECRET_ACCESS_KEY");
        return id == null || secret == null ? AwsBasicCredentials.create("bench", "bench")
                : AwsBasicCredentials.create(id, secret);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void load(int items, int concurrency) throws Exception {
        try {
            client.deleteTable(b -> b.tableName(TABLE)).join();
            client.waiter().waitUntilTableNotExists(b -> b.tableName(TABLE)).join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof ResourceNotFoundException)) {
                throw e;
            }
        }
        client.createTable(b -> b.tableName(TABLE)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.N).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                // the table class to measure (bench/compare-raw.sh's TABLE_CLASS); DynamoDB's default otherwise
                .tableClass(System.getProperty("jynamo.bench.table-class"))
                .streamSpecification(streamViewType == null ? null
                        : StreamSpecification.builder().streamEnabled(true).streamViewType(streamViewType).build()))
                .join();
        client.waiter().waitUntilTableExists(b -> b.tableName(TABLE)).join();
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (int start = 0; start < items; start += 25) {
            List<WriteRequest> batch = new ArrayList<>();
            for (int i = start; i < Math.min(items, start + 25); i++) {
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item(i)).build()).build());
            }
            inFlight.acquire();
            pending.add(writeAll(Map.of(TABLE, batch)).whenComplete((r, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(pending.toArray(new CompletableFuture[0])).join();
    }

    /** Turns point-in-time recovery on for the benchmark's table. */
    public void enablePointInTimeRecovery() {
        client.updateContinuousBackups(b -> b.tableName(TABLE).pointInTimeRecoverySpecification(s -> s
                .pointInTimeRecoveryEnabled(true))).join();
    }

    /** Writes a batch, resending what comes back unprocessed. */
    private CompletableFuture<Void> writeAll(Map<String, List<WriteRequest>> requests) {
        return client.batchWriteItem(b -> b.requestItems(requests)).thenCompose(r ->
                r.hasUnprocessedItems() && !r.unprocessedItems().isEmpty()
                        ? writeAll(r.unprocessedItems()) : CompletableFuture.<Void>completedFuture(null));
    }

    static Map<String, AttributeValue> key(int item) {
        return Map.of("pk", AttributeValue.fromS("p" + item / PARTITION),
                "sk", AttributeValue.fromN(Integer.toString(item % PARTITION)));
    }

    static Map<String, AttributeValue> item(int item) {
        Map<String, AttributeValue> values = new HashMap<>(key(item));
        for (int f = 0; f < FIELDS; f++) {
            values.put("field" + f, AttributeValue.fromS(Target.field(item, f)));
        }
        return values;
    }

    @Override
    public CompletableFuture<?> get(int item) {
        return client.getItem(b -> b.tableName(TABLE).key(key(item)));
    }

    @Override
    public CompletableFuture<?> update(int item, String value) {
        return client.updateItem(b -> b.tableName(TABLE).key(key(item)).updateExpression("SET field0 = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value))));
    }

    @Override
    public CompletableFuture<?> put(int item) {
        return client.putItem(b -> b.tableName(TABLE).item(item(item)));
    }

    @Override
    public CompletableFuture<?> query(int partition) {
        return client.query(b -> b.tableName(TABLE).keyConditionExpression("pk = :p").limit(25)
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("p" + partition))));
    }

    @Override
    public CompletableFuture<?> updateTwo(int first, int second, String value) {
        Map<String, AttributeValue> values = Map.of(":v", AttributeValue.fromS(value));
        return client.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().update(u -> u.tableName(TABLE).key(key(first))
                        .updateExpression("SET field0 = :v").expressionAttributeValues(values)).build(),
                TransactWriteItem.builder().update(u -> u.tableName(TABLE).key(key(second))
                        .updateExpression("SET field0 = :v").expressionAttributeValues(values)).build()));
    }

    @Override
    public void close() {
        client.close();
    }
}
