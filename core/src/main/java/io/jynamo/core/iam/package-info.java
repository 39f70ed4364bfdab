/**
 * IAM policies as IAM reads and applies them: {@link io.jynamo.core.iam.PolicyDocument} parses and checks a document
 * (identity, trust or resource-based, whose {@link io.jynamo.core.iam.Principals} name whom they are about) with
 * IAM's MalformedPolicyDocument messages; {@link io.jynamo.core.iam.PolicyEvaluator} decides an
 * {@link io.jynamo.core.iam.AccessRequest} over identity, session and resource policies as IAM does within one
 * account, with IAM's patterns, policy variables and condition operators, and says which kind of policy decided
 * ({@link io.jynamo.core.iam.Verdict}). Also the Query protocol of IAM and STS: form parameters, XML, errors, names.
 */
package io.jynamo.core.iam;
