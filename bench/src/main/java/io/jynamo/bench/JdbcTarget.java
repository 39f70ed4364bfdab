package io.jynamo.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The ceiling: the same reads and writes as plain JDBC statements on the same PostgreSQL, from this JVM, each on
 * its own connection per worker thread, autocommit (one transaction per statement, as Jynamo has one per request).
 * Items are stored as Jynamo stores them: typed JSON in jsonb.
 */
final class JdbcTarget implements Target {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final String user;
    private final String password;
    private final ExecutorService workers;
    private final ThreadLocal<Connection> connection;
    private final List<Connection> connections = new ArrayList<>();

    JdbcTarget(String url, String user, String password, int concurrency) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.workers = Executors.newFixedThreadPool(concurrency);
        this.connection = ThreadLocal.withInitial(this::open);
    }

    private synchronized Connection open() {
        try {
            Connection c = DriverManager.getConnection(url, user, password);
            connections.add(c);
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String name() {
        return "jdbc-ceiling";
    }

    @Override
    public void load(int items, int concurrency) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_ceiling");
            s.execute("CREATE TABLE bench_ceiling (pk text NOT NULL, sk integer NOT NULL, item jsonb NOT NULL, "
                    + "PRIMARY KEY (pk, sk))");
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_ceiling VALUES (?, ?, ?::jsonb)")) {
                for (int i = 0; i < items; i++) {
                    ps.setString(1, "p" + i / PARTITION);
                    ps.setInt(2, i % PARTITION);
                    ps.setString(3, json(i));
                    ps.addBatch();
                    if (i % 1000 == 999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
            s.execute("ANALYZE bench_ceiling");
        }
    }

    static String json(int item) {
        ObjectNode o = JSON.createObjectNode();
        o.putObject("pk").put("S", "p" + item / PARTITION);
        o.putObject("sk").put("N", Integer.toString(item % PARTITION));
        for (int f = 0; f < FIELDS; f++) {
            o.putObject("field" + f).put("S", Target.field(item, f));
        }
        return o.toString();
    }

    private interface Sql {
        void run(Connection c) throws SQLException;
    }

    private CompletableFuture<?> submit(Sql sql) {
        return CompletableFuture.runAsync(() -> {
            try {
                sql.run(connection.get());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, workers);
    }

    @Override
    public CompletableFuture<?> get(int item) {
        return submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT item::text FROM bench_ceiling WHERE pk = ? AND "
                    + "sk = ?")) {
                ps.setString(1, "p" + item / PARTITION);
                ps.setInt(2, item % PARTITION);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                    }
                }
            }
        });
    }

    @Override
    public CompletableFuture<?> update(int item, String value) {
        return submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE bench_ceiling SET item = jsonb_set(item, "
                    + "'{field0}', jsonb_build_object('S', ?::text)) WHERE pk = ? AND sk = ?")) {
                ps.setString(1, value);
                ps.setString(2, "p" + item / PARTITION);
                ps.setInt(3, item % PARTITION);
                ps.executeUpdate();
            }
        });
    }

    /** Both rows in one transaction, locked in key order so that two transactions cannot deadlock. */
    @Override
    public CompletableFuture<?> updateTwo(int first, int second, String value) {
        return submit(c -> {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("UPDATE bench_ceiling SET item = jsonb_set(item, "
                    + "'{field0}', jsonb_build_object('S', ?::text)) WHERE pk = ? AND sk = ?")) {
                for (int item : new int[] {Math.min(first, second), Math.max(first, second)}) {
                    ps.setString(1, value);
                    ps.setString(2, "p" + item / PARTITION);
                    ps.setInt(3, item % PARTITION);
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    @Override
    public CompletableFuture<?> put(int item) {
        return submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_ceiling VALUES (?, ?, ?::jsonb) "
                    + "ON CONFLICT (pk, sk) DO UPDATE SET item = excluded.item")) {
                ps.setString(1, "p" + item / PARTITION);
                ps.setInt(2, item % PARTITION);
                ps.setString(3, json(item));
                ps.executeUpdate();
            }
        });
    }

    @Override
    public CompletableFuture<?> query(int partition) {
        return submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT item::text FROM bench_ceiling WHERE pk = ? "
                    + "ORDER BY sk LIMIT 25")) {
                ps.setString(1, "p" + partition);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                    }
                }
            }
        });
    }

    @Override
    public void close() throws SQLException {
        workers.shutdown();
        for (Connection c : connections) {
            c.close();
        }
    }
}
