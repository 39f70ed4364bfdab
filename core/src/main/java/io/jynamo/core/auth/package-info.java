/**
 * Authentication as AWS does it: Signature Version 4, checked in DynamoDB's order with its messages
 * ({@link io.jynamo.core.auth.SignatureParameters} for presence, {@link io.jynamo.core.auth.SignatureVerifier} for the
 * rest, {@link io.jynamo.core.auth.CanonicalRequest} for what is signed). Where the secrets come from is the caller's
 * business ({@link io.jynamo.core.auth.KeyDirectory}).
 */
package io.jynamo.core.auth;
