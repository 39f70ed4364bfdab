-- The managed session policies an AssumeRole was given (PolicyArns), by ARN: like the inline session policy they
-- bound what the session may do, each at its current version, as IAM evaluates managed policies.
ALTER TABLE sts_session ADD COLUMN session_policy_arns text[];
