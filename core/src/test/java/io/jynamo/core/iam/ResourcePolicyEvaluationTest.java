package io.jynamo.core.iam;

import io.jynamo.core.access.Principal;
import io.jynamo.core.auth.Caller;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * IAM's evaluation in one account with resource-based policies (a table's, a role's trust policy) and session
 * policies, as "Policy evaluation logic" and the STS AssumeRole reference describe it.
 */
class ResourcePolicyEvaluationTest {
    private static final String ACCOUNT = "000000000000";
    private static final String TABLE = "arn:aws:dynamodb:us-east-1:000000000000:table/T";
    private static final Caller ALICE = Caller.user(ACCOUNT, "AIDAALICE", "alice", "/", "AKIAALICE", false);
    private static final Caller BOB = Caller.user(ACCOUNT, "AIDABOB", "bob", "/staff/", "AKIABOB", false);

    private static Caller session(PolicyDocument sessionPolicy) {
        return Caller.roleSession(ACCOUNT, "AROAREADER", "Reader", "/", "ASIAX", "s1",
                sessionPolicy == null ? null : List.of(sessionPolicy), false);
    }

    private static PolicyDocument identity(String statements) {
        return PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}",
                PolicyDocument.Kind.INLINE);
    }

    private static PolicyDocument resource(String statements) {
        return PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}",
                PolicyDocument.Kind.RESOURCE);
    }

    private static String grant(String effect, String principal, String action) {
        return "{\"Effect\":\"" + effect + "\",\"Principal\":" + principal + ",\"Action\":\"" + action
                + "\",\"Resource\":\"" + TABLE + "\"}";
    }

    private static AccessRequest request(Caller caller, String action) {
        return new AccessRequest(action, TABLE, new Principal(caller, "10.0.0.1", Instant.parse(
                "2026-12-04T10:00:00Z"), false, "us-east-1").globalKeys(), Set.of());
    }

    private static Verdict evaluate(Caller caller, List<PolicyDocument> identity, PolicyDocument resource,
                                    String action) {
        return PolicyEvaluator.evaluate(caller, new PolicyEvaluator.Policies(identity, caller.sessionPolicies(),
                resource, false), request(caller, action));
    }

    @Test
    void aResourcePolicyNamingTheUserAllowsWithoutAnyIdentityPolicy() {
        PolicyDocument table = resource(grant("Allow", "{\"AWS\":\"arn:aws:iam::000000000000:user/alice\"}",
                "dynamodb:GetItem"));
        assertThat(evaluate(ALICE, List.of(), table, "dynamodb:GetItem")).isEqualTo(Verdict.ALLOWED);
        assertThat(evaluate(ALICE, List.of(), table, "dynamodb:PutItem"))
                .isEqualTo(new Verdict(Decision.IMPLICIT_DENY, Verdict.PolicyKind.IDENTITY));
        // bob is not alice; a user's ARN includes its path
        assertThat(evaluate(BOB, List.of(), table, "dynamodb:GetItem").allowed()).isFalse();
        PolicyDocument withPath = resource(grant("Allow", "{\"AWS\":[\"arn:aws:iam::000000000000:user/staff/bob\"]}",
                "dynamodb:GetItem"));
        assertThat(evaluate(BOB, List.of(), withPath, "dynamodb:GetItem").allowed()).isTrue();
    }

    @Test
    void aResourcePolicyNamingTheAccountOnlyDelegatesToIdentityPolicies() {
        PolicyDocument table = resource(grant("Allow", "{\"AWS\":\"000000000000\"}", "dynamodb:*"));
        assertThat(evaluate(ALICE, List.of(), table, "dynamodb:GetItem").allowed()).isFalse();
        PolicyDocument aliceMayRead = identity("{\"Effect\":\"Allow\",\"Action\":\"dynamodb:GetItem\",\"Resource\":\"*\"}");
        assertThat(evaluate(ALICE, List.of(aliceMayRead), table, "dynamodb:GetItem").allowed()).isTrue();
    }

    @Test
    void anExplicitDenyInTheResourcePolicyWinsOverEveryAllow() {
        PolicyDocument admin = identity("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}");
        PolicyDocument table = resource(grant("Deny", "{\"AWS\":\"arn:aws:iam::000000000000:root\"}",
                "dynamodb:DeleteTable"));
        assertThat(evaluate(ALICE, List.of(admin), table, "dynamodb:DeleteTable"))
                .isEqualTo(new Verdict(Decision.EXPLICIT_DENY, Verdict.PolicyKind.RESOURCE));
        assertThat(evaluate(ALICE, List.of(admin), table, "dynamodb:GetItem").allowed()).isTrue();
        // an explicit deny of the identity policy is reported as such, before the resource's
        PolicyDocument denied = identity("{\"Effect\":\"Deny\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\"}");
        assertThat(evaluate(ALICE, List.of(denied), table, "dynamodb:DeleteTable"))
                .isEqualTo(new Verdict(Decision.EXPLICIT_DENY, Verdict.PolicyKind.IDENTITY));
    }

    @Test
    void aDenyWithNotPrincipalSparesOnlyCallersListedWithTheirAccountAndRole() {
        PolicyDocument admin = identity("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}");
        // AWS's pattern: the user and its account, so that the account's deny does not reach the user
        PolicyDocument onlyAlice = resource("{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":["
                + "\"arn:aws:iam::000000000000:user/alice\",\"arn:aws:iam::000000000000:root\"]},\"Action\":"
                + "\"dynamodb:*\",\"Resource\":\"" + TABLE + "\"}");
        assertThat(evaluate(ALICE, List.of(admin), onlyAlice, "dynamodb:PutItem").allowed()).isTrue();
        assertThat(evaluate(BOB, List.of(admin), onlyAlice, "dynamodb:PutItem"))
                .isEqualTo(new Verdict(Decision.EXPLICIT_DENY, Verdict.PolicyKind.RESOURCE));
        // the user alone, without the account, is not spared
        PolicyDocument userOnly = resource("{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":"
                + "\"arn:aws:iam::000000000000:user/alice\"},\"Action\":\"dynamodb:*\",\"Resource\":\"" + TABLE + "\"}");
        assertThat(evaluate(ALICE, List.of(admin), userOnly, "dynamodb:PutItem").allowed()).isFalse();
        // a role session needs its session, its role and its account listed
        PolicyDocument roleAndAccount = resource("{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":["
                + "\"arn:aws:iam::000000000000:role/Reader\",\"arn:aws:iam::000000000000:root\"]},\"Action\":"
                + "\"dynamodb:*\",\"Resource\":\"" + TABLE + "\"}");
        assertThat(evaluate(session(null), List.of(admin), roleAndAccount, "dynamodb:GetItem").allowed()).isFalse();
        PolicyDocument sessionToo = resource("{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":["
                + "\"arn:aws:sts::000000000000:assumed-role/Reader/s1\",\"arn:aws:iam::000000000000:role/Reader\","
                + "\"arn:aws:iam::000000000000:root\"]},\"Action\":\"dynamodb:*\",\"Resource\":\"" + TABLE + "\"}");
        assertThat(evaluate(session(null), List.of(admin), sessionToo, "dynamodb:GetItem").allowed()).isTrue();
    }

    @Test
    void anAllowWithNotPrincipalGrantsNoMoreThanAGrantToTheAccount() {
        PolicyDocument allowOthers = resource("{\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":"
                + "\"arn:aws:iam::000000000000:user/alice\"},\"Action\":\"dynamodb:*\",\"Resource\":\"" + TABLE + "\"}");
        assertThat(evaluate(BOB, List.of(), allowOthers, "dynamodb:GetItem").allowed()).isFalse();
        PolicyDocument bobMayRead = identity("{\"Effect\":\"Allow\",\"Action\":\"dynamodb:GetItem\",\"Resource\":\"*\"}");
        assertThat(evaluate(BOB, List.of(bobMayRead), allowOthers, "dynamodb:GetItem").allowed()).isTrue();
    }

    @Test
    void aPolicyThatNoLongerParsesDeniesEverything() {
        PolicyDocument admin = identity("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}");
        assertThat(evaluate(ALICE, List.of(admin), PolicyDocument.DENY_ALL, "dynamodb:GetItem"))
                .isEqualTo(new Verdict(Decision.EXPLICIT_DENY, Verdict.PolicyKind.RESOURCE));
        assertThat(evaluate(ALICE, List.of(admin, PolicyDocument.DENY_ALL), null, "dynamodb:GetItem"))
                .isEqualTo(new Verdict(Decision.EXPLICIT_DENY, Verdict.PolicyKind.IDENTITY));
    }

    @Test
    void aSessionPolicyBoundsWhatTheRoleAllowsButNotAGrantToTheSessionItself() {
        PolicyDocument roleMayAll = identity("{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\"}");
        PolicyDocument onlyReads = identity("{\"Effect\":\"Allow\",\"Action\":\"dynamodb:GetItem\",\"Resource\":\"*\"}");
        Caller bounded = session(onlyReads);
        assertThat(evaluate(bounded, List.of(roleMayAll), null, "dynamodb:GetItem").allowed()).isTrue();
        assertThat(evaluate(bounded, List.of(roleMayAll), null, "dynamodb:PutItem"))
                .isEqualTo(new Verdict(Decision.IMPLICIT_DENY, Verdict.PolicyKind.SESSION));
        assertThat(evaluate(session(null), List.of(roleMayAll), null, "dynamodb:PutItem").allowed()).isTrue();
        // a grant to the role is bounded by the session policy; one to the session's own ARN is not
        PolicyDocument toRole = resource(grant("Allow", "{\"AWS\":\"arn:aws:iam::000000000000:role/Reader\"}",
                "dynamodb:PutItem"));
        assertThat(evaluate(bounded, List.of(), toRole, "dynamodb:PutItem").allowed()).isFalse();
        assertThat(evaluate(session(null), List.of(), toRole, "dynamodb:PutItem").allowed()).isTrue();
        PolicyDocument toSession = resource(grant("Allow",
                "{\"AWS\":\"arn:aws:sts::000000000000:assumed-role/Reader/s1\"}", "dynamodb:PutItem"));
        assertThat(evaluate(bounded, List.of(), toSession, "dynamodb:PutItem").allowed()).isTrue();
    }

    @Test
    void aTrustPolicyMustAllowWhateverTheIdentityPoliciesSay() {
        PolicyDocument mayAssumeAnything = identity("{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                + "\"Resource\":\"*\"}");
        PolicyDocument trustsAlice = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:user/alice\"},\"Action\":"
                + "\"sts:AssumeRole\"}]}", PolicyDocument.Kind.TRUST);
        PolicyDocument trustsAccount = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Principal\":{\"AWS\":\"000000000000\"},\"Action\":\"sts:AssumeRole\"}]}",
                PolicyDocument.Kind.TRUST);
        String role = "arn:aws:iam::000000000000:role/Reader";
        java.util.function.BiFunction<Caller, PolicyEvaluator.Policies, Boolean> decide = (caller, policies) ->
                PolicyEvaluator.evaluate(caller, policies, new AccessRequest("sts:AssumeRole", role,
                        new Principal(caller, "10.0.0.1", Instant.now(), false, "us-east-1").globalKeys(), Set.of()))
                        .allowed();
        assertThat(decide.apply(ALICE, new PolicyEvaluator.Policies(List.of(), null, trustsAlice, true))).isTrue();
        assertThat(decide.apply(BOB, new PolicyEvaluator.Policies(List.of(mayAssumeAnything), null, trustsAlice, true)))
                .isFalse();
        assertThat(decide.apply(BOB, new PolicyEvaluator.Policies(List.of(), null, trustsAccount, true))).isFalse();
        assertThat(decide.apply(BOB, new PolicyEvaluator.Policies(List.of(mayAssumeAnything), null, trustsAccount,
                true))).isTrue();
    }

    @Test
    void trustAndResourcePoliciesAreCheckedAsIamChecksThem() {
        assertThatThrownBy(() -> PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Principal\":{\"AWS\":\"000000000000\"},\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}",
                PolicyDocument.Kind.TRUST)).hasMessage("Has prohibited field Resource");
        assertThatThrownBy(() -> PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Action\":\"sts:AssumeRole\"}]}", PolicyDocument.Kind.TRUST))
                .hasMessage("Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in "
                        + "policy has a statement with no principals!");
        assertThatThrownBy(() -> PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:user/a*\"},\"Action\":"
                + "\"sts:AssumeRole\"}]}", PolicyDocument.Kind.TRUST))
                .hasMessage("Invalid principal in policy: \"AWS\":\"arn:aws:iam::000000000000:user/a*\"");
        assertThatThrownBy(() -> PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Principal\":{\"AWS\":\"000000000000\"},\"Action\":\"dynamodb:*\",\"Resource\":\"*\"}]}",
                PolicyDocument.Kind.INLINE)).hasMessage("Policy document should not specify a principal.");
        assertThatThrownBy(() -> PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Principal\":{\"Nobody\":\"x\"},\"Action\":\"sts:AssumeRole\"}]}",
                PolicyDocument.Kind.TRUST)).hasMessage("Syntax errors in policy.");
    }
}
