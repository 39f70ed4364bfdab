-- Who may call Jynamo, as IAM keeps it (io.jynamo.ejb.security): users, groups, their access keys, their policies,
-- and the temporary credentials STS issues. Names of users, groups and policies are unique regardless of case, as
-- in IAM. Ids are IAM's: AIDA… for users, AGPA… for groups, ANPA… for managed policies, AKIA… for access keys,
-- ASIA… for temporary ones.
CREATE TABLE iam_user (
    id          text         PRIMARY KEY,
    name        text         NOT NULL,
    path        text         NOT NULL DEFAULT '/',
    created_at  timestamptz  NOT NULL
);
CREATE UNIQUE INDEX iam_user_name ON iam_user (lower(name));

CREATE TABLE iam_group (
    id          text         PRIMARY KEY,
    name        text         NOT NULL,
    path        text         NOT NULL DEFAULT '/',
    created_at  timestamptz  NOT NULL
);
CREATE UNIQUE INDEX iam_group_name ON iam_group (lower(name));

CREATE TABLE iam_group_member (
    group_id    text         NOT NULL REFERENCES iam_group (id),
    user_id     text         NOT NULL REFERENCES iam_user (id),
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX iam_group_member_by_user ON iam_group_member (user_id);

-- A user's long-term keys (at most two, as IAM allows). The secret is encrypted (AES-GCM: nonce, then ciphertext
-- and tag) with the key of the server's configuration; it is shown once, when the key is made.
--   last_used_*  when, where and for what the key last signed a request (kept to the minute)
CREATE TABLE iam_access_key (
    id                 text         PRIMARY KEY,
    user_id            text         NOT NULL REFERENCES iam_user (id),
    secret             bytea        NOT NULL,
    status             text         NOT NULL CHECK (status IN ('Active', 'Inactive')),
    created_at         timestamptz  NOT NULL,
    last_used_at       timestamptz,
    last_used_service  text,
    last_used_region   text
);
CREATE INDEX iam_access_key_by_user ON iam_access_key (user_id);

-- Inline policies, embedded in one user or one group.
CREATE TABLE iam_user_policy (
    user_id     text         NOT NULL REFERENCES iam_user (id),
    name        text         NOT NULL,
    document    text         NOT NULL,
    PRIMARY KEY (user_id, name)
);
CREATE TABLE iam_group_policy (
    group_id    text         NOT NULL REFERENCES iam_group (id),
    name        text         NOT NULL,
    document    text         NOT NULL,
    PRIMARY KEY (group_id, name)
);

-- Managed policies of the account, attachable to users and groups; one version each (v1).
CREATE TABLE iam_managed_policy (
    id           text         PRIMARY KEY,
    name         text         NOT NULL,
    path         text         NOT NULL DEFAULT '/',
    description  text,
    document     text         NOT NULL,
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL
);
CREATE UNIQUE INDEX iam_managed_policy_name ON iam_managed_policy (lower(name));

CREATE TABLE iam_user_attachment (
    user_id     text         NOT NULL REFERENCES iam_user (id),
    policy_id   text         NOT NULL REFERENCES iam_managed_policy (id),
    PRIMARY KEY (user_id, policy_id)
);
CREATE TABLE iam_group_attachment (
    group_id    text         NOT NULL REFERENCES iam_group (id),
    policy_id   text         NOT NULL REFERENCES iam_managed_policy (id),
    PRIMARY KEY (group_id, policy_id)
);

-- Temporary credentials (STS GetSessionToken): the session token is kept as its SHA-256 only.
CREATE TABLE sts_session (
    token_sha256   bytea        PRIMARY KEY,
    access_key_id  text         NOT NULL UNIQUE,
    secret         bytea        NOT NULL,
    user_id        text         NOT NULL REFERENCES iam_user (id) ON DELETE CASCADE,
    expires_at     timestamptz  NOT NULL
);
CREATE INDEX sts_session_by_expiry ON sts_session (expires_at);
