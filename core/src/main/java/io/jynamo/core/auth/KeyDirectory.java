package io.jynamo.core.auth;

/** Where the verifier finds the secrets of access keys. */
public interface KeyDirectory<O> {
    /** The active long-term key of that id; null when there is none, or it is inactive. */
    KnownKey<O> key(String accessKeyId);

    /** The temporary credentials a session token was issued with; null when the token is unknown. */
    KnownKey<O> session(String sessionToken);
}
