package io.jynamo.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Chooses the PostgreSQL the server under test uses, before Arquillian starts it (arquillian.xml passes the choice
 * on as system properties):
 * <ol>
 *   <li>{@code JYNAMO_TEST_DB_URL} (with {@code JYNAMO_TEST_DB_USER} / {@code JYNAMO_TEST_DB_PASSWORD}) if set;</li>
 *   <li>else the machine's PostgreSQL on 127.0.0.1:5432, in a database {@code jynamo_test} created afresh for the
 *       run;</li>
 *   <li>else an embedded PostgreSQL in a temporary directory, stopped when the run ends.</li>
 * </ol>
 * Integration tests may open JDBC connections of their own with {@link #connect()} to check what was stored.
 */
public class TestDatabase implements LauncherSessionListener {
    private static final String LOCAL_SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String TEST_DATABASE = "jynamo_test";

    private static EmbeddedPostgres embedded;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("jynamo.test.db.url") != null) {
            return;
        }
        String url = System.getenv("JYNAMO_TEST_DB_URL");
        String user = env("JYNAMO_TEST_DB_USER", "postgres");
        String password = env("JYNAMO_TEST_DB_PASSWORD", "postgres");
        if (url == null) {
            if (recreateLocalDatabase(user, password)) {
                url = LOCAL_SERVER + TEST_DATABASE;
            } else {
                url = startEmbedded();
                user = "postgres";
            }
        }
        System.setProperty("jynamo.test.db.url", url);
        System.setProperty("jynamo.test.db.user", user);
        System.setProperty("jynamo.test.db.password", password);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A connection to the database the server under test uses. */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getProperty("jynamo.test.db.url"),
                System.getProperty("jynamo.test.db.user"), System.getProperty("jynamo.test.db.password"));
    }

    /** The catalog id of a table (its items are in the partition {@code item_<id>}). */
    public static long tableId(Connection c, String table) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT id FROM catalog_table WHERE name = ?")) {
            ps.setString(1, table);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no table " + table + " in the catalog");
                }
                return rs.getLong(1);
            }
        }
    }

    private static boolean recreateLocalDatabase(String user, String password) {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "3");
        try (Connection c = DriverManager.getConnection(LOCAL_SERVER + "postgres", props);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + TEST_DATABASE + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + TEST_DATABASE + " ENCODING 'UTF8'");
            return true;
        } catch (SQLException e) {
            System.err.println("No PostgreSQL at 127.0.0.1:5432 (" + e.getMessage() + "); using an embedded one");
            return false;
        }
    }

    private static String startEmbedded() {
        try {
            embedded = EmbeddedPostgres.builder().start();
            return embedded.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
