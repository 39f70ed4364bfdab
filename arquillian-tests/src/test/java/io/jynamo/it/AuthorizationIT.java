package io.jynamo.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.iam.IamClient;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The policy matrix: users made through IAM with policies of their own, calling DynamoDB through the SDK, each
 * allowed exactly what its policies allow (actions with wildcards and NotAction, resources, explicit denies, groups,
 * managed policies, and the fine-grained keys of DynamoDB's guide), refused otherwise with DynamoDB's
 * AccessDeniedException, every refusal in the audit log.
 */
class AuthorizationIT extends JynamoIT {
    private IamClient iam;
    private String table;
    private String arn;

    @BeforeEach
    void setUp() {
        iam = Clients.iam(endpoint, Clients.administrator());
        table = Tables.createComposite(ddb, "authz");
        arn = "arn:aws:dynamodb:us-east-1:000000000000:table/" + table;
        for (String pk : new String[] {"alice", "bob"}) {
            ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s(pk), "sk", s("1"), "secret", s("x"),
                    "score", AttributeValue.fromN("10"))));
        }
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private DynamoDbClient as(AwsCredentials credentials) {
        return Clients.dynamoDb(endpoint, credentials);
    }

    private Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", s(pk), "sk", s("1"));
    }

    private static void assertDenied(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    private static void assertDenied(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DynamoDbException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
    }

    @Test
    void aUserMayDoWhatItsPolicyAllowsAndNothingElse() {
        AwsCredentials reader = Users.withPolicy(iam, "reader", Users.allow("\"dynamodb:GetItem\"", "\"" + arn + "\""));
        String user = Users.nameOf(iam, reader);
        DynamoDbClient client = as(reader);
        assertThat(client.getItem(b -> b.tableName(table).key(key("alice"))).item()).containsKey("secret");
        assertDenied(() -> client.putItem(b -> b.tableName(table).item(key("carol"))), "User: arn:aws:iam::000000000000"
                + ":user/" + user + " is not authorized to perform: dynamodb:PutItem on resource: " + arn + " because no "
                + "identity-based policy allows the dynamodb:PutItem action");
        assertDenied(client::listTables, "User: arn:aws:iam::000000000000:user/" + user + " is not authorized to "
                + "perform: dynamodb:ListTables on resource: * because no identity-based policy allows the "
                + "dynamodb:ListTables action");
        // a table it may not read, even one that does not exist, is denied before it is looked for
        assertDenied(() -> client.getItem(b -> b.tableName("nosuchtable").key(key("alice"))));
        assertThat(ddb.getItem(b -> b.tableName(table).key(key("carol"))).hasItem()).isFalse();
    }

    @Test
    void anExplicitDenyWinsAndActionsArePatterns() {
        AwsCredentials writer = Users.withPolicy(iam, "writer", "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*Item\",\"Resource\":\"arn:aws:dynamodb:*:*:table/authz*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"dynamodb:Delete*\",\"Resource\":\"*\"}]}");
        String user = Users.nameOf(iam, writer);
        DynamoDbClient client = as(writer);
        client.putItem(b -> b.tableName(table).item(key("carol")));
        client.updateItem(b -> b.tableName(table).key(key("carol")).updateExpression("SET n = :n")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("1"))));
        assertDenied(() -> client.deleteItem(b -> b.tableName(table).key(key("carol"))), "User: arn:aws:iam::"
                + "000000000000:user/" + user + " is not authorized to perform: dynamodb:DeleteItem on resource: " + arn
                + " with an explicit deny in an identity-based policy");
        assertDenied(() -> client.scan(b -> b.tableName(table)));
        assertThat(ddb.getItem(b -> b.tableName(table).key(key("carol"))).item()).containsKey("n");
    }

    @Test
    void notActionAllowsEverythingElse() {
        AwsCredentials user = Users.withPolicy(iam, "notaction", "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"NotAction\":[\"dynamodb:Delete*\",\"iam:*\"],\"Resource\":\"*\"}]}");
        DynamoDbClient client = as(user);
        assertThat(client.listTables().tableNames()).contains(table);
        assertDenied(() -> client.deleteTable(b -> b.tableName(table)));
        assertThat(ddb.describeTable(b -> b.tableName(table)).table().tableName()).isEqualTo(table);
    }

    @Test
    void groupsAndManagedPoliciesGrantTheirMembers() {
        AwsCredentials member = Users.withPolicy(iam, "member", null);
        String user = Users.nameOf(iam, member);
        DynamoDbClient client = as(member);
        assertDenied(() -> client.getItem(b -> b.tableName(table).key(key("alice"))));
        String group = Tables.uniqueName("readers");
        iam.createGroup(b -> b.groupName(group));
        iam.putGroupPolicy(b -> b.groupName(group).policyName("read").policyDocument(
                Users.allow("\"dynamodb:GetItem\"", "\"*\"")));
        iam.addUserToGroup(b -> b.groupName(group).userName(user));
        Tables.eventually(java.time.Duration.ofSeconds(10), () -> {
            try {
                return client.getItem(b -> b.tableName(table).key(key("alice"))).hasItem();
            } catch (DynamoDbException notYet) {
                return false;
            }
        });
        String policyArn = iam.createPolicy(b -> b.policyName(Tables.uniqueName("query")).policyDocument(
                Users.allow("\"dynamodb:Query\"", "\"*\""))).policy().arn();
        iam.attachUserPolicy(b -> b.userName(user).policyArn(policyArn));
        Tables.eventually(java.time.Duration.ofSeconds(10), () -> {
            try {
                return client.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("alice")))).count() == 1;
            } catch (DynamoDbException notYet) {
                return false;
            }
        });
    }

    /** DynamoDB's guide: each user sees the items of its own partition only. */
    @Test
    void leadingKeysKeepUsersToTheirOwnPartition() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":["
                + "\"dynamodb:GetItem\",\"dynamodb:Query\",\"dynamodb:BatchGetItem\",\"dynamodb:PutItem\","
                + "\"dynamodb:UpdateItem\"],\"Resource\":\"" + arn + "\",\"Condition\":{\"ForAllValues:StringEquals\":"
                + "{\"dynamodb:LeadingKeys\":[\"${aws:username}\"]}}}]}";
        String name = Tables.uniqueName("alice");
        iam.createUser(b -> b.userName(name));
        iam.putUserPolicy(b -> b.userName(name).policyName("own").policyDocument(policy));
        var key = iam.createAccessKey(b -> b.userName(name)).accessKey();
        DynamoDbClient client = as(software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                key.accessKeyId(), key.secretAccessKey()));
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s(name), "sk", s("1"))));

        assertThat(client.getItem(b -> b.tableName(table).key(key(name))).hasItem()).isTrue();
        assertDenied(() -> client.getItem(b -> b.tableName(table).key(key("bob"))));
        assertThat(client.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s(name)))).count()).isEqualTo(1);
        assertDenied(() -> client.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("bob")))));
        assertThat(client.batchGetItem(b -> b.requestItems(Map.of(table, KeysAndAttributes.builder()
                .keys(key(name)).build()))).responses().get(table)).hasSize(1);
        assertDenied(() -> client.batchGetItem(b -> b.requestItems(Map.of(table, KeysAndAttributes.builder()
                .keys(key(name), key("bob")).build()))));
        // a transaction's every item must be allowed: the one of another partition cancels nothing, it is refused
        assertDenied(() -> client.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(key(name))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(key("bob"))).build())));
        client.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(key(name)).updateExpression("SET n = :n").expressionAttributeValues(Map.of(":n",
                        AttributeValue.fromN("2")))).build()));
        assertThat(ddb.getItem(b -> b.tableName(table).key(key("bob"))).item()).doesNotContainKey("n");
    }

    /** DynamoDB's guide: reads of some attributes only, with a projection that names them. */
    @Test
    void attributesAndSelectLimitWhatMayBeRead() {
        AwsCredentials limited = Users.withPolicy(iam, "attrs", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Action\":[\"dynamodb:GetItem\",\"dynamodb:Query\"],\"Resource\":\"" + arn + "\","
                + "\"Condition\":{\"ForAllValues:StringEquals\":{\"dynamodb:Attributes\":[\"pk\",\"sk\",\"score\"]},"
                + "\"StringEqualsIfExists\":{\"dynamodb:Select\":\"SPECIFIC_ATTRIBUTES\"}}}]}");
        DynamoDbClient client = as(limited);
        assertThat(client.getItem(b -> b.tableName(table).key(key("alice")).projectionExpression("score")).item())
                .containsOnlyKeys("score");
        // without a projection the read would return every attribute: Select is ALL_ATTRIBUTES, not allowed
        assertDenied(() -> client.getItem(b -> b.tableName(table).key(key("alice"))));
        assertDenied(() -> client.getItem(b -> b.tableName(table).key(key("alice")).projectionExpression("secret")));
        assertThat(client.query(b -> b.tableName(table).keyConditionExpression("pk = :p").projectionExpression("score")
                .expressionAttributeValues(Map.of(":p", s("alice")))).items()).containsExactly(Map.of("score",
                AttributeValue.fromN("10")));
    }

    @Test
    void everyRefusalIsInTheAuditLog() throws Exception {
        AwsCredentials nobody = Users.withPolicy(iam, "nobody", null);
        String user = Users.nameOf(iam, nobody);
        assertDenied(() -> as(nobody).deleteItem(b -> b.tableName(table).key(key("alice"))));
        try (Connection c = TestDatabase.connect(); PreparedStatement ps = c.prepareStatement("SELECT action, resource,"
                + " outcome, access_key_id, source_ip, request_id FROM audit_event WHERE principal = ?"
                + " AND outcome = 'Denied'")) {
            ps.setString(1, "arn:aws:iam::000000000000:user/" + user);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("dynamodb:DeleteItem");
                assertThat(rs.getString(2)).isEqualTo(arn);
                assertThat(rs.getString(3)).isEqualTo("Denied");
                assertThat(rs.getString(4)).isEqualTo(nobody.accessKeyId());
                assertThat(rs.getString(5)).isNotBlank();
                assertThat(rs.getString(6)).hasSize(52);
                assertThat(rs.next()).isFalse();
            }
        }
        // and it cannot be changed
        try (Connection c = TestDatabase.connect(); java.sql.Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("UPDATE audit_event SET outcome = 'Allowed' WHERE principal = "
                    + "'arn:aws:iam::000000000000:user/" + user + "'")).hasMessageContaining("append-only");
        }
        assertThat(ddb.getItem(b -> b.tableName(table).key(key("alice"))).hasItem()).isTrue();
    }
}
