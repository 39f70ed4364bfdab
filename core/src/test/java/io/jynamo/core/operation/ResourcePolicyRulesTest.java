package io.jynamo.core.operation;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DynamoDB's rules for resource-based policies and their ARNs, with the messages recorded against DynamoDB. */
class ResourcePolicyRulesTest {
    private static final String TABLE = "arn:aws:dynamodb:us-east-1:000000000000:table/Music";
    private static final String ALICE = "{\"AWS\":\"arn:aws:iam::000000000000:user/alice\"}";

    private static String policy(String statement) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
    }

    private static String statement(String principal, String action, String resource) {
        return "{\"Effect\":\"Allow\",\"Principal\":" + principal + ",\"Action\":" + action + ",\"Resource\":"
                + resource + "}";
    }

    private static void assertInvalid(String policy, ResourcePolicyRules.Target target, String message) {
        assertThatThrownBy(() -> ResourcePolicyRules.check(policy, target)).isInstanceOfSatisfying(
                DynamoException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.VALIDATION);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void aPolicyMustBeAtMost20KilobytesWithItsWhiteSpace() {
        String padded = policy(statement(ALICE, "\"dynamodb:GetItem\"", "\"" + TABLE + "\"")) + " ".repeat(20_480);
        assertInvalid(padded, ResourcePolicyRules.Target.TABLE, "One or more parameter values were invalid: Maximum "
                + "policy size of 20480 bytes exceeded");
    }

    @Test
    void theDocumentIsCheckedInDynamoDbsWords() {
        String prefix = "One or more parameter values were invalid: Invalid policy document: ";
        assertInvalid("{not json", ResourcePolicyRules.Target.TABLE, prefix + "This policy contains invalid Json");
        assertInvalid("", ResourcePolicyRules.Target.TABLE, prefix + "This policy contains invalid Json");
        assertInvalid("{\"Version\":\"2012-10-17\",\"Statement\":[]}", ResourcePolicyRules.Target.TABLE,
                prefix + "Could not parse the policy: Statement is empty!");
        assertInvalid(policy("{\"Effect\":\"Allow\",\"Principal\":" + ALICE + ",\"Action\":\"dynamodb:GetItem\"}"),
                ResourcePolicyRules.Target.TABLE, prefix + "Missing required field Resource");
        assertInvalid(policy("{\"Sid\":\"a\",\"Effect\":\"Allow\",\"Principal\":" + ALICE + ",\"Action\":"
                + "\"dynamodb:GetItem\",\"Resource\":\"*\"},{\"Sid\":\"a\",\"Effect\":\"Allow\",\"Principal\":" + ALICE
                + ",\"Action\":\"dynamodb:Query\",\"Resource\":\"*\"}"), ResourcePolicyRules.Target.TABLE,
                prefix + "The Statement Ids in the policy are not unique");
        assertInvalid(policy(statement("\"000000000000\"", "\"dynamodb:GetItem\"", "\"*\"")),
                ResourcePolicyRules.Target.TABLE, prefix + "Syntax error at position (1,68)");
        assertInvalid(policy(statement("{\"AWS\":\"someone\"}", "\"dynamodb:GetItem\"", "\"*\"")),
                ResourcePolicyRules.Target.TABLE, "One or more parameter values were invalid: Invalid principal in "
                        + "policy document.");
    }

    @Test
    void aGrantToEveryoneIsPublicAccessUnlessAConditionBindsIt() {
        String unbounded = "Resource-based policy grants unbounded access in one or more elements. Please revise the "
                + "policy to ensure least-privilege form of access";
        assertInvalid(policy(statement("\"*\"", "\"dynamodb:GetItem\"", "\"" + TABLE + "\"")),
                ResourcePolicyRules.Target.TABLE, unbounded);
        assertInvalid(policy(statement("{\"AWS\":\"*\"}", "\"dynamodb:GetItem\"", "\"" + TABLE + "\"")),
                ResourcePolicyRules.Target.TABLE, unbounded);
        ResourcePolicyRules.check(policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"dynamodb:GetItem\","
                + "\"Resource\":\"" + TABLE + "\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalAccount\":"
                + "\"000000000000\"}}}"), ResourcePolicyRules.Target.TABLE);
        // conditions that do not bind it: an address, a negated operator, IfExists, a wildcard
        for (String condition : new String[] {"{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}",
                "{\"StringNotEquals\":{\"aws:PrincipalAccount\":\"111111111111\"}}",
                "{\"StringEqualsIfExists\":{\"aws:PrincipalAccount\":\"000000000000\"}}",
                "{\"StringLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:user/a\"}}"}) {
            assertInvalid(policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"dynamodb:GetItem\","
                    + "\"Resource\":\"" + TABLE + "\",\"Condition\":" + condition + "}"),
                    ResourcePolicyRules.Target.TABLE, unbounded);
        }
        // an Allow with NotPrincipal grants everyone but a few
        assertInvalid(policy("{\"Effect\":\"Allow\",\"NotPrincipal\":" + ALICE + ",\"Action\":\"dynamodb:GetItem\","
                + "\"Resource\":\"" + TABLE + "\"}"), ResourcePolicyRules.Target.TABLE, unbounded);
        // denying everyone is not granting anything
        ResourcePolicyRules.check(policy("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"dynamodb:DeleteTable\","
                + "\"Resource\":\"" + TABLE + "\"}"), ResourcePolicyRules.Target.TABLE);
    }

    @Test
    void actionsAndResourcesMustSuitTheKindOfResource() {
        String prefix = "One or more parameter values were invalid: Invalid policy document: ";
        assertInvalid(policy(statement(ALICE, "[\"dynamodb:GetRecords\",\"dynamodb:DescribeStream\"]",
                "\"" + TABLE + "\"")), ResourcePolicyRules.Target.TABLE, prefix + "The following action names are "
                + "invalid: \"dynamodb:GetRecords\", \"dynamodb:DescribeStream\"");
        assertInvalid(policy(statement(ALICE, "\"dynamodb:PutItem\"", "\"" + TABLE + "/stream/2026-01-01T00:00:00.000\"")),
                ResourcePolicyRules.Target.STREAM, prefix + "The following action names are invalid: "
                        + "\"dynamodb:PutItem\"");
        assertInvalid(policy(statement(ALICE, "\"dynamodb:GetItem\"", "\"" + TABLE + "/stream/2026-01-01T00:00:00.000\"")),
                ResourcePolicyRules.Target.TABLE, prefix + "The relative-id \"table/Music/stream/2026-01-01T00:00:00.000\""
                        + " is invalid for ARN \"" + TABLE + "/stream/2026-01-01T00:00:00.000\"");
        // wildcards, lower case, other tables and the table's indexes are accepted
        ResourcePolicyRules.check(policy(statement(ALICE, "[\"dynamodb:*\",\"dynamodb:get*\",\"dynamodb:query\"]",
                "[\"" + TABLE + "\",\"" + TABLE + "/index/*\",\"arn:aws:dynamodb:us-east-1:000000000000:table/Other\"]")),
                ResourcePolicyRules.Target.TABLE);
        ResourcePolicyRules.check(policy(statement(ALICE, "\"dynamodb:GetRecords\"", "\"*\"")),
                ResourcePolicyRules.Target.STREAM);
    }

    @Test
    void aPolicyIsReadBackInDynamoDbsNormalForm() {
        String given = "{ \"Statement\" : {\"Action\": [\"dynamodb:GetItem\"], \"Resource\": [\"" + TABLE + "\"],"
                + " \"Effect\": \"allow\", \"Principal\": {\"AWS\": [\"000000000000\", \"arn:aws:iam::000000000000:root\"]},"
                + " \"Sid\": \"read\", \"Condition\": {\"StringEquals\": {\"dynamodb:LeadingKeys\": [\"a\"]}}}}";
        ResourcePolicyRules.check(given, ResourcePolicyRules.Target.TABLE);
        assertThat(ResourcePolicyRules.normalised(given)).isEqualTo("{\"Version\":\"2008-10-17\",\"Statement\":[{"
                + "\"Sid\":\"read\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},"
                + "\"Action\":\"dynamodb:GetItem\",\"Resource\":\"" + TABLE + "\",\"Condition\":{\"StringEquals\":{"
                + "\"dynamodb:LeadingKeys\":\"a\"}}}]}");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "Music | One or more parameter values were invalid: ARNs must start with 'arn:': Music",
            "arn:aws:dynamodb:us-east-1:111111111111:table/Music | This action is only supported by accounts that "
                    + "match the resource owner\u2019s account.",
            "arn:aws:dynamodb:eu-west-1:000000000000:table/Music | One or more parameter values were invalid: Invalid "
                    + "resource Arn: arn:aws:dynamodb:eu-west-1:000000000000:table/Music",
            "arn:aws:dynamodb:us-east-1:000000000000:table/Music/index/byYear | One or more parameter values were "
                    + "invalid: Invalid resource arn provided, only table or stream is accepted. Provided resource arn: "
                    + "arn:aws:dynamodb:us-east-1:000000000000:table/Music/index/byYear",
            "arn:aws:dynamodb:us-east-1:000000000000:table/Music/backup/01700000000000-abcdef12 | One or more parameter "
                    + "values were invalid: Provided Arn is not a DynamoDB resource arn: "
                    + "arn:aws:dynamodb:us-east-1:000000000000:table/Music/backup/01700000000000-abcdef12",
            "arn:aws:s3:::bucket | One or more parameter values were invalid: Provided Arn is not a DynamoDB resource "
                    + "arn: arn:aws:s3:::bucket",
    })
    void resourceArnsAreCheckedAsDynamoDbChecksThem(String arn, String message) {
        assertThatThrownBy(() -> ResourcePolicies.target(arn, "us-east-1", "000000000000"))
                .isInstanceOfSatisfying(DynamoException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.VALIDATION);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void tablesAndStreamsAreTargets() {
        assertThat(ResourcePolicies.target(TABLE, "us-east-1", "000000000000"))
                .isEqualTo(new ResourcePolicies.Target(TABLE, "Music", null));
        String stream = TABLE + "/stream/2026-01-01T00:00:00.000";
        assertThat(ResourcePolicies.target(stream, "us-east-1", "000000000000"))
                .isEqualTo(new ResourcePolicies.Target(stream, "Music", "2026-01-01T00:00:00.000"));
    }
}
