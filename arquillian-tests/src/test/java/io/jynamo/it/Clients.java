package io.jynamo.it;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;

/**
 * AWS SDK clients configured as a user would point them at Jynamo: endpoint override, region us-east-1, and the
 * suite's administrator's key (the server under test verifies signatures), or another user's.
 */
public final class Clients {
    private Clients() {
    }

    /** The bootstrap administrator's key, as the server under test is configured with it. */
    public static AwsCredentials administrator() {
        return AwsBasicCredentials.create(System.getProperty("jynamo.test.admin.access-key-id"),
                System.getProperty("jynamo.test.admin.secret-access-key"));
    }

    /** The DynamoDB Streams client, pointed at the same endpoint (Jynamo serves both APIs there). */
    public static DynamoDbStreamsClient streams(URI endpoint) {
        return pointedAt(DynamoDbStreamsClient.builder(), endpoint, administrator()).build();
    }

    /** IAM on Jynamo's port; IAM is global, so any region signs (the SDK's own default is aws-global). */
    public static software.amazon.awssdk.services.iam.IamClient iam(URI endpoint, AwsCredentials credentials) {
        return pointedAt(software.amazon.awssdk.services.iam.IamClient.builder(), endpoint, credentials)
                .region(Region.AWS_GLOBAL).build();
    }

    public static software.amazon.awssdk.services.sts.StsClient sts(URI endpoint, AwsCredentials credentials) {
        return pointedAt(software.amazon.awssdk.services.sts.StsClient.builder(), endpoint, credentials).build();
    }

    public static DynamoDbClient dynamoDb(URI endpoint) {
        return dynamoDb(endpoint, administrator());
    }

    public static DynamoDbClient dynamoDb(URI endpoint, AwsCredentials credentials) {
        return pointedAt(DynamoDbClient.builder(), endpoint, credentials).build();
    }

    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B pointedAt(B builder, URI endpoint,
                                                                                           AwsCredentials credentials) {
        return builder.endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                // tests look at errors themselves; retries would only slow them down
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)));
    }
}
