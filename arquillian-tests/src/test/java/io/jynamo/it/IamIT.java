package io.jynamo.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Administration through IAM's own API on Jynamo's port, with the AWS SDK's IamClient and StsClient as they are:
 * users, access keys, groups, inline and managed policies, with IAM's errors (codes, HTTP statuses, messages), and
 * every action in the audit log.
 */
class IamIT extends JynamoIT {
    private static final String READ = Users.allow("\"dynamodb:GetItem\"", "\"*\"");
    private IamClient iam;

    @BeforeEach
    void setUp() {
        iam = Clients.iam(endpoint, Clients.administrator());
    }

    private static void assertIamError(Runnable call, Class<? extends IamException> type, int status, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(type, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void usersAreMadeFoundListedAndDeletedAndTheirNamesAreUniqueRegardlessOfCase() {
        String name = Tables.uniqueName("Bob");
        User made = iam.createUser(b -> b.userName(name).path("/team/")).user();
        assertThat(made.userId()).startsWith("AIDA").hasSize(21);
        assertThat(made.arn()).isEqualTo("arn:aws:iam::000000000000:user/team/" + name);
        assertThat(made.path()).isEqualTo("/team/");
        assertThat(iam.getUser(b -> b.userName(name)).user().userId()).isEqualTo(made.userId());
        assertThat(iam.listUsers(b -> b.pathPrefix("/team/")).users()).extracting(User::userName).containsExactly(name);
        assertIamError(() -> iam.createUser(b -> b.userName(name.toLowerCase())), EntityAlreadyExistsException.class,
                409, "User with name " + name.toLowerCase() + " already exists.");
        assertIamError(() -> iam.createUser(b -> b.userName("bad name!")), IamException.class, 400,
                "The specified value for userName is invalid. It must contain only alphanumeric characters and/or "
                        + "the following: +=,.@_-");
        iam.deleteUser(b -> b.userName(name));
        assertIamError(() -> iam.getUser(b -> b.userName(name)), NoSuchEntityException.class, 404,
                "The user with name " + name + " cannot be found.");
        // without a name, GetUser is the caller
        assertThat(iam.getUser().user().userName()).isEqualTo("admin");
    }

    @Test
    void aUserHasAtMostTwoKeysWhichMayBeDisabledAndDeleted() {
        String name = Tables.uniqueName("keys");
        iam.createUser(b -> b.userName(name));
        var first = iam.createAccessKey(b -> b.userName(name)).accessKey();
        assertThat(first.accessKeyId()).startsWith("AKIA").hasSize(20);
        assertThat(first.secretAccessKey()).hasSize(40);
        assertThat(first.statusAsString()).isEqualTo("Active");
        iam.createAccessKey(b -> b.userName(name));
        assertIamError(() -> iam.createAccessKey(b -> b.userName(name)), LimitExceededException.class, 409,
                "Cannot exceed quota for AccessKeysPerUser: 2");
        iam.updateAccessKey(b -> b.userName(name).accessKeyId(first.accessKeyId()).status(StatusType.INACTIVE));
        List<AccessKeyMetadata> keys = iam.listAccessKeys(b -> b.userName(name)).accessKeyMetadata();
        assertThat(keys).hasSize(2).allSatisfy(k -> assertThat(k.userName()).isEqualTo(name));
        assertThat(keys).filteredOn(k -> k.accessKeyId().equals(first.accessKeyId())).singleElement()
                .satisfies(k -> assertThat(k.status()).isEqualTo(StatusType.INACTIVE));
        assertIamError(() -> iam.deleteUser(b -> b.userName(name)), DeleteConflictException.class, 409,
                "Cannot delete entity, must delete access keys first.");
        for (AccessKeyMetadata k : keys) {
            iam.deleteAccessKey(b -> b.userName(name).accessKeyId(k.accessKeyId()));
        }
        assertIamError(() -> iam.deleteAccessKey(b -> b.userName(name).accessKeyId(first.accessKeyId())),
                NoSuchEntityException.class, 404, "The Access Key with id " + first.accessKeyId() + " cannot be found.");
        iam.deleteUser(b -> b.userName(name));
    }

    @Test
    void inlinePoliciesAreCheckedAsIamChecksThemAndComeBackUrlEncoded() {
        String name = Tables.uniqueName("inline");
        iam.createUser(b -> b.userName(name));
        iam.putUserPolicy(b -> b.userName(name).policyName("read").policyDocument(READ));
        String encoded = iam.getUserPolicy(b -> b.userName(name).policyName("read")).policyDocument();
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(READ);
        assertThat(encoded).doesNotContain("+").contains("%22");
        assertThat(iam.listUserPolicies(b -> b.userName(name)).policyNames()).containsExactly("read");
        assertIamError(() -> iam.putUserPolicy(b -> b.userName(name).policyName("bad").policyDocument("{}")),
                MalformedPolicyDocumentException.class, 400, "Syntax errors in policy.");
        assertIamError(() -> iam.putUserPolicy(b -> b.userName(name).policyName("big").policyDocument(Users.allow(
                "\"dynamodb:GetItem\"", "[\"arn:aws:dynamodb:us-east-1:000000000000:table/" + "x".repeat(2100)
                        + "\"]"))), LimitExceededException.class, 409,
                "Maximum policy size of 2048 bytes exceeded for user " + name);
        assertIamError(() -> iam.deleteUser(b -> b.userName(name)), DeleteConflictException.class, 409,
                "Cannot delete entity, must delete policies first.");
        iam.deleteUserPolicy(b -> b.userName(name).policyName("read"));
        assertIamError(() -> iam.getUserPolicy(b -> b.userName(name).policyName("read")), NoSuchEntityException.class,
                404, "The user policy with name read cannot be found.");
        iam.deleteUser(b -> b.userName(name));
    }

    @Test
    void groupsHoldUsersAndPolicies() {
        String user = Tables.uniqueName("member");
        String group = Tables.uniqueName("Readers");
        iam.createUser(b -> b.userName(user));
        assertThat(iam.createGroup(b -> b.groupName(group)).group().groupId()).startsWith("AGPA");
        assertIamError(() -> iam.createGroup(b -> b.groupName(group)), EntityAlreadyExistsException.class, 409,
                "Group with name " + group + " already exists.");
        iam.addUserToGroup(b -> b.groupName(group).userName(user));
        iam.addUserToGroup(b -> b.groupName(group).userName(user));
        assertThat(iam.getGroup(b -> b.groupName(group)).users()).extracting(User::userName).containsExactly(user);
        assertThat(iam.listGroupsForUser(b -> b.userName(user)).groups()).extracting(g -> g.groupName())
                .containsExactly(group);
        iam.putGroupPolicy(b -> b.groupName(group).policyName("read").policyDocument(READ));
        assertThat(iam.listGroupPolicies(b -> b.groupName(group)).policyNames()).containsExactly("read");
        assertIamError(() -> iam.deleteGroup(b -> b.groupName(group)), DeleteConflictException.class, 409,
                "Cannot delete entity, must remove users from group first.");
        iam.removeUserFromGroup(b -> b.groupName(group).userName(user));
        iam.removeUserFromGroup(b -> b.groupName(group).userName(user));
        iam.deleteGroupPolicy(b -> b.groupName(group).policyName("read"));
        iam.deleteGroup(b -> b.groupName(group));
        assertIamError(() -> iam.getGroup(b -> b.groupName(group)), NoSuchEntityException.class, 404,
                "The group with name " + group + " cannot be found.");
    }

    @Test
    void managedPoliciesAreAttachedDetachedAndDeletedOnceUnused() {
        String user = Tables.uniqueName("attached");
        String policy = Tables.uniqueName("ReadOnly");
        iam.createUser(b -> b.userName(user));
        var made = iam.createPolicy(b -> b.policyName(policy).policyDocument(READ).description("read")).policy();
        assertThat(made.arn()).isEqualTo("arn:aws:iam::000000000000:policy/" + policy);
        assertThat(made.defaultVersionId()).isEqualTo("v1");
        assertIamError(() -> iam.createPolicy(b -> b.policyName(policy).policyDocument(READ)),
                EntityAlreadyExistsException.class, 409, "A policy called " + policy + " already exists. Duplicate "
                        + "names are not allowed.");
        assertIamError(() -> iam.createPolicy(b -> b.policyName(Tables.uniqueName("old")).policyDocument(
                "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}")),
                MalformedPolicyDocumentException.class, 400, "Policy document must be version 2012-10-17 or greater.");
        iam.attachUserPolicy(b -> b.userName(user).policyArn(made.arn()));
        assertThat(iam.getPolicy(b -> b.policyArn(made.arn())).policy().attachmentCount()).isEqualTo(1);
        assertThat(iam.listAttachedUserPolicies(b -> b.userName(user)).attachedPolicies())
                .extracting(p -> p.policyArn()).containsExactly(made.arn());
        String document = iam.getPolicyVersion(b -> b.policyArn(made.arn()).versionId("v1")).policyVersion().document();
        assertThat(URLDecoder.decode(document, StandardCharsets.UTF_8)).isEqualTo(READ);
        assertIamError(() -> iam.deletePolicy(b -> b.policyArn(made.arn())), DeleteConflictException.class, 409,
                "Cannot delete a policy attached to entities.");
        assertIamError(() -> iam.attachUserPolicy(b -> b.userName(user).policyArn(made.arn() + "x")),
                NoSuchEntityException.class, 404, "Policy " + made.arn() + "x does not exist or is not attachable.");
        assertIamError(() -> iam.attachUserPolicy(b -> b.userName(user).policyArn(policy)), IamException.class, 400,
                "Invalid ARN:  Could not be parsed!");
        iam.detachUserPolicy(b -> b.userName(user).policyArn(made.arn()));
        iam.deletePolicy(b -> b.policyArn(made.arn()));
        assertIamError(() -> iam.getPolicy(b -> b.policyArn(made.arn())), NoSuchEntityException.class, 404,
                "Policy " + made.arn() + " was not found.");
    }

    @Test
    void listsArePagedWithMarkers() {
        List<String> made = new ArrayList<>();
        String path = "/paged" + System.nanoTime() + "/";
        for (int i = 0; i < 5; i++) {
            String name = Tables.uniqueName("page");
            iam.createUser(b -> b.userName(name).path(path));
            made.add(name);
        }
        var first = iam.listUsers(b -> b.pathPrefix(path).maxItems(2));
        assertThat(first.users()).hasSize(2);
        assertThat(first.isTruncated()).isTrue();
        List<String> all = new ArrayList<>();
        iam.listUsersPaginator(b -> b.pathPrefix(path).maxItems(2)).users().forEach(u -> all.add(u.userName()));
        assertThat(all).containsExactlyInAnyOrderElementsOf(made);
    }

    @Test
    void stsTellsWhoTheCallerIs() {
        StsClient sts = Clients.sts(endpoint, Clients.administrator());
        var me = sts.getCallerIdentity();
        assertThat(me.arn()).isEqualTo("arn:aws:iam::000000000000:user/admin");
        assertThat(me.account()).isEqualTo("000000000000");
        assertThat(me.userId()).startsWith("AIDA");
        // a user with no policy at all may still ask who it is, and nothing else
        var nobody = Users.withPolicy(iam, "nobody", null);
        assertThat(Clients.sts(endpoint, nobody).getCallerIdentity().arn()).endsWith(":user/" + Users.nameOf(iam, nobody));
        assertThatThrownBy(() -> Clients.iam(endpoint, nobody).listUsers()).isInstanceOfSatisfying(IamException.class,
                e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::000000000000:user/"
                            + Users.nameOf(iam, nobody) + " is not authorized to perform: iam:ListUsers on resource: *"
                            + " because no identity-based policy allows the iam:ListUsers action");
                });
    }

    @Test
    void everyActionIsInTheAuditLogWithTheErrorItEndedWith() throws Exception {
        String name = Tables.uniqueName("audited");
        iam.createUser(b -> b.userName(name));
        iam.getUser(b -> b.userName(name));
        iam.deleteUser(b -> b.userName(name));
        assertThatThrownBy(() -> iam.deleteUser(b -> b.userName(name))).isInstanceOf(NoSuchEntityException.class);
        try (Connection c = TestDatabase.connect(); PreparedStatement ps = c.prepareStatement("SELECT action, principal,"
                + " outcome, error_code FROM audit_event WHERE resource = ? ORDER BY occurred_at")) {
            ps.setString(1, "arn:aws:iam::000000000000:user/" + name);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
                }
                assertThat(rows).containsExactly("iam:CreateUser arn:aws:iam::000000000000:user/admin Allowed null",
                        "iam:GetUser arn:aws:iam::000000000000:user/admin Allowed null",
                        "iam:DeleteUser arn:aws:iam::000000000000:user/admin Allowed null",
                        "iam:DeleteUser arn:aws:iam::000000000000:user/admin Allowed NoSuchEntity");
            }
        }
    }
}
