package io.jynamo.core.iam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** IAM's evaluation of identity policies, with the cases of IAM's and DynamoDB's documentation. */
class PolicyEvaluatorTest {
    private static final String TABLE = "arn:aws:dynamodb:us-east-1:000000000000:table/";

    private static PolicyDocument policy(String statements) {
        return PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}",
                PolicyDocument.Kind.INLINE);
    }

    private static AccessRequest request(String action, String resource, Map<String, List<String>> keys) {
        Map<String, List<String>> all = new HashMap<>(Map.of("aws:username", List.of("alice"),
                "aws:userid", List.of("AIDAALICE")));
        keys.forEach((k, v) -> all.put(k.toLowerCase(), v));
        return new AccessRequest(action, resource, all, Set.of("dynamodb:leadingkeys", "dynamodb:attributes"));
    }

    private static Decision decide(String statements, String action, String resource) {
        return PolicyEvaluator.decide(List.of(policy(statements)), request(action, resource, Map.of()));
    }

    @Test
    void anExplicitDenyWinsOverAnAllowAndNothingAllowedIsDenied() {
        String policy = "{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"dynamodb:DeleteTable\",\"Resource\":\"*\"}";
        assertThat(decide(policy, "dynamodb:GetItem", TABLE + "T")).isEqualTo(Decision.ALLOW);
        assertThat(decide(policy, "dynamodb:DeleteTable", TABLE + "T")).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(decide(policy, "iam:CreateUser", "*")).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(PolicyEvaluator.decide(List.of(), request("dynamodb:GetItem", TABLE + "T", Map.of())))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
            "dynamodb:putitem, dynamodb:PutItem, true",
            "dynamodb:Get*, dynamodb:GetItem, true",
            "dynamodb:Get*, dynamodb:PutItem, false",
            "dynamodb:?etItem, dynamodb:GetItem, true",
            "*, dynamodb:Scan, true",
            "DynamoDB:*Item, dynamodb:BatchGetItem, true",
    })
    void actionsArePatternsRegardlessOfCase(String pattern, String action, boolean covered) {
        assertThat(PolicyEvaluator.actionMatches(pattern, action)).isEqualTo(covered);
    }

    @Test
    void notActionAndNotResourceCoverEverythingElse() {
        String allowAllButDelete = "{\"Effect\":\"Allow\",\"NotAction\":\"dynamodb:Delete*\",\"Resource\":\"*\"}";
        assertThat(decide(allowAllButDelete, "dynamodb:PutItem", TABLE + "T")).isEqualTo(Decision.ALLOW);
        assertThat(decide(allowAllButDelete, "dynamodb:DeleteItem", TABLE + "T")).isEqualTo(Decision.IMPLICIT_DENY);
        String onlyAllowed = "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},{\"Effect\":\"Deny\","
                + "\"Action\":\"*\",\"NotResource\":\"arn:aws:dynamodb:*:*:table/AllowedTable\"}";
        assertThat(decide(onlyAllowed, "dynamodb:PutItem", TABLE + "AllowedTable")).isEqualTo(Decision.ALLOW);
        assertThat(decide(onlyAllowed, "dynamodb:PutItem", TABLE + "OtherTable")).isEqualTo(Decision.EXPLICIT_DENY);
    }

    @Test
    void resourcesAreArnPatternsPartByPartAndCaseSensitive() {
        String users = "{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"arn:aws:dynamodb:*:*:table/User*\"}";
        assertThat(decide(users, "dynamodb:Query", TABLE + "Users")).isEqualTo(Decision.ALLOW);
        assertThat(decide(users, "dynamodb:Query", TABLE + "users")).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(users, "dynamodb:Query", TABLE + "Orders")).isEqualTo(Decision.IMPLICIT_DENY);
        // a table's ARN does not cover its indexes or streams; their own patterns do, colons in stream labels too
        String table = "{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":[\"" + TABLE + "T\",\"" + TABLE
                + "T/stream/*\"]}";
        assertThat(decide(table, "dynamodb:Query", TABLE + "T/index/byX")).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(table, "dynamodb:GetRecords", TABLE + "T/stream/2026-12-01T10:00:00.000"))
                .isEqualTo(Decision.ALLOW);
        // ListTables is on no resource: only "*" covers it
        assertThat(decide(table, "dynamodb:ListTables", "*")).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void policyVariablesAreTheCallersAndAnUnknownOneMatchesNothing() {
        String own = "{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"" + TABLE + "${aws:username}-*\"}";
        assertThat(decide(own, "dynamodb:GetItem", TABLE + "alice-data")).isEqualTo(Decision.ALLOW);
        assertThat(decide(own, "dynamodb:GetItem", TABLE + "bob-data")).isEqualTo(Decision.IMPLICIT_DENY);
        String unknown = "{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"" + TABLE + "${aws:nothing}\"}";
        assertThat(decide(unknown, "dynamodb:GetItem", TABLE + "${aws:nothing}")).isEqualTo(Decision.IMPLICIT_DENY);
        String fallback = "{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"" + TABLE
                + "${aws:nothing, 'shared'}\"}";
        assertThat(decide(fallback, "dynamodb:GetItem", TABLE + "shared")).isEqualTo(Decision.ALLOW);
        // before version 2012-10-17 a variable is text
        PolicyDocument old = PolicyDocument.parse("{\"Statement\":" + own + "}", PolicyDocument.Kind.INLINE);
        assertThat(PolicyEvaluator.decide(List.of(old), request("dynamodb:GetItem", TABLE + "alice-data", Map.of())))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    /** DynamoDB's guide, "Using IAM policy conditions for fine-grained access control", example 1. */
    @Test
    void leadingKeysAndAttributesRestrictItemsAndAttributes() {
        String perUser = "{\"Effect\":\"Allow\",\"Action\":[\"dynamodb:GetItem\",\"dynamodb:Query\",\"dynamodb:Scan\"],"
                + "\"Resource\":\"" + TABLE + "GameScores\",\"Condition\":{\"ForAllValues:StringEquals\":{"
                + "\"dynamodb:LeadingKeys\":[\"${aws:userid}\"],\"dynamodb:Attributes\":[\"UserId\",\"GameTitle\","
                + "\"Wins\"]},\"StringEqualsIfExists\":{\"dynamodb:Select\":\"SPECIFIC_ATTRIBUTES\"}}}";
        PolicyDocument p = policy(perUser);
        assertThat(PolicyEvaluator.decide(List.of(p), request("dynamodb:GetItem", TABLE + "GameScores", Map.of(
                "dynamodb:LeadingKeys", List.of("AIDAALICE"), "dynamodb:Attributes", List.of("UserId", "Wins"),
                "dynamodb:Select", List.of("SPECIFIC_ATTRIBUTES"))))).isEqualTo(Decision.ALLOW);
        assertThat(PolicyEvaluator.decide(List.of(p), request("dynamodb:GetItem", TABLE + "GameScores", Map.of(
                "dynamodb:LeadingKeys", List.of("AIDABOB"), "dynamodb:Attributes", List.of("UserId"),
                "dynamodb:Select", List.of("SPECIFIC_ATTRIBUTES"))))).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(PolicyEvaluator.decide(List.of(p), request("dynamodb:GetItem", TABLE + "GameScores", Map.of(
                "dynamodb:LeadingKeys", List.of("AIDAALICE"), "dynamodb:Attributes", List.of("UserId", "Secret"),
                "dynamodb:Select", List.of("SPECIFIC_ATTRIBUTES"))))).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(PolicyEvaluator.decide(List.of(p), request("dynamodb:GetItem", TABLE + "GameScores", Map.of(
                "dynamodb:LeadingKeys", List.of("AIDAALICE"), "dynamodb:Select", List.of("ALL_ATTRIBUTES")))))
                .isEqualTo(Decision.IMPLICIT_DENY);
        // Scan has no leading keys: ForAllValues of nothing holds, as DynamoDB's guide warns
        assertThat(PolicyEvaluator.decide(List.of(p), request("dynamodb:Scan", TABLE + "GameScores", Map.of(
                "dynamodb:Attributes", List.of("Wins"), "dynamodb:Select", List.of("SPECIFIC_ATTRIBUTES")))))
                .isEqualTo(Decision.ALLOW);
    }

    @Test
    void absentKeysFailPositiveOperatorsAndPassNegatedOnes() {
        String positive = "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":"
                + "{\"aws:PrincipalTag/team\":\"db\"}}}";
        String negated = "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":"
                + "{\"aws:PrincipalTag/team\":[\"a\",\"b\"]}}}";
        String anyValue = "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{"
                + "\"ForAnyValue:StringEquals\":{\"dynamodb:Attributes\":\"x\"}}}";
        String isNull = "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"Null\":"
                + "{\"dynamodb:Select\":\"true\"}}}";
        assertThat(decide(positive, "dynamodb:GetItem", TABLE + "T")).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(negated, "dynamodb:GetItem", TABLE + "T")).isEqualTo(Decision.ALLOW);
        assertThat(decide(anyValue, "dynamodb:GetItem", TABLE + "T")).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(isNull, "dynamodb:GetItem", TABLE + "T")).isEqualTo(Decision.ALLOW);
    }

    @Test
    void numbersDatesAddressesAndBooleansCompareAsTheirTypes() {
        String conditions = "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{"
                + "\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"2001:db8::/32\"]},"
                + "\"DateLessThan\":{\"aws:CurrentTime\":\"2027-01-01T00:00:00Z\"},"
                + "\"NumericLessThanEquals\":{\"aws:EpochTime\":\"1830000000\"},\"Bool\":{\"aws:SecureTransport\":\"false\"}}}";
        PolicyDocument p = policy(conditions);
        Map<String, List<String>> keys = new HashMap<>(Map.of("aws:SourceIp", List.of("10.1.2.3"), "aws:CurrentTime",
                List.of("2026-12-01T12:00:00Z"), "aws:EpochTime", List.of("1796126400"), "aws:SecureTransport",
                List.of("false")));
        assertThat(PolicyEvaluator.decide(List.of(p), request("dynamodb:GetItem", "*", keys))).isEqualTo(Decision.ALLOW);
        keys.put("aws:SourceIp", List.of("2001:db8::1"));
        assertThat(PolicyEvaluator.decide(List.of(p), request("dynamodb:GetItem", "*", keys))).isEqualTo(Decision.ALLOW);
        keys.put("aws:SourceIp", List.of("192.168.1.1"));
        assertThat(PolicyEvaluator.decide(List.of(p), request("dynamodb:GetItem", "*", keys)))
                .isEqualTo(Decision.IMPLICIT_DENY);
        keys.put("aws:SourceIp", List.of("10.1.2.3"));
        keys.put("aws:CurrentTime", List.of("2027-06-01T00:00:00Z"));
        assertThat(PolicyEvaluator.decide(List.of(p), request("dynamodb:GetItem", "*", keys)))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    /** Backtracking on every star would take longer than the universe has; a hang here is that bug. */
    @Test
    void patternsWithManyStarsDoNotBacktrackExponentially() {
        String stars = "*a".repeat(200);
        String policy = "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringLike\":"
                + "{\"aws:username\":\"" + stars + "\"}}}";
        Map<String, List<String>> keys = Map.of("aws:username", List.of("a".repeat(199) + "b"));
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> assertThat(PolicyEvaluator.decide(
                List.of(policy(policy)), request("dynamodb:GetItem", "*", keys))).isEqualTo(Decision.IMPLICIT_DENY));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "not json|Syntax errors in policy.",
            "{\"Version\":\"2012-10-17\"}|Syntax errors in policy.",
            "{\"Version\":\"2013-10-17\",\"Statement\":[]}|Syntax errors in policy.",
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Maybe\",\"Action\":\"*\",\"Resource\":\"*\"}}|"
                    + "Syntax errors in policy.",
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"allow\",\"Action\":\"*\",\"Resource\":\"*\"}}|"
                    + "The policy failed legacy parsing",
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Resource\":\"*\"}}|"
                    + "Policy statement must contain actions.",
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"GetItem\",\"Resource\":\"*\"}}|"
                    + "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"a:b:c\",\"Resource\":\"*\"}}|"
                    + "Actions/Condition can contain only one colon.",
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"table\"}}|"
                    + "Resource table must be in ARN format or \"*\".",
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\"}}|"
                    + "Policy statement must contain resources.",
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\","
                    + "\"Resource\":\"*\"}}|Policy document should not specify a principal.",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"a\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":"
                    + "\"*\"},{\"Sid\":\"a\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}|"
                    + "Statement IDs (SID) in a single policy must be unique.",
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
                    + "\"Condition\":{\"StringEqualz\":{\"a\":\"b\"}}}}|Syntax errors in policy.",
    })
    void malformedDocumentsGetIamsMessages(String document, String message) {
        assertThatThrownBy(() -> PolicyDocument.parse(document, PolicyDocument.Kind.INLINE))
                .isInstanceOf(MalformedPolicyException.class).hasMessage(message);
    }

    @Test
    void aManagedPolicyNeedsTheCurrentVersion() {
        assertThatThrownBy(() -> PolicyDocument.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
                + "\"Resource\":\"*\"}}", PolicyDocument.Kind.MANAGED)).hasMessage("Policy document must be version "
                + "2012-10-17 or greater.");
    }
}
