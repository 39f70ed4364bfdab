/**
 * IAM policies as IAM reads and applies them: {@link io.jynamo.core.iam.PolicyDocument} parses and checks a document
 * with IAM's MalformedPolicyDocument messages; {@link io.jynamo.core.iam.PolicyEvaluator} decides an
 * {@link io.jynamo.core.iam.AccessRequest} (explicit deny, then allow, else implicit deny), with IAM's patterns,
 * policy variables and condition operators.
 */
package io.jynamo.core.iam;
