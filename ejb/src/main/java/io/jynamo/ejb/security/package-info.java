/**
 * Who may call Jynamo and what they may do: users, groups, roles, their access keys (secrets sealed by
 * {@link io.jynamo.ejb.security.SecretCipher}), temporary credentials and policies, in the {@code iam_*} and
 * {@code sts_session} tables ({@link io.jynamo.ejb.security.IdentityStore}) and managed through IAM's and STS's
 * actions ({@link io.jynamo.ejb.security.IamService}); what the signature verifier and the authorizer read of them,
 * cached for five seconds ({@link io.jynamo.ejb.security.CredentialDirectory},
 * {@link io.jynamo.ejb.security.CallerPolicies}, {@link io.jynamo.ejb.security.ResourcePolicyDirectory}); the
 * administrator every installation starts with ({@link io.jynamo.ejb.security.BootstrapAdministrator}); and the audit
 * trail ({@link io.jynamo.ejb.security.AuditLog}).
 */
package io.jynamo.ejb.security;
