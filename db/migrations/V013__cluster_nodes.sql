-- The nodes of the cluster (io.jynamo.ejb.cluster): each says it is alive every second, in the database's time. A
-- node that knows itself alone serves eventually consistent reads from memory without a time limit; see
-- ClusterView for the rules that keep another node's writes from going unseen.
CREATE TABLE cluster_node (
    node_id       text         PRIMARY KEY,
    started_at    timestamptz  NOT NULL,
    heartbeat_at  timestamptz  NOT NULL
);
