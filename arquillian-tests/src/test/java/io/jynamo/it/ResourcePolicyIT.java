package io.jynamo.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetResourcePolicyResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.iam.IamClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Resource-based policies of tables and streams through the SDK's DynamoDbClient: PutResourcePolicy,
 * GetResourcePolicy and DeleteResourcePolicy with DynamoDB's revisions and errors, CreateTable's ResourcePolicy, and
 * what the policies decide: a grant to a user who has no policy of its own, a table's policy over its indexes, an
 * explicit deny that stops even the administrator (who, like the root user, can still delete the policy), and the
 * guard against a caller locking itself out. The suite's server lets a policy change again after one second
 * (DynamoDB: fifteen).
 */
class ResourcePolicyIT extends JynamoIT {
    private static final String ACCOUNT = "000000000000";
    private static final String NOT_FOUND = "Resource-based policy not found for the provided ResourceArn: ";
    private IamClient iam;
    private String table;
    private String arn;

    @BeforeEach
    void setUp() {
        iam = Clients.iam(endpoint, Clients.administrator());
        table = Tables.uniqueName("policed");
        ddb.createTable(Tables.hashOnlyRequest(table).toBuilder()
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                                .attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("year").attributeType(ScalarAttributeType.N).build())
                .globalSecondaryIndexes(g -> g.indexName("byYear").keySchema(k -> k.attributeName("year")
                        .keyType(KeyType.HASH)).projection(p -> p.projectionType(ProjectionType.ALL)))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)).build());
        Tables.awaitActive(ddb, table);
        arn = "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/" + table;
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s("a"), "year", AttributeValue.fromN("2015"))));
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static String userArn(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":user/" + name;
    }

    private static String policy(String effect, String principal, String actions, String resources) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Principal\":{\"AWS\":\""
                + principal + "\"},\"Action\":" + actions + ",\"Resource\":" + resources + "}]}";
    }

    private static void assertError(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    /** Lets the suite's one-second interval between changes of one policy pass. */
    private static void afterChangeInterval() {
        try {
            Thread.sleep(1_100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aPolicyIsPutReadAndDeletedByRevision() {
        String given = "{ \"Version\": \"2012-10-17\", \"Statement\": [ { \"Effect\": \"Allow\", \"Principal\": { \"AWS\":"
                + " \"" + ACCOUNT + "\" }, \"Action\": [ \"dynamodb:GetItem\" ], \"Resource\": \"" + arn + "\" } ] }";
        long before = System.currentTimeMillis();
        String revision = ddb.putResourcePolicy(b -> b.resourceArn(arn).policy(given)).revisionId();
        assertThat(Long.parseLong(revision)).isBetween(before, System.currentTimeMillis());
        GetResourcePolicyResponse read = ddb.getResourcePolicy(b -> b.resourceArn(arn));
        assertThat(read.revisionId()).isEqualTo(revision);
        assertThat(read.policy()).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":root\"},\"Action\":\"dynamodb:GetItem\","
                + "\"Resource\":\"" + arn + "\"}]}");
        // the same document again changes nothing, not even within the interval
        assertThat(ddb.putResourcePolicy(b -> b.resourceArn(arn).policy(read.policy())).revisionId())
                .isEqualTo(revision);

        String other = policy("Allow", "arn:aws:iam::" + ACCOUNT + ":root", "\"dynamodb:Query\"", "\"" + arn + "\"");
        assertError(() -> ddb.putResourcePolicy(b -> b.resourceArn(arn).policy(other)), "ThrottlingException",
                "Resource-based policy for table " + table + " modified within the previous 1000 milliseconds. Please "
                        + "try again after " + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                        .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.ofEpochMilli(Long.parseLong(revision)
                                + 1000)) + ".");
        afterChangeInterval();
        assertError(() -> ddb.putResourcePolicy(b -> b.resourceArn(arn).policy(other).expectedRevisionId("123")),
                "PolicyNotFoundException", NOT_FOUND + "Requested update for policy with revision id 123, but the "
                        + "policy associated to target table " + table + " has revision id " + revision + ".");
        assertError(() -> ddb.putResourcePolicy(b -> b.resourceArn(arn).policy(other).expectedRevisionId("NO_POLICY")),
                "PolicyNotFoundException", NOT_FOUND + "Requested policy update expecting none to be present for table "
                        + table + ", but a policy exists with revision id " + revision + ".");
        String second = ddb.putResourcePolicy(b -> b.resourceArn(arn).policy(other).expectedRevisionId(revision))
                .revisionId();
        assertThat(Long.parseLong(second)).isGreaterThan(Long.parseLong(revision));

        afterChangeInterval();
        String deleted = ddb.deleteResourcePolicy(b -> b.resourceArn(arn).expectedRevisionId(second)).revisionId();
        assertThat(Long.parseLong(deleted)).isGreaterThan(Long.parseLong(second));
        assertError(() -> ddb.getResourcePolicy(b -> b.resourceArn(arn)), "PolicyNotFoundException", NOT_FOUND + arn);
        // deleting no policy is no error; it answers the last deletion's revision
        assertThat(ddb.deleteResourcePolicy(b -> b.resourceArn(arn)).revisionId()).isEqualTo(deleted);
        assertError(() -> ddb.deleteResourcePolicy(b -> b.resourceArn(arn).expectedRevisionId(deleted)),
                "PolicyNotFoundException", NOT_FOUND + "Requested update for policy with revision id " + deleted
                        + ", but table " + table + " has no associated policy.");
        afterChangeInterval();
        assertThat(ddb.putResourcePolicy(b -> b.resourceArn(arn).policy(other).expectedRevisionId("NO_POLICY"))
                .revisionId()).isNotNull();
    }

    @Test
    void requestsAreCheckedAsDynamoDbChecksThem() {
        String valid = policy("Allow", "arn:aws:iam::" + ACCOUNT + ":root", "\"dynamodb:GetItem\"", "\"" + arn + "\"");
        assertError(() -> ddb.putResourcePolicy(b -> b.resourceArn(arn + "/index/byYear").policy(valid)),
                "ValidationException", "One or more parameter values were invalid: Invalid resource arn provided, only "
                        + "table or stream is accepted. Provided resource arn: " + arn + "/index/byYear");
        String missing = "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/" + Tables.uniqueName("none");
        assertError(() -> ddb.putResourcePolicy(b -> b.resourceArn(missing).policy(valid)), "ResourceNotFoundException",
                "Requested resource not found: Table: " + missing.substring(missing.indexOf('/') + 1) + " not found");
        assertError(() -> ddb.getResourcePolicy(b -> b.resourceArn(arn)), "PolicyNotFoundException", NOT_FOUND + arn);
        assertError(() -> ddb.putResourcePolicy(b -> b.resourceArn(arn).policy(policy("Allow", userArn("no-such-user"),
                "\"dynamodb:GetItem\"", "\"" + arn + "\""))), "ValidationException",
                "One or more parameter values were invalid: Invalid principal in policy document.");
        assertError(() -> ddb.putResourcePolicy(b -> b.resourceArn(arn).policy("{\"Version\":\"2012-10-17\"")),
                "ValidationException", "One or more parameter values were invalid: Invalid policy document: This "
                        + "policy contains invalid Json");
        assertError(() -> ddb.putResourcePolicy(b -> b.resourceArn(arn).policy(policy("Allow", "*",
                "\"dynamodb:GetItem\"", "\"" + arn + "\""))), "ValidationException", "Resource-based policy grants "
                + "unbounded access in one or more elements. Please revise the policy to ensure least-privilege form "
                + "of access");
        String stream = ddb.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        assertError(() -> ddb.getResourcePolicy(b -> b.resourceArn(arn + "/stream/2000-01-01T00:00:00.000")),
                "ResourceNotFoundException", "Requested resource not found: Stream: 2000-01-01T00:00:00.000 not found "
                        + "for Table: " + table);
        assertError(() -> ddb.getResourcePolicy(b -> b.resourceArn(stream)), "PolicyNotFoundException",
                NOT_FOUND + stream);
    }

    @Test
    void aPolicyNamingAUserGrantsWhatItsOwnPoliciesDoNot() {
        AwsCredentials grace = Users.withPolicy(iam, "grace", null);
        String graceArn = userArn(Users.nameOf(iam, grace));
        ddb.putResourcePolicy(b -> b.resourceArn(arn).policy(policy("Allow", graceArn,
                "[\"dynamodb:GetItem\",\"dynamodb:Query\"]", "[\"" + arn + "\",\"" + arn + "/index/*\"]")));
        DynamoDbClient client = Clients.dynamoDb(endpoint, grace);
        assertThat(client.getItem(b -> b.tableName(table).key(Map.of("pk", s("a")))).item()).containsKey("year");
        assertThat(client.query(b -> b.tableName(table).indexName("byYear").keyConditionExpression("#y = :y")
                .expressionAttributeNames(Map.of("#y", "year"))
                .expressionAttributeValues(Map.of(":y", AttributeValue.fromN("2015")))).count()).isEqualTo(1);
        assertError(() -> client.putItem(b -> b.tableName(table).item(Map.of("pk", s("b")))), "AccessDeniedException",
                "User: " + graceArn + " is not authorized to perform: dynamodb:PutItem on resource: " + arn
                        + " because no identity-based policy allows the dynamodb:PutItem action");
        assertError(() -> client.scan(b -> b.tableName(table)), "AccessDeniedException", "User: " + graceArn
                + " is not authorized to perform: dynamodb:Scan on resource: " + arn + " because no identity-based "
                + "policy allows the dynamodb:Scan action");
    }

    @Test
    void anExplicitDenyStopsEvenTheAdministratorWhoMayStillDeleteThePolicy() {
        String admin = userArn("admin");
        ddb.putResourcePolicy(b -> b.resourceArn(arn).policy(policy("Deny", "arn:aws:iam::" + ACCOUNT + ":root",
                "[\"dynamodb:DeleteTable\",\"dynamodb:DeleteResourcePolicy\"]", "\"" + arn + "\"")));
        assertError(() -> ddb.deleteTable(b -> b.tableName(table)), "AccessDeniedException", "User: " + admin
                + " is not authorized to perform: dynamodb:DeleteTable on resource: " + arn + " with an explicit deny "
                + "in a resource-based policy");
        ddb.getItem(b -> b.tableName(table).key(Map.of("pk", s("a"))));
        afterChangeInterval();
        // the administrator plays the account's root user, whom no policy keeps from deleting it
        ddb.deleteResourcePolicy(b -> b.resourceArn(arn));
        ddb.deleteTable(b -> b.tableName(table));
    }

    @Test
    void aCallerCannotLockItselfOutUnlessItConfirmsIt() {
        String denyAll = policy("Deny", "arn:aws:iam::" + ACCOUNT + ":root", "\"dynamodb:*\"", "\"" + arn + "\"");
        assertError(() -> ddb.putResourcePolicy(b -> b.resourceArn(arn).policy(denyAll)), "AccessDeniedException",
                "The new resource policy will not allow you to update the resource policy in the future.");
        assertError(() -> ddb.getResourcePolicy(b -> b.resourceArn(arn)), "PolicyNotFoundException", NOT_FOUND + arn);
        ddb.putResourcePolicy(b -> b.resourceArn(arn).policy(denyAll).confirmRemoveSelfResourceAccess(true));
        afterChangeInterval();
        assertError(() -> ddb.putResourcePolicy(b -> b.resourceArn(arn).policy(denyAll.replace("Deny", "Allow"))),
                "AccessDeniedException", "User: " + userArn("admin") + " is not authorized to perform: "
                        + "dynamodb:PutResourcePolicy on resource: " + arn + " with an explicit deny in a resource-based "
                        + "policy");
        ddb.deleteResourcePolicy(b -> b.resourceArn(arn));
        ddb.getItem(b -> b.tableName(table).key(Map.of("pk", s("a"))));
    }

    @Test
    void aTableMadeWithAPolicyHasItFromItsCreation() {
        AwsCredentials heidi = Users.withPolicy(iam, "heidi", null);
        String heidiArn = userArn(Users.nameOf(iam, heidi));
        String name = Tables.uniqueName("born");
        String tableArn = "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/" + name;
        long before = System.currentTimeMillis();
        ddb.createTable(Tables.hashOnlyRequest(name).toBuilder().resourcePolicy(policy("Allow", heidiArn,
                "\"dynamodb:PutItem\"", "\"" + tableArn + "\"")).build());
        Tables.awaitActive(ddb, name);
        GetResourcePolicyResponse read = ddb.getResourcePolicy(b -> b.resourceArn(tableArn));
        assertThat(Long.parseLong(read.revisionId())).isBetween(before, System.currentTimeMillis());
        Clients.dynamoDb(endpoint, heidi).putItem(b -> b.tableName(name).item(Map.of("pk", s("x"))));
        // a user who may create tables but not give them policies cannot make one with a policy
        AwsCredentials ivan = Users.withPolicy(iam, "ivan", Users.allow("\"dynamodb:CreateTable\"", "\"*\""));
        String other = Tables.uniqueName("born");
        assertError(() -> Clients.dynamoDb(endpoint, ivan).createTable(Tables.hashOnlyRequest(other).toBuilder()
                .resourcePolicy(policy("Allow", heidiArn, "\"dynamodb:GetItem\"", "\"*\"")).build()),
                "AccessDeniedException", "User: " + userArn(Users.nameOf(iam, ivan)) + " is not authorized to perform: "
                        + "dynamodb:PutResourcePolicy on resource: arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/"
                        + other + " because no identity-based policy allows the dynamodb:PutResourcePolicy action");
        // the table deleted, its policy goes with it: a new table of the name has none
        ddb.deleteTable(b -> b.tableName(name));
        Tables.awaitGone(ddb, name);
        ddb.createTable(Tables.hashOnlyRequest(name));
        Tables.awaitActive(ddb, name);
        assertError(() -> ddb.getResourcePolicy(b -> b.resourceArn(tableArn)), "PolicyNotFoundException",
                NOT_FOUND + tableArn);
        assertError(() -> Clients.dynamoDb(endpoint, heidi).putItem(b -> b.tableName(name).item(Map.of("pk", s("y")))),
                "AccessDeniedException", "User: " + heidiArn + " is not authorized to perform: dynamodb:PutItem on "
                        + "resource: " + tableArn + " because no identity-based policy allows the dynamodb:PutItem action");
    }

    @Test
    void aStreamHasAPolicyOfItsOwn() {
        AwsCredentials judy = Users.withPolicy(iam, "judy", null);
        String judyArn = userArn(Users.nameOf(iam, judy));
        String stream = ddb.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        ddb.putResourcePolicy(b -> b.resourceArn(stream).policy(policy("Allow", judyArn,
                "[\"dynamodb:DescribeStream\",\"dynamodb:GetShardIterator\",\"dynamodb:GetRecords\"]",
                "\"" + stream + "\"")));
        assertThat(ddb.getResourcePolicy(b -> b.resourceArn(stream)).policy()).contains(judyArn);
        assertError(() -> ddb.getResourcePolicy(b -> b.resourceArn(arn)), "PolicyNotFoundException", NOT_FOUND + arn);
        DynamoDbStreamsClient streams = Clients.pointedAt(DynamoDbStreamsClient.builder(), endpoint, judy).build();
        String shard = streams.describeStream(b -> b.streamArn(stream)).streamDescription().shards().get(0).shardId();
        String iterator = streams.getShardIterator(b -> b.streamArn(stream).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        assertThat(streams.getRecords(b -> b.shardIterator(iterator)).records()).hasSize(1);
        // the stream's policy is not the table's
        assertError(() -> Clients.dynamoDb(endpoint, judy).getItem(b -> b.tableName(table).key(Map.of("pk", s("a")))),
                "AccessDeniedException", "User: " + judyArn + " is not authorized to perform: dynamodb:GetItem on "
                        + "resource: " + arn + " because no identity-based policy allows the dynamodb:GetItem action");
    }
}
