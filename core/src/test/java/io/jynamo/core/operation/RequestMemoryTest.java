package io.jynamo.core.operation;

import io.jynamo.core.api.RequestMemory;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a body costs once checked against its shape: bounded by the shape's lengths, charged to the request's
 * allowance as it grows, and never echoed whole in a message.
 */
class RequestMemoryTest {

    private static byte[] repeated(String head, String element, int times, String tail) {
        StringBuilder sb = new StringBuilder(head);
        for (int i = 0; i < times; i++) {
            sb.append(i > 0 ? "," : "").append(element);
        }
        return sb.append(tail).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static DynamoException refusal(Runnable parse) {
        try {
            parse.run();
        } catch (DynamoException e) {
            return e;
        }
        throw new AssertionError("accepted");
    }

    @Test
    void aListFarBeyondItsMaximumCostsWhatOneJustBeyondItDoes() {
        byte[] body = repeated("{\"RequestItems\":{\"tbl\":[", "{}", 300_000, "]}}");
        AtomicLong charged = new AtomicLong();
        DynamoException e;
        try (RequestMemory.Scope s = RequestMemory.charging(charged::set)) {
            e = refusal(() -> BatchWriteItem.parse(body));
        }
        assertThat(e.type()).isEqualTo(ErrorType.VALIDATION);
        assertThat(e.getMessage()).startsWith("1 validation error detected: Value '{tbl=[WriteRequest(putRequest=null, "
                + "deleteRequest=null), ").endsWith("' at 'requestItems' failed to satisfy constraint: Map value "
                + "must satisfy constraint: [Member must have length less than or equal to 25, Member must have "
                + "length greater than or equal to 1]");
        // 26 requests were built, not 300,000: nothing beyond the body itself was charged
        assertThat(charged.get()).isZero();
    }

    @Test
    void aLongValueIsEchoedOnlyInPart() {
        // 101 puts with 4 KB conditions: a value of some 420,000 characters, were it shown whole
        byte[] body = repeated("{\"TransactItems\":[", "{\"Put\":{\"TableName\":\"tbl\",\"Item\":{},"
                + "\"ConditionExpression\":\"" + "x".repeat(4000) + "\"}}", 200, "]}");
        DynamoException e = refusal(() -> TransactWriteItems.parse(body));
        assertThat(e.type()).isEqualTo(ErrorType.VALIDATION);
        assertThat(e.getMessage()).startsWith("1 validation error detected: Value '[TransactWriteItem(conditionCheck="
                + "null, put=Put(item={}, tableName=tbl, conditionExpression=xxx").endsWith("...' at 'transactItems' "
                + "failed to satisfy constraint: Member must have length less than or equal to 100");
        assertThat(e.getMessage().length()).isLessThan(66 * 1024);
    }

    @Test
    void elementsThatAreNotBuiltAreStillCheckedForTheirTypes() {
        byte[] body = repeated("{\"TransactItems\":[", "{}", 1_000, ",{\"Put\":[]}]}");
        assertThatThrownBy(() -> TransactWriteItems.parse(body))
                .isInstanceOfSatisfying(DynamoException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.SERIALIZATION))
                .hasMessage("Unrecognized collection type class com.amazonaws.dynamodb.v20120810.Put");
    }

    @Test
    void aTreeIsChargedAsItGrowsAtNoLessThanItsBody() {
        byte[] body = repeated("{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},\"l\":{\"L\":[", "{\"S\":\"x\"}",
                200_000, "]}}}");
        AtomicLong reports = new AtomicLong();
        AtomicLong charged = new AtomicLong();
        try (RequestMemory.Scope s = RequestMemory.charging(bytes -> {
            assertThat(bytes).isGreaterThan(charged.get());
            charged.set(bytes);
            reports.incrementAndGet();
        })) {
            PutItem.parse(body);
        }
        // a value of 9 bytes is an ObjectNode, a map entry, a TextNode and a String: some 20 times its body
        assertThat(charged.get()).isGreaterThan(15L * body.length);
        assertThat(reports.get()).isGreaterThan(10);
    }

    @Test
    void whenTheAllowanceRefusesNothingMoreIsBuilt() {
        byte[] body = repeated("{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},\"l\":{\"L\":[", "{\"NULL\":true}",
                200_000, "]}}}");
        DynamoException refused = new DynamoException(ErrorType.THROTTLING, "no room");
        AtomicLong last = new AtomicLong();
        try (RequestMemory.Scope s = RequestMemory.charging(bytes -> {
            last.set(bytes);
            if (bytes > 2L * body.length) {
                throw refused;
            }
        })) {
            assertThat(refusal(() -> PutItem.parse(body))).isSameAs(refused);
        }
        assertThat(last.get()).isLessThan(2L * body.length + 128 * 1024);
    }

    @Test
    void outsideARequestNothingIsCharged() {
        byte[] body = repeated("{\"TableName\":\"tbl\",\"Item\":{\"pk\":{\"S\":\"a\"},\"l\":{\"L\":[", "{\"N\":\"1\"}",
                10_000, "]}}}");
        AtomicLong charged = new AtomicLong();
        try (RequestMemory.Scope s = RequestMemory.charging(charged::set)) {
            PutItem.parse(body);
        }
        assertThat(charged.get()).isPositive();
        charged.set(0);
        PutItem.parse(body);
        assertThat(charged.get()).isZero();
    }
}
