-- Secrets the nodes of a cluster share, made at random by the first node that needs one (io.jynamo.ejb.storage
-- .ServerSecrets): the key that signs shard iterators, so that clients can neither forge nor extend them.
CREATE TABLE server_secret (
    name        text         PRIMARY KEY,
    secret      bytea        NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now()
);
