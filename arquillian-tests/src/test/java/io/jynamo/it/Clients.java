package io.jynamo.it;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;

/** AWS SDK clients configured as a user would point them at Jynamo: endpoint override, any credentials. */
public final class Clients {
    private Clients() {
    }

    /** The DynamoDB Streams client, pointed at the same endpoint (Jynamo serves both APIs there). */
    public static DynamoDbStreamsClient streams(URI endpoint) {
        return pointedAt(DynamoDbStreamsClient.builder(), endpoint).build();
    }

    public static DynamoDbClient dynamoDb(URI endpoint) {
        return pointedAt(DynamoDbClient.builder(), endpoint).build();
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B pointedAt(B builder,
                                                                                                    URI endpoint) {
        return builder.endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                // tests look at errors themselves; retries would only slow them down
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)));
    }
}
