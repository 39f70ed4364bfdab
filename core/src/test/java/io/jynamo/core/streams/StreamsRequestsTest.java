package io.jynamo.core.streams;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import io.jynamo.core.operation.TimeToLive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Stream ARNs, sequence numbers, shard iterators and the validation of Streams and TTL requests. */
class StreamsRequestsTest {
    private static final String ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/Music/stream/2015-05-11T21:21:33.291";

    private static byte[] json(String s) {
        return s.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static DynamoException refused(Runnable r) {
        DynamoException e = catchThrowableOfType(r::run, DynamoException.class);
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    @Test
    void streamArnsNameTheTableAndTheLabel() {
        StreamArn arn = StreamArn.parse(ARN);
        assertThat(arn.tableName()).isEqualTo("Music");
        assertThat(arn.label()).isEqualTo("2015-05-11T21:21:33.291");
        assertThat(arn.toString()).isEqualTo(ARN);
        assertThat(arn.notFound().getMessage()).isEqualTo("Requested resource not found: Stream: " + ARN + " not found");
        for (String bad : new String[] {"fake-stream", "arn:aws:dynamodb:us-east-1:000000000000:table/Music",
                ARN + "x", ARN.replace("/stream/", "/streams/")}) {
            DynamoException e = refused(() -> StreamArn.parse(bad));
            assertThat(e.type()).isEqualTo(ErrorType.VALIDATION);
            assertThat(e.getMessage()).isEqualTo("Invalid StreamArn");
        }
    }

    @Test
    void sequenceNumbersHaveTwentyOneDigitsAndOrderAsStringsDo() {
        assertThat(SequenceNumbers.format(1)).isEqualTo("100000000000000000001");
        assertThat(SequenceNumbers.format(9)).isLessThan(SequenceNumbers.format(10));
        assertThat(SequenceNumbers.parse(SequenceNumbers.format(123456))).isEqualTo(123456);
        for (String bad : new String[] {"12a", "1", "-100000000000000000001"}) {
            assertThat(refused(() -> SequenceNumbers.parse(bad)).type()).isEqualTo(ErrorType.VALIDATION);
        }
    }

    @Test
    void iteratorsSurviveTheRoundTripAndGarbledOrForgedOnesAreRefused() {
        ShardIterator.Signer signer = new ShardIterator.Signer("server secret".getBytes(StandardCharsets.UTF_8));
        ShardIterator it = new ShardIterator(ARN, 42, 7, Instant.ofEpochMilli(1_700_000_000_123L));
        String text = signer.encode(it);
        assertThat(text).startsWith(ARN + "|1|");
        assertThat(signer.decode(text)).isEqualTo(it);
        String opaque = text.substring(text.lastIndexOf('|') + 1);
        // a client who knows the format still cannot move the position or the issue time
        String forgedBody = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "42:0:4102444800000".getBytes(StandardCharsets.US_ASCII));
        String forged = ARN + "|1|" + forgedBody + opaque.substring(opaque.indexOf('.'));
        String otherKey = new ShardIterator.Signer("another secret".getBytes(StandardCharsets.UTF_8)).encode(it);
        for (String bad : new String[] {"x", ARN + "|1|", ARN + "|2|" + opaque, text.substring(0, text.length() - 2)
                + "AA", "a|b|1|" + opaque, forged, otherKey, ARN + "|1|" + opaque.replace(".", "")}) {
            DynamoException e = refused(() -> signer.decode(bad));
            assertThat(e.getMessage()).as(bad).isEqualTo("Invalid ShardIterator");
        }
        it.checkNotExpired(it.issuedAt().plus(Duration.ofMinutes(14)), ShardIterator.DEFAULT_MAX_AGE);
        DynamoException expired = refused(() -> it.checkNotExpired(it.issuedAt().plus(Duration.ofMinutes(16)),
                ShardIterator.DEFAULT_MAX_AGE));
        assertThat(expired.type()).isEqualTo(ErrorType.EXPIRED_ITERATOR);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{'StreamArn':'" + ARN + "','ShardId':'shardId-00000001414562045508-2bac9cd2','ShardIteratorType':"
                    + "'AT_SEQUENCE_NUMBER'}|Must specify a SequenceNumber when ShardIteratorType is AT_SEQUENCE_NUMBER",
            "{'StreamArn':'" + ARN + "','ShardId':'shardId-00000001414562045508-2bac9cd2','ShardIteratorType':"
                    + "'LATEST','SequenceNumber':'100000000000000000001'}|Must not specify a SequenceNumber when "
                    + "ShardIteratorType is LATEST",
            "{'StreamArn':'" + ARN + "','ShardId':'shardId-00000001414562045508-2bac9cd2','ShardIteratorType':"
                    + "'OLDEST'}|1 validation error detected: Value 'OLDEST' at 'shardIteratorType' failed to satisfy "
                    + "constraint: Member must satisfy enum value set: [TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, "
                    + "AFTER_SEQUENCE_NUMBER]",
            "{'ShardId':'shardId-00000001414562045508-2bac9cd2','ShardIteratorType':'LATEST'}|1 validation error "
                    + "detected: Value null at 'streamArn' failed to satisfy constraint: Member must not be null",
    })
    void getShardIteratorRequestsAreValidated(String body, String message) {
        DynamoException e = refused(() -> GetShardIterator.parse(json(body)));
        assertThat(e.type()).isEqualTo(ErrorType.VALIDATION);
        assertThat(e.getMessage()).isEqualTo(message);
    }

    @Test
    void listStreamsAndGetRecordsLimitsAreChecked() {
        assertThat(refused(() -> ListStreams.parse(json("{'Limit':101}"))).getMessage()).isEqualTo("1 validation "
                + "error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less "
                + "than or equal to 100");
        assertThat(refused(() -> ListStreams.parse(json("{'Limit':0}"))).getMessage()).endsWith("Member must have "
                + "value greater than or equal to 1");
        assertThat(refused(() -> GetRecords.parse(json("{'ShardIterator':'x','Limit':0}"))).type())
                .isEqualTo(ErrorType.VALIDATION);
        assertThat(ListStreams.parse(json("{}")).limit()).isEqualTo(100);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{'TableName':'tbl'}|1 validation error detected: Value null at 'timeToLiveSpecification' failed to "
                    + "satisfy constraint: Member must not be null",
            "{'TableName':'tbl','TimeToLiveSpecification':{'Enabled':true}}|1 validation error detected: Value null "
                    + "at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must not be "
                    + "null",
            "{'TableName':'tbl','TimeToLiveSpecification':{'AttributeName':'x'}}|1 validation error detected: Value "
                    + "null at 'timeToLiveSpecification.enabled' failed to satisfy constraint: Member must not be null",
            "{'TableName':'tbl','TimeToLiveSpecification':{'Enabled':true,'AttributeName':''}}|1 validation error "
                    + "detected: Value '' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: "
                    + "Member must have length greater than or equal to 1",
    })
    void updateTimeToLiveRequestsAreValidated(String body, String message) {
        DynamoException e = refused(() -> TimeToLive.parseUpdate(json(body)));
        assertThat(e.type()).isEqualTo(ErrorType.VALIDATION);
        assertThat(e.getMessage()).isEqualTo(message);
    }

    @Test
    void aTtlEnabledAsAStringIsASerializationError() {
        assertThat(refused(() -> TimeToLive.parseUpdate(json("{'TableName':'tbl','TimeToLiveSpecification':"
                + "{'Enabled':'maybe','AttributeName':'x'}}"))).type()).isEqualTo(ErrorType.SERIALIZATION);
    }
}
