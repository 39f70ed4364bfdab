package io.jynamo.ejb.cluster;

import io.jynamo.ejb.config.NodeName;
import io.jynamo.ejb.schema.Datasource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's place in the cluster ({@code cluster_node}): registered at deployment, before anything is served; a
 * heartbeat every {@link #BEAT}; a look at the others every {@link #POLL}, which {@link ClusterView} keeps. The
 * heartbeat skips the WAL flush: a lost heartbeat only makes the others think this node alive a little shorter.
 *
 * <p>The heartbeat keeps a connection of its own, taken from the pool once (and again only when it fails): a pool
 * that requests have drained must not hold up the beats, or the others would count this node gone while it still
 * acknowledges writes.
 *
 * <p>A node registers under its name and an id of this start of it: two servers given the same name (the same
 * {@code JYNAMO_NODE_ID}, or the same host name and directory) still see each other. A registration found gone
 * (deleted as long dead after a very long pause) is made again, and the node then waits {@link ClusterView#WRITE_DELAY}
 * again before it acknowledges writes, as a new node does.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterHeartbeat {
    private static final Logger LOG = Logger.getLogger(ClusterHeartbeat.class.getName());
    static final Duration POLL = Duration.ofMillis(200);
    static final Duration BEAT = Duration.ofSeconds(1);

    @Resource(lookup = Datasource.JNDI_NAME)
    private DataSource dataSource;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @Inject
    private ClusterView view;

    /** Registrations whose heartbeat is older than this are deleted by any node that registers. */
    private static final Duration FORGOTTEN = Duration.ofHours(1);

    private final String node = NodeName.get() + "#" + UUID.randomUUID();
    private ScheduledFuture<?> task;
    private long lastBeatNanos;
    /** The heartbeat's own connection; null until needed, and after it failed. Used under this bean's lock. */
    private Connection connection;

    @PostConstruct
    void start() {
        try {
            register();
        } catch (SQLException e) {
            throw new IllegalStateException("could not register this node in cluster_node", e);
        }
        task = scheduler.scheduleWithFixedDelay(this::tick, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void register() throws SQLException {
        long now = System.nanoTime();
        Connection c = connection();
        try (PreparedStatement forget = c.prepareStatement(
                     "DELETE FROM cluster_node WHERE heartbeat_at < now() - ? * interval '1 ms'");
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO cluster_node (node_id, started_at, heartbeat_at) VALUES (?, now(), now())"
                             + " ON CONFLICT (node_id) DO UPDATE SET started_at = now(), heartbeat_at = now()")) {
            forget.setLong(1, FORGOTTEN.toMillis());
            forget.executeUpdate();
            ps.setString(1, node);
            ps.executeUpdate();
        } catch (SQLException e) {
            dropConnection();
            throw e;
        }
        view.registered(now);
        lastBeatNanos = now;
    }

    /** The heartbeat's connection, taken from the pool if it has none. */
    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = dataSource.getConnection();
        }
        return connection;
    }

    private void dropConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.log(Level.FINE, "closing the heartbeat's failed connection", e);
            }
            connection = null;
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (task != null) {
            task.cancel(false);
        }
        // gone: the others need not wait for this node's heartbeat to age
        try (PreparedStatement ps = connection().prepareStatement("DELETE FROM cluster_node WHERE node_id = ?")) {
            ps.setString(1, node);
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "could not unregister this node", e);
        }
        dropConnection();
    }

    /** A heartbeat at once, for a node whose last one is too old for it to acknowledge a write. */
    public void beatNow() {
        try {
            beat(System.nanoTime());
        } catch (SQLException first) {
            // once more, on a fresh connection: the heartbeat's own may have been the one that failed
            try {
                beat(System.nanoTime());
            } catch (SQLException e) {
                throw new IllegalStateException("no heartbeat: cannot acknowledge writes safely", e);
            }
        }
    }

    private synchronized void tick() {
        long now = System.nanoTime();
        try {
            if (now - lastBeatNanos >= BEAT.toNanos()) {
                beat(now);
            }
            view.looked(now, othersAlive());
        } catch (SQLException | RuntimeException e) {
            // the look's lease runs out by itself: reads stop relying on being alone
            LOG.log(Level.FINE, "cluster heartbeat failed", e);
        }
    }

    private synchronized void beat(long now) throws SQLException {
        if (now - lastBeatNanos < 0) {
            // another request's beat came first while this one waited for the lock
            return;
        }
        boolean registered;
        Connection c = connection();
        try (Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SET LOCAL synchronous_commit = off");
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE cluster_node SET heartbeat_at = now() WHERE node_id = ?")) {
                ps.setString(1, node);
                registered = ps.executeUpdate() == 1;
            }
            c.commit();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            dropConnection();
            throw e;
        }
        if (!registered) {
            LOG.warning("This node's registration in cluster_node was gone: registered again");
            register();
            return;
        }
        lastBeatNanos = now;
        view.beat(now);
    }

    private int othersAlive() throws SQLException {
        try (PreparedStatement ps = connection().prepareStatement(
                "SELECT count(*) FROM cluster_node WHERE node_id <> ? AND heartbeat_at > now() - ? * interval '1 ms'")) {
            ps.setString(1, node);
            ps.setLong(2, ClusterView.ALIVE.toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            dropConnection();
            throw e;
        }
    }
}
