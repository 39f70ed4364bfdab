package io.jynamo.it;

import io.jynamo.ejb.testing.TestPostgres;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Chooses the PostgreSQL the server under test uses, before Arquillian starts it (arquillian.xml passes the choice
 * on as system properties): {@code JYNAMO_TEST_DB_URL} if set, else the machine's PostgreSQL on 127.0.0.1:5432 in a
 * database {@code jynamo_test} created afresh for the run, else an embedded PostgreSQL ({@link TestPostgres}).
 * Integration tests may open JDBC connections of their own with {@link #connect()} to check what was stored.
 */
public class TestDatabase implements LauncherSessionListener {
    private static final String TEST_DATABASE = "jynamo_test";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("jynamo.test.db.url") != null) {
            return;
        }
        TestPostgres.Database db = TestPostgres.fresh(TEST_DATABASE);
        System.setProperty("jynamo.test.db.url", db.url());
        System.setProperty("jynamo.test.db.user", db.user());
        System.setProperty("jynamo.test.db.password", db.password());
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
}
