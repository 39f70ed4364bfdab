package io.jynamo.ejb.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The PostgreSQL a test run uses, chosen once per JVM:
 * <ol>
 *   <li>{@code JYNAMO_TEST_DB_URL} (with {@code JYNAMO_TEST_DB_USER} / {@code JYNAMO_TEST_DB_PASSWORD}) if set;</li>
 *   <li>else the machine's PostgreSQL on 127.0.0.1:5432, in a database of the caller's naming, created afresh;</li>
 *   <li>else an embedded PostgreSQL in a temporary directory, stopped when the JVM ends.</li>
 * </ol>
 * Real PostgreSQL either way: the storage's SQL (partitions, advisory locks, jsonb) is what is under test.
 */
public final class TestPostgres {
    private static final String LOCAL_SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private static EmbeddedPostgres embedded;

    private TestPostgres() {
    }

    /** Where a database is and how to log in. */
    public record Database(String url, String user, String password) {
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    /** A fresh, empty database named {@code name} (on an embedded server: that server's own database). */
    public static synchronized Database fresh(String name) {
        String url = System.getenv("JYNAMO_TEST_DB_URL");
        String user = env("JYNAMO_TEST_DB_USER", "postgres");
        String password = env("JYNAMO_TEST_DB_PASSWORD", "postgres");
        if (url != null) {
            return new Database(url, user, password);
        }
        if (recreateLocalDatabase(name, user, password)) {
            return new Database(LOCAL_SERVER + name, user, password);
        }
        return new Database(startEmbedded(), "postgres", "postgres");
    }

    private static boolean recreateLocalDatabase(String name, String user, String password) {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "3");
        try (Connection c = DriverManager.getConnection(LOCAL_SERVER + "postgres", props);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8'");
            return true;
        } catch (SQLException e) {
            System.err.println("No PostgreSQL at 127.0.0.1:5432 (" + e.getMessage() + "); using an embedded one");
            return false;
        }
    }

    private static String startEmbedded() {
        try {
            if (embedded == null) {
                embedded = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        embedded.close();
                    } catch (IOException ignored) {
                        // the JVM is going anyway
                    }
                }));
            }
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
