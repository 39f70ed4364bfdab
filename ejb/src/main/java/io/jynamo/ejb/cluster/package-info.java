/**
 * The nodes of the cluster and what one knows of the others: {@link io.jynamo.ejb.cluster.ClusterHeartbeat}
 * (registration, heartbeats and looks at the others in {@code cluster_node}) and {@link io.jynamo.ejb.cluster.ClusterView}
 * (the rules that make acting on that knowledge safe).
 */
package io.jynamo.ejb.cluster;
