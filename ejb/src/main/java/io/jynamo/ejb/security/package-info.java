/**
 * Who may call Jynamo: users, their access keys (secrets sealed by {@link io.jynamo.ejb.security.SecretCipher}) and
 * their policies, in the {@code iam_*} tables ({@link io.jynamo.ejb.security.IdentityStore}); the keys as the
 * signature verifier sees them ({@link io.jynamo.ejb.security.CredentialDirectory}); the administrator every
 * installation starts with ({@link io.jynamo.ejb.security.BootstrapAdministrator}).
 */
package io.jynamo.ejb.security;
