package io.jynamo.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Tag;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static io.jynamo.it.DynamoAssertions.assertError;
import static io.jynamo.it.DynamoAssertions.assertErrorCode;
import static org.assertj.core.api.Assertions.assertThat;

/** TagResource, UntagResource and ListTagsOfResource through the SDK, with DynamoDB's rules and errors. */
class TaggingIT extends JynamoIT {
    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private String arnOf(String table) {
        return ddb.describeTable(b -> b.tableName(table)).table().tableArn();
    }

    private List<Tag> tagsOf(String arn) {
        return ddb.listTagsOfResource(b -> b.resourceArn(arn)).tags();
    }

    @Test
    void tagsAreAddedOverwrittenListedAndRemoved() {
        String table = Tables.uniqueName("tagged");
        ddb.createTable(Tables.hashOnlyRequest(table).toBuilder().tags(tag("team", "core")).build());
        Tables.awaitActive(ddb, table);
        String arn = arnOf(table);
        assertThat(tagsOf(arn)).as("given at CreateTable").containsExactly(tag("team", "core"));

        ddb.tagResource(b -> b.resourceArn(arn).tags(tag("env", "test"), tag("team", "platform"), tag("empty", "")));
        assertThat(tagsOf(arn)).containsExactlyInAnyOrder(tag("team", "platform"), tag("env", "test"),
                tag("empty", ""));

        // keys it does not have are no error
        ddb.untagResource(b -> b.resourceArn(arn).tagKeys("team", "missing"));
        assertThat(tagsOf(arn)).containsExactlyInAnyOrder(tag("env", "test"), tag("empty", ""));
        ddb.untagResource(b -> b.resourceArn(arn).tagKeys("env", "empty"));
        assertThat(tagsOf(arn)).isEmpty();
    }

    @Test
    void tagAndUntagAnswerWithAnEmptyBody() throws Exception {
        String table = Tables.createHashOnly(ddb, "tagbody");
        String arn = arnOf(table);
        HttpClient http = HttpClient.newHttpClient();
        for (String[] op : new String[][] {
                {"TagResource", "{\"ResourceArn\":\"" + arn + "\",\"Tags\":[{\"Key\":\"k\",\"Value\":\"v\"}]}"},
                {"UntagResource", "{\"ResourceArn\":\"" + arn + "\",\"TagKeys\":[\"k\"]}"}}) {
            HttpResponse<String> r = http.send(SignedHttp.post(endpoint, java.util.Map.of(
                    "Content-Type", "application/x-amz-json-1.0", "X-Amz-Target", "DynamoDB_20120810." + op[0]),
                    op[1].getBytes(java.nio.charset.StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(op[0]).isEqualTo(200);
            assertThat(r.body()).as(op[0]).isEmpty();
        }
    }

    @Test
    void aTableHasAtMostFiftyTagsAndTheirKeysAndValuesFollowDynamoDbsRules() {
        String table = Tables.createHashOnly(ddb, "tagrules");
        String arn = arnOf(table);
        List<Tag> forty = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            forty.add(tag("k" + i, "v"));
        }
        ddb.tagResource(b -> b.resourceArn(arn).tags(forty));
        List<Tag> more = new ArrayList<>();
        for (int i = 40; i < 60; i++) {
            more.add(tag("k" + i, "v"));
        }
        // DynamoDB's message for this is not recorded anywhere (README, "Where Jynamo knowingly differs")
        assertErrorCode(() -> ddb.tagResource(b -> b.resourceArn(arn).tags(more)), "ValidationException");
        assertThat(tagsOf(arn)).hasSize(40);

        assertErrorCode(() -> ddb.tagResource(b -> b.resourceArn(arn).tags(tag("k".repeat(129), "v"))),
                "ValidationException");
        assertErrorCode(() -> ddb.tagResource(b -> b.resourceArn(arn).tags(tag("k", "v".repeat(257)))),
                "ValidationException");
        assertErrorCode(() -> ddb.tagResource(b -> b.resourceArn(arn).tags(tag("hi!", "v"))), "ValidationException");
        assertErrorCode(() -> ddb.tagResource(b -> b.resourceArn(arn).tags(tag("aws:owner", "v"))),
                "ValidationException");
        ddb.tagResource(b -> b.resourceArn(arn).tags(tag("k".repeat(128), "v".repeat(256)), tag("a b+-=._:/@7", " ")));
        assertError(() -> ddb.tagResource(b -> b.resourceArn(arn).tags(List.of())), "ValidationException",
                "Atleast one Tag needs to be provided as Input.");
        assertError(() -> ddb.untagResource(b -> b.resourceArn(arn).tagKeys(List.of())), "ValidationException",
                "Atleast one Tag Key needs to be provided as Input.");
    }

    /** DynamoDB's answers by what is wrong with the ARN (recorded against DynamoDB by ExtendDB and Alternator). */
    @Test
    void resourceArnsAreCheckedAsDynamoDbChecksThem() {
        String table = Tables.createHashOnly(ddb, "tagarns");
        String arn = arnOf(table);
        assertError(() -> ddb.tagResource(b -> b.resourceArn("not-a-valid-arn").tags(tag("k", "v"))),
                "ValidationException", "One or more parameter values were invalid: ARNs must start with 'arn:': "
                        + "not-a-valid-arn");
        assertErrorCode(() -> ddb.listTagsOfResource(b -> b.resourceArn("arn:aws:s3:::bucket")),
                "AccessDeniedException");
        assertError(() -> ddb.listTagsOfResource(b -> b.resourceArn(
                        "arn:aws:dynamodb:us-east-1:123456789012:table/" + table)), "AccessDeniedException",
                "User: arn:aws:iam::000000000000:root is not authorized to perform: dynamodb:ListTagsOfResource on "
                        + "resource: arn:aws:dynamodb:us-east-1:123456789012:table/" + table);
        assertError(() -> ddb.listTagsOfResource(b -> b.resourceArn(arn + "/index/byX")), "ValidationException",
                "One or more parameter values were invalid: Invalid resource arn provided, only table or stream is "
                        + "accepted. Provided resource arn: " + arn + "/index/byX");
        String elsewhere = arn.replace("us-east-1", "eu-west-1");
        assertError(() -> ddb.listTagsOfResource(b -> b.resourceArn(elsewhere)), "ValidationException",
                "Invalid TableArn: Invalid ResourceArn provided as input " + elsewhere);
        ResourceNotFoundException missing = (ResourceNotFoundException) assertError(() -> ddb.tagResource(b -> b
                .resourceArn(arn + "x").tags(tag("k", "v"))), "ResourceNotFoundException",
                "Requested resource not found: ResourceArn: " + arn + "x not found");
        assertThat(missing).isNotNull();
    }
}
