-- IAM roles (io.jynamo.ejb.security): assumed through STS AssumeRole by the principals their trust policy names, for
-- temporary credentials with the role's permissions. Names unique regardless of case, as in IAM; ids AROA….
--   trust_policy         the AssumeRolePolicyDocument, as given
--   max_session_seconds  the longest session AssumeRole may ask for (3,600 to 43,200)
--   last_used_*          when and where a session of the role last signed a request (kept to the minute)
CREATE TABLE iam_role (
    id                   text         PRIMARY KEY,
    name                 text         NOT NULL,
    path                 text         NOT NULL DEFAULT '/',
    trust_policy         text         NOT NULL,
    description          text,
    max_session_seconds  integer      NOT NULL DEFAULT 3600,
    created_at           timestamptz  NOT NULL,
    last_used_at         timestamptz,
    last_used_region     text
);
CREATE UNIQUE INDEX iam_role_name ON iam_role (lower(name));

CREATE TABLE iam_role_policy (
    role_id     text         NOT NULL REFERENCES iam_role (id),
    name        text         NOT NULL,
    document    text         NOT NULL,
    PRIMARY KEY (role_id, name)
);
CREATE TABLE iam_role_attachment (
    role_id     text         NOT NULL REFERENCES iam_role (id),
    policy_id   text         NOT NULL REFERENCES iam_managed_policy (id),
    PRIMARY KEY (role_id, policy_id)
);

-- Temporary credentials are a user's (GetSessionToken) or a role's (AssumeRole); a role's session has a name, may
-- have a session policy bounding it, and may have been assumed by another role's session (role chaining). They end
-- with their user or role.
ALTER TABLE sts_session
    ALTER COLUMN user_id DROP NOT NULL,
    ADD COLUMN role_id         text     REFERENCES iam_role (id) ON DELETE CASCADE,
    ADD COLUMN session_name    text,
    ADD COLUMN session_policy  text,
    ADD COLUMN chained         boolean  NOT NULL DEFAULT false,
    ADD CONSTRAINT sts_session_of_user_or_role CHECK ((user_id IS NULL) <> (role_id IS NULL));

-- The resource-based policy of a table and of a stream (PutResourcePolicy), in the form GetResourcePolicy returns,
-- and its revision: the time of its last change in epoch milliseconds, kept after a DeleteResourcePolicy too (the
-- revision of the deletion).
ALTER TABLE catalog_table
    ADD COLUMN resource_policy           text,
    ADD COLUMN resource_policy_revision  text;
ALTER TABLE stream
    ADD COLUMN resource_policy           text,
    ADD COLUMN resource_policy_revision  text;

-- The IAM error an audited IAM or STS action ended with (NoSuchEntity, ...); null when it succeeded.
ALTER TABLE audit_event ADD COLUMN error_code text;
