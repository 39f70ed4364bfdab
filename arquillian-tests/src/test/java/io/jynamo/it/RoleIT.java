package io.jynamo.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Roles through IAM, assumed through STS with the SDK's StsClient, and their sessions calling DynamoDB: who may assume
 * a role (its trust policy, and for a trust in the account the caller's own policies), what a session may do (the
 * role's policies within the session policy), how long (MaxSessionDuration, the one-hour limit of role chaining), with
 * IAM's and STS's errors and DynamoDB's AccessDeniedException naming the session.
 */
class RoleIT extends JynamoIT {
    private static final String ACCOUNT = "000000000000";
    private IamClient iam;
    private String table;
    private String tableArn;

    @BeforeEach
    void setUp() {
        iam = Clients.iam(endpoint, Clients.administrator());
        table = Tables.createHashOnly(ddb, "roles");
        tableArn = "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/" + table;
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("a"))));
    }

    private static String trust(String principal) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + principal
                + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    private static String userArn(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":user/" + name;
    }

    private String role(String prefix, String trustPolicy, String permissions) {
        String name = Tables.uniqueName(prefix);
        iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trustPolicy));
        if (permissions != null) {
            iam.putRolePolicy(b -> b.roleName(name).policyName("permissions").policyDocument(permissions));
        }
        return name;
    }

    private static String roleArn(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }

    private AssumeRoleResponse assume(AwsCredentials as, String role, Consumer<AssumeRoleRequest.Builder> more) {
        return Clients.sts(endpoint, as).assumeRole(b -> {
            b.roleArn(roleArn(role)).roleSessionName("session-1");
            more.accept(b);
        });
    }

    private static AwsSessionCredentials credentials(AssumeRoleResponse r) {
        return AwsSessionCredentials.create(r.credentials().accessKeyId(), r.credentials().secretAccessKey(),
                r.credentials().sessionToken());
    }

    private static void assertIamError(Runnable call, Class<? extends IamException> type, int status, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(type, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    private static void assertStsError(Runnable call, int status, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    private static void assertDenied(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void rolesAreMadeReadChangedAndDeletedThroughIam() {
        String trust = trust("arn:aws:iam::" + ACCOUNT + ":root");
        String name = Tables.uniqueName("Ops");
        Role made = iam.createRole(b -> b.roleName(name).path("/team/").assumeRolePolicyDocument(trust)
                .description("operators")).role();
        assertThat(made.roleId()).startsWith("AROA").hasSize(21);
        assertThat(made.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/team/" + name);
        assertThat(URLDecoder.decode(made.assumeRolePolicyDocument(), StandardCharsets.UTF_8)).isEqualTo(trust);
        assertThat(made.maxSessionDuration()).isNull();
        Role read = iam.getRole(b -> b.roleName(name)).role();
        assertThat(read.maxSessionDuration()).isEqualTo(3600);
        assertThat(read.description()).isEqualTo("operators");
        assertThat(read.roleLastUsed().lastUsedDate()).isNull();
        assertThat(iam.listRoles(b -> b.pathPrefix("/team/")).roles()).extracting(Role::roleName).contains(name);

        iam.updateRole(b -> b.roleName(name).maxSessionDuration(7200));
        assertThat(iam.getRole(b -> b.roleName(name)).role().maxSessionDuration()).isEqualTo(7200);
        String other = trust(userArn("admin"));
        iam.updateAssumeRolePolicy(b -> b.roleName(name).policyDocument(other));
        assertThat(URLDecoder.decode(iam.getRole(b -> b.roleName(name)).role().assumeRolePolicyDocument(),
                StandardCharsets.UTF_8)).isEqualTo(other);

        String read1 = Users.allow("\"dynamodb:GetItem\"", "\"*\"");
        iam.putRolePolicy(b -> b.roleName(name).policyName("read").policyDocument(read1));
        assertThat(iam.listRolePolicies(b -> b.roleName(name)).policyNames()).containsExactly("read");
        assertThat(URLDecoder.decode(iam.getRolePolicy(b -> b.roleName(name).policyName("read")).policyDocument(),
                StandardCharsets.UTF_8)).isEqualTo(read1);
        String managed = iam.createPolicy(b -> b.policyName(Tables.uniqueName("ops")).policyDocument(read1)).policy()
                .arn();
        iam.attachRolePolicy(b -> b.roleName(name).policyArn(managed));
        assertThat(iam.listAttachedRolePolicies(b -> b.roleName(name)).attachedPolicies())
                .extracting(p -> p.policyArn()).containsExactly(managed);

        assertIamError(() -> iam.deleteRole(b -> b.roleName(name)), DeleteConflictException.class, 409,
                "Cannot delete entity, must detach all policies first.");
        iam.detachRolePolicy(b -> b.roleName(name).policyArn(managed));
        assertIamError(() -> iam.deleteRole(b -> b.roleName(name)), DeleteConflictException.class, 409,
                "Cannot delete entity, must delete policies first.");
        iam.deleteRolePolicy(b -> b.roleName(name).policyName("read"));
        assertIamError(() -> iam.getRolePolicy(b -> b.roleName(name).policyName("read")), NoSuchEntityException.class,
                404, "The role policy with name read cannot be found.");
        iam.deleteRole(b -> b.roleName(name));
        assertIamError(() -> iam.getRole(b -> b.roleName(name)), NoSuchEntityException.class, 404,
                "The role with name " + name + " cannot be found.");
    }

    @Test
    void trustPoliciesAndRoleNamesAreCheckedAsIamChecksThem() {
        String name = role("dup", trust(ACCOUNT), null);
        assertIamError(() -> iam.createRole(b -> b.roleName(name.toUpperCase()).assumeRolePolicyDocument(trust(ACCOUNT))),
                EntityAlreadyExistsException.class, 409, "Role with name " + name.toUpperCase() + " already exists.");
        assertIamError(() -> iam.createRole(b -> b.roleName(Tables.uniqueName("r")).assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + ACCOUNT
                        + "\"},\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}")),
                MalformedPolicyDocumentException.class, 400, "Has prohibited field Resource");
        assertIamError(() -> iam.createRole(b -> b.roleName(Tables.uniqueName("r")).assumeRolePolicyDocument(
                trust(userArn("nobody-at-all")))), MalformedPolicyDocumentException.class, 400,
                "Invalid principal in policy: \"AWS\":\"" + userArn("nobody-at-all") + "\"");
        assertIamError(() -> iam.createRole(b -> b.roleName(Tables.uniqueName("r")).assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}]}")),
                MalformedPolicyDocumentException.class, 400, "Invalid principal in policy: com.amazon.balsa.error."
                        + "InvalidPolicyException: The passed in policy has a statement with no principals!");
        assertIamError(() -> iam.createRole(b -> b.roleName(Tables.uniqueName("r")).assumeRolePolicyDocument(
                trust(ACCOUNT)).maxSessionDuration(60)), IamException.class, 400, "1 validation error detected: Value "
                + "'60' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or "
                + "equal to 3600");
        String big = Users.allow("\"dynamodb:GetItem\"", "[" + "\"arn:aws:dynamodb:us-east-1:000000000000:table/x\","
                .repeat(250) + "\"*\"]");
        assertIamError(() -> iam.putRolePolicy(b -> b.roleName(name).policyName("big").policyDocument(big)),
                LimitExceededException.class, 409, "Maximum policy size of 10240 bytes exceeded for role " + name);
    }

    @Test
    void aUserTheTrustPolicyNamesActsWithTheRolesPermissionsAndNothingElse() {
        AwsCredentials alice = Users.withPolicy(iam, "alice", null);
        String aliceName = Users.nameOf(iam, alice);
        String reader = role("Reader", trust(userArn(aliceName)), Users.allow("\"dynamodb:GetItem\"",
                "\"" + tableArn + "\""));
        Instant before = Instant.now().minusSeconds(1);
        AssumeRoleResponse assumed = assume(alice, reader, b -> { });
        assertThat(assumed.credentials().accessKeyId()).startsWith("ASIA");
        assertThat(assumed.credentials().expiration()).isBetween(before.plus(Duration.ofMinutes(59)),
                Instant.now().plus(Duration.ofMinutes(61)));
        String roleId = iam.getRole(b -> b.roleName(reader)).role().roleId();
        assertThat(assumed.assumedRoleUser().assumedRoleId()).isEqualTo(roleId + ":session-1");
        String sessionArn = "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + reader + "/session-1";
        assertThat(assumed.assumedRoleUser().arn()).isEqualTo(sessionArn);
        assertThat(assumed.packedPolicySize()).isNull();

        var me = Clients.sts(endpoint, credentials(assumed)).getCallerIdentity();
        assertThat(me.arn()).isEqualTo(sessionArn);
        assertThat(me.userId()).isEqualTo(roleId + ":session-1");

        DynamoDbClient session = Clients.dynamoDb(endpoint, credentials(assumed));
        assertThat(session.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("a")))).item())
                .containsKey("pk");
        assertDenied(() -> session.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("b")))),
                "User: " + sessionArn + " is not authorized to perform: dynamodb:PutItem on resource: " + tableArn
                        + " because no identity-based policy allows the dynamodb:PutItem action");
        // alice herself has no permission at all
        assertDenied(() -> Clients.dynamoDb(endpoint, alice).getItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("a")))), "User: " + userArn(aliceName) + " is not authorized "
                + "to perform: dynamodb:GetItem on resource: " + tableArn + " because no identity-based policy allows "
                + "the dynamodb:GetItem action");
        assertThat(iam.getRole(b -> b.roleName(reader)).role().roleLastUsed().lastUsedDate()).isNotNull();
        // a role session has no user of its own
        assertThatThrownBy(() -> Clients.iam(endpoint, credentials(assumed)).getUser())
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Must specify userName when calling with non-User credentials");
                });
    }

    @Test
    void aTrustInTheAccountNeedsTheCallersOwnPermissionAndOthersAreRefused() {
        String role = role("Shared", trust("arn:aws:iam::" + ACCOUNT + ":root"), Users.allow("\"dynamodb:GetItem\"",
                "\"*\""));
        AwsCredentials bob = Users.withPolicy(iam, "bob", null);
        assertStsError(() -> assume(bob, role, b -> { }), 403, "AccessDenied", "User: "
                + userArn(Users.nameOf(iam, bob)) + " is not authorized to perform: sts:AssumeRole on resource: "
                + roleArn(role));
        AwsCredentials carol = Users.withPolicy(iam, "carol", Users.allow("\"sts:AssumeRole\"",
                "\"" + roleArn(role) + "\""));
        assertThat(assume(carol, role, b -> { }).credentials().sessionToken()).isNotEmpty();
        // a role that does not exist trusts no one
        assertStsError(() -> assume(carol, "no-such-role", b -> { }), 403, "AccessDenied", "User: "
                + userArn(Users.nameOf(iam, carol)) + " is not authorized to perform: sts:AssumeRole on resource: "
                + roleArn("no-such-role"));
        assertStsError(() -> Clients.sts(endpoint, carol).assumeRole(b -> b.roleArn("nothing-valid-in-here")
                .roleSessionName("s1")), 400, "ValidationError", "nothing-valid-in-here is invalid");
    }

    @Test
    void anExternalIdConditionIsMet() {
        AwsCredentials dave = Users.withPolicy(iam, "dave", null);
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + userArn(Users.nameOf(iam, dave)) + "\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":"
                + "{\"sts:ExternalId\":\"partner-42\"}}}]}";
        String role = role("Partner", trust, null);
        assertStsError(() -> assume(dave, role, b -> { }), 403, "AccessDenied", "User: "
                + userArn(Users.nameOf(iam, dave)) + " is not authorized to perform: sts:AssumeRole on resource: "
                + roleArn(role));
        assertStsError(() -> assume(dave, role, b -> b.externalId("partner-41")), 403, "AccessDenied", "User: "
                + userArn(Users.nameOf(iam, dave)) + " is not authorized to perform: sts:AssumeRole on resource: "
                + roleArn(role));
        assertThat(assume(dave, role, b -> b.externalId("partner-42")).credentials()).isNotNull();
    }

    @Test
    void sessionsAreBoundedByTheirPolicyTheirDurationAndRoleChaining() {
        AwsCredentials erin = Users.withPolicy(iam, "erin", null);
        String erinArn = userArn(Users.nameOf(iam, erin));
        String writer = role("Writer", trust(erinArn), Users.allow("[\"dynamodb:GetItem\",\"dynamodb:PutItem\","
                + "\"sts:AssumeRole\"]", "\"*\""));
        String sessionPolicy = Users.allow("\"dynamodb:GetItem\"", "\"*\"");
        AssumeRoleResponse bounded = assume(erin, writer, b -> b.policy(sessionPolicy));
        assertThat(bounded.packedPolicySize()).isPositive();
        DynamoDbClient session = Clients.dynamoDb(endpoint, credentials(bounded));
        session.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("a"))));
        String sessionArn = "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + writer + "/session-1";
        assertDenied(() -> session.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("c")))),
                "User: " + sessionArn + " is not authorized to perform: dynamodb:PutItem on resource: " + tableArn
                        + " because no session policy allows the dynamodb:PutItem action");
        Clients.dynamoDb(endpoint, credentials(assume(erin, writer, b -> { })))
                .putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("c"))));

        assertStsError(() -> assume(erin, writer, b -> b.durationSeconds(7200)), 400, "ValidationError",
                "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        assertStsError(() -> assume(erin, writer, b -> b.roleSessionName("a:b")), 400, "ValidationError",
                "1 validation error detected: Value 'a:b' at 'roleSessionName' failed to satisfy constraint: Member "
                        + "must satisfy regular expression pattern: [\\w+=,.@-]*");

        // role chaining: a session of Writer assumes Auditor, for an hour at most
        String auditor = role("Auditor", trust(roleArn(writer)), null);
        iam.updateRole(b -> b.roleName(auditor).maxSessionDuration(43_200));
        AwsSessionCredentials writerSession = credentials(assume(erin, writer, b -> { }));
        assertStsError(() -> assume(writerSession, auditor, b -> b.durationSeconds(7200)), 400, "ValidationError",
                "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        assertThat(assume(writerSession, auditor, b -> b.durationSeconds(3600)).assumedRoleUser().arn())
                .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/" + auditor + "/session-1");
        // erin herself may not assume Auditor: it trusts the role, not her
        assertStsError(() -> assume(erin, auditor, b -> { }), 403, "AccessDenied", "User: " + erinArn
                + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn(auditor));
    }

    @Test
    void managedSessionPoliciesBoundTheSessionToo() {
        AwsCredentials kim = Users.withPolicy(iam, "kim", null);
        String role = role("Bounded", trust(userArn(Users.nameOf(iam, kim))), Users.allow(
                "[\"dynamodb:GetItem\",\"dynamodb:PutItem\"]", "\"*\""));
        String readOnly = iam.createPolicy(b -> b.policyName(Tables.uniqueName("session"))
                .policyDocument(Users.allow("\"dynamodb:GetItem\"", "\"*\""))).policy().arn();
        AssumeRoleResponse assumed = assume(kim, role, b -> b.policyArns(a -> a.arn(readOnly)));
        DynamoDbClient session = Clients.dynamoDb(endpoint, credentials(assumed));
        session.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("a"))));
        assertDenied(() -> session.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("k")))),
                "User: arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/session-1 is not authorized to perform: "
                        + "dynamodb:PutItem on resource: " + tableArn + " because no session policy allows the "
                        + "dynamodb:PutItem action");
        assertStsError(() -> assume(kim, role, b -> b.policyArns(a -> a.arn(readOnly + "-gone"))), 404,
                "NoSuchEntity", "Policy " + readOnly + "-gone does not exist or is not attachable.");
    }

    @Test
    void rolesAreNamedInPoliciesAsTheyAreStoredWhateverCaseARequestUses() {
        String role = role("Guarded", trust(ACCOUNT), null);
        // allowed everything on IAM but changing this role's policies
        AwsCredentials lee = Users.withPolicy(iam, "lee", "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":[\"iam:*\",\"sts:AssumeRole\"],\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":[\"iam:PutRolePolicy\",\"sts:AssumeRole\"],\"Resource\":\""
                + roleArn(role) + "\"}]}");
        String leeArn = userArn(Users.nameOf(iam, lee));
        IamClient asLee = Clients.iam(endpoint, lee);
        assertIamError(() -> asLee.putRolePolicy(b -> b.roleName(role.toUpperCase()).policyName("p")
                .policyDocument(Users.allow("\"*\"", "\"*\""))), IamException.class, 403, "User: " + leeArn
                + " is not authorized to perform: iam:PutRolePolicy on resource: " + roleArn(role)
                + " with an explicit deny in an identity-based policy");
        assertStsError(() -> Clients.sts(endpoint, lee).assumeRole(b -> b.roleArn(roleArn(role.toUpperCase()))
                .roleSessionName("s1")), 403, "AccessDenied", "User: " + leeArn + " is not authorized to perform: "
                + "sts:AssumeRole on resource: " + roleArn(role.toUpperCase()));
        // a trust policy names users as they are stored
        assertIamError(() -> iam.createRole(b -> b.roleName(Tables.uniqueName("r")).assumeRolePolicyDocument(
                trust(leeArn.toUpperCase().replace("ARN:AWS:IAM::", "arn:aws:iam::").replace(":USER/", ":user/")))),
                MalformedPolicyDocumentException.class, 400, "Invalid principal in policy: \"AWS\":\""
                        + leeArn.toUpperCase().replace("ARN:AWS:IAM::", "arn:aws:iam::").replace(":USER/", ":user/")
                        + "\"");
    }

    @Test
    void assumingRolesIsAudited() throws Exception {
        AwsCredentials frank = Users.withPolicy(iam, "frank", null);
        String frankArn = userArn(Users.nameOf(iam, frank));
        String role = role("Audited", trust(frankArn), null);
        assume(frank, role, b -> { });
        String other = role("Other", trust(ACCOUNT), null);
        assertThatThrownBy(() -> assume(frank, other, b -> { })).isInstanceOf(StsException.class);
        try (Connection c = TestDatabase.connect(); PreparedStatement ps = c.prepareStatement("SELECT action, resource,"
                + " outcome FROM audit_event WHERE principal = ? ORDER BY occurred_at")) {
            ps.setString(1, frankArn);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
                assertThat(rows).containsExactly("sts:AssumeRole " + roleArn(role) + " Allowed",
                        "sts:AssumeRole " + roleArn(other) + " Denied");
            }
        }
    }
}
