package io.jynamo.ejb.config;

/** This node's name in the cluster, as the scheduler and the cluster's heartbeat know it. */
public final class NodeName {
    private NodeName() {
    }

    /**
     * This node's name in the cluster: {@code JYNAMO_NODE_ID} when set (it must then be unique per node), else the
     * host name and the server's base directory. The name must stay the same across restarts and redeployments: a
     * node starting under a name recovers the jobs its previous life left acquired or running, at once, where under
     * a new name they would wait for the cluster to declare the old one dead.
     */
    public static String get() {
        String configured = System.getenv("JYNAMO_NODE_ID");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        String baseDir = System.getProperty("jboss.server.base.dir", "");
        return host + "-" + Integer.toHexString(baseDir.hashCode());
    }
}
