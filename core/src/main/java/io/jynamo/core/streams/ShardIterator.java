package io.jynamo.core.streams;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * A position in a stream's shard, handed to the client: {@code <StreamArn>|1|<opaque>}, DynamoDB's form. The opaque
 * part holds the stream, the position (the sequence number last read; records after it come next) and when the
 * iterator was issued, signed with the server's key ({@link Signer}): a client can neither forge an iterator nor make
 * one live longer or start elsewhere.
 *
 * @param position the internal sequence number after which reading goes on
 */
public record ShardIterator(String streamArn, long streamId, long position, Instant issuedAt) {

    /** "A shard iterator expires 15 minutes after it is returned to the requester." (GetShardIterator) */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(15);

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

    /**
     * Writes and reads iterators under an HMAC-SHA256 of the server's secret key (every node of a cluster shares it),
     * compared in constant time.
     */
    public static final class Signer {
        /** Bytes of the MAC kept: 128 bits, beyond guessing. */
        private static final int MAC_BYTES = 16;
        private final SecretKeySpec key;

        public Signer(byte[] secret) {
            this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        }

        public String encode(ShardIterator it) {
            String body = it.streamId() + ":" + it.position() + ":" + it.issuedAt().toEpochMilli();
            byte[] mac = mac(it.streamArn() + "|" + body);
            String opaque = Base64.getUrlEncoder().withoutPadding().encodeToString(body.getBytes(StandardCharsets.US_ASCII))
                    + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
            return it.streamArn() + "|1|" + opaque;
        }

        /** The iterator a request gives; ValidationException when it is not one this server signed. */
        public ShardIterator decode(String text) {
            int last = text.lastIndexOf('|');
            if (last < 2 || !text.startsWith("|1", last - 2) || text.indexOf('|') != last - 2) {
                throw invalid();
            }
            String arn = text.substring(0, last - 2);
            String[] opaque = text.substring(last + 1).split("\\.", -1);
            if (opaque.length != 2) {
                throw invalid();
            }
            String body;
            byte[] mac;
            try {
                body = new String(Base64.getUrlDecoder().decode(opaque[0]), StandardCharsets.US_ASCII);
                mac = Base64.getUrlDecoder().decode(opaque[1]);
            } catch (IllegalArgumentException e) {
                throw invalid();
            }
            if (!MessageDigest.isEqual(mac, mac(arn + "|" + body))) {
                throw invalid();
            }
            String[] parts = body.split(":");
            if (parts.length != 3) {
                throw invalid();
            }
            try {
                return new ShardIterator(arn, Long.parseLong(parts[0]), Long.parseLong(parts[1]),
                        Instant.ofEpochMilli(Long.parseLong(parts[2])));
            } catch (NumberFormatException e) {
                throw invalid();
            }
        }

        private byte[] mac(String signed) {
            try {
                Mac hmac = Mac.getInstance("HmacSHA256");
                hmac.init(key);
                return Arrays.copyOf(hmac.doFinal(signed.getBytes(StandardCharsets.UTF_8)), MAC_BYTES);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
        }
    }

    private static DynamoException invalid() {
        return DynamoException.validation("Invalid ShardIterator");
    }
}
