package io.jynamo.core.iam;

/** What the policies say of a request. */
public enum Decision {
    ALLOW,
    /** No statement allows it. */
    IMPLICIT_DENY,
    /** A statement denies it, whatever others allow. */
    EXPLICIT_DENY
}
