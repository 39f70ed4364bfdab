package io.jynamo.core.streams;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * A position in a stream's shard, handed to the client: {@code <StreamArn>|1|<opaque>}, DynamoDB's form. The opaque
 * part holds the stream, the position (the sequence number last read; records after it come next) and when the
 * iterator was issued, with a checksum that tells a garbled iterator from a real one.
 *
 * @param position the internal sequence number after which reading goes on
 */
public record ShardIterator(String streamArn, long streamId, long position, Instant issuedAt) {

    /** "A shard iterator expires 15 minutes after it is returned to the requester." (GetShardIterator) */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(15);

    public String encode() {
        String body = streamId + ":" + position + ":" + issuedAt.toEpochMilli();
        String opaque = Base64.getUrlEncoder().withoutPadding()
                .encodeToString((body + ":" + checksum(streamArn + "|" + body)).getBytes(StandardCharsets.US_ASCII));
        return streamArn + "|1|" + opaque;
    }

    /** The iterator a request gives; ValidationException when it is not one of ours. */
    public static ShardIterator decode(String text) {
        int last = text.lastIndexOf('|');
        if (last < 2 || !text.startsWith("|1", last - 2) || text.indexOf('|') != last - 2) {
            throw invalid();
        }
        String arn = text.substring(0, last - 2);
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(text.substring(last + 1)), StandardCharsets.US_ASCII)
                    .split(":");
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (parts.length != 4 || !checksum(arn + "|" + parts[0] + ":" + parts[1] + ":" + parts[2]).equals(parts[3])) {
            throw invalid();
        }
        try {
            return new ShardIterator(arn, Long.parseLong(parts[0]), Long.parseLong(parts[1]),
                    Instant.ofEpochMilli(Long.parseLong(parts[2])));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    /** The iterator for going on after {@code newPosition}, issued now. */
    public ShardIterator next(long newPosition, Instant now) {
        return new ShardIterator(streamArn, streamId, newPosition, now);
    }

    /** Refuses an iterator older than {@code maxAge}. */
    public void checkNotExpired(Instant now, Duration maxAge) {
        if (issuedAt.plus(maxAge).isBefore(now)) {
            // the model's description of the error; DynamoDB's message for it is not documented
            throw new DynamoException(ErrorType.EXPIRED_ITERATOR,
                    "The provided iterator exceeds the maximum age allowed.");
        }
    }

    private static String checksum(String s) {
        CRC32 crc = new CRC32();
        crc.update(s.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }

    private static DynamoException invalid() {
        return DynamoException.validation("Invalid ShardIterator");
    }
}
