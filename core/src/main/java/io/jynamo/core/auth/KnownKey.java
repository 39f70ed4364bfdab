package io.jynamo.core.auth;

import java.time.Instant;

/**
 * An access key the server knows: its secret, whom it belongs to, and (for temporary credentials) when it expires.
 *
 * @param owner   what the key identifies (a user), for authorization
 * @param expires when temporary credentials stop working; null for a long-term key
 */
public record KnownKey<O>(String accessKeyId, String secret, O owner, Instant expires) {
    @Override
    public String toString() {
        // never the secret
        return "KnownKey[" + accessKeyId + "]";
    }
}
