package io.jynamo.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts Jynamo for use on this machine: the provisioned WildFly with the EAR deployed, on port 8000.
 *
 * <p>When {@code JYNAMO_DB_URL} is set, Jynamo uses that PostgreSQL (with {@code JYNAMO_DB_USER} and
 * {@code JYNAMO_DB_PASSWORD}). Otherwise it starts an embedded PostgreSQL whose data lives in {@code JYNAMO_DATA_DIR}
 * (default {@code ~/.jynamo/pgdata}) and survives restarts.
 *
 * <p>What Jynamo keeps on this machine besides the database lives in {@code JYNAMO_HOME} (default {@code ~/.jynamo}):
 * the key the secrets of access keys are sealed with ({@code secret.key}, made at the first start) and, unless
 * {@code JYNAMO_ADMIN_ACCESS_KEY_ID} and {@code JYNAMO_ADMIN_SECRET_ACCESS_KEY} give the administrator's key, the
 * key made for it at the first start ({@code credentials}, profile {@code jynamo}).
 *
 * <p>{@code JYNAMO_PORT} moves the DynamoDB endpoint off 8000 and {@code JYNAMO_MANAGEMENT_PORT} the server's
 * management port off 9990, so that a second Jynamo can run beside a first (the benchmark does).
 *
 * <p>The server runs from a base directory of its own (a fresh copy of the provisioned configuration each start), so
 * the provisioned server stays pristine for the integration tests. Stopping the launcher (Ctrl-C) stops the server
 * and the embedded database.
 */
public final class Launcher {
    /** Port of the embedded PostgreSQL, away from a system PostgreSQL's 5432. */
    private static final int DEFAULT_EMBEDDED_PORT = 54329;
    private static final String DATABASE = "jynamo";

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        Path wildflyHome = Path.of(required("jynamo.wildfly.home")).toAbsolutePath().normalize();
        Path ear = Path.of(required("jynamo.ear")).toAbsolutePath().normalize();
        Path runDir = Path.of(required("jynamo.run.dir")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(ear) || !Files.isDirectory(wildflyHome)) {
            throw new IllegalStateException("Build first: mvn install -DskipTests (missing " + ear + " or "
                    + wildflyHome + ")");
        }

        String url = System.getenv("JYNAMO_DB_URL");
        String user = envOr("JYNAMO_DB_USER", "postgres");
        String password = envOr("JYNAMO_DB_PASSWORD", "postgres");
        EmbeddedPostgres embedded = null;
        if (url == null || url.isBlank()) {
            embedded = startEmbedded();
            url = embedded.getJdbcUrl("postgres", DATABASE);
            user = "postgres";
        }

        Path home = Path.of(envOr("JYNAMO_HOME", System.getProperty("user.home") + "/.jynamo")).toAbsolutePath();
        Path baseDir = prepareBaseDir(wildflyHome, runDir, ear);
        List<String> command = new ArrayList<>();
        command.add(wildflyHome.resolve("bin/standalone.sh").toString());
        command.add("-Djboss.server.base.dir=" + baseDir);
        command.add("-Djynamo.db.url=" + url);
        command.add("-Djynamo.db.user=" + user);
        command.add("-Djynamo.db.password=" + password);
        if (System.getenv("JYNAMO_SECRET_KEY") == null) {
            command.add("-Djynamo.secret-key-file=" + SecretKeyFile.ensure(home.resolve("secret.key")));
        }
        command.add("-Djynamo.admin.credentials-file=" + envOr("JYNAMO_ADMIN_CREDENTIALS_FILE",
                home.resolve("credentials").toString()));
        String managementPort = System.getenv("JYNAMO_MANAGEMENT_PORT");
        if (managementPort != null && !managementPort.isBlank()) {
            command.add("-Djboss.management.http.port=" + managementPort);
        }
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().put("JBOSS_HOME", wildflyHome.toString());
        // WildFly's script would fix the heap at 512 MB; a quarter of the machine (the JVM's own default) leaves
        // room for the largest requests DynamoDB accepts (see RequestBudget). JBOSS_JAVA_SIZING overrides it.
        pb.environment().putIfAbsent("JBOSS_JAVA_SIZING", "-Xms256m -XX:MaxRAMPercentage=25");
        Process server = pb.start();

        EmbeddedPostgres database = embedded;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, database), "jynamo-shutdown"));
        int exit = server.waitFor();
        stop(server, database);
        System.exit(exit);
    }

    private static EmbeddedPostgres startEmbedded() throws IOException, SQLException {
        Path dataDir = Path.of(envOr("JYNAMO_DATA_DIR",
                envOr("JYNAMO_HOME", System.getProperty("user.home") + "/.jynamo") + "/pgdata")).toAbsolutePath();
        int port = Integer.parseInt(envOr("JYNAMO_EMBEDDED_DB_PORT", String.valueOf(DEFAULT_EMBEDDED_PORT)));
        Files.createDirectories(dataDir);
        System.out.println("Jynamo: starting embedded PostgreSQL on port " + port + ", data in " + dataDir);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                // the library turns synchronous_commit off (it is made for tests); an acknowledged write must be
                // on disk before Jynamo answers, so durability is restored
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                // a 100-item transaction holds 100 item locks; PostgreSQL's default leaves room for 64 per connection
                .setServerConfig("max_locks_per_transaction", "256")
                .start();
        try (Connection c = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"), "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8'");
            }
        }
        return pg;
    }

    /** A fresh server base directory: the provisioned configuration and the EAR to deploy. */
    private static Path prepareBaseDir(Path wildflyHome, Path runDir, Path ear) throws IOException {
        // one base directory per port, so that two Jynamos (say, the benchmark's and yours) do not share one
        Path baseDir = runDir.resolve("standalone-" + envOr("JYNAMO_PORT", "8000"));
        ServerBaseDirectory.prepare(wildflyHome, baseDir, ear);
        return baseDir;
    }

    private static void stop(Process server, EmbeddedPostgres database) {
        if (server.isAlive()) {
            // standalone.sh runs the server JVM as its child: stop that first, then the script
            server.descendants().forEach(ProcessHandle::destroy);
            server.destroy();
            try {
                server.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (database != null) {
            try {
                database.close();
            } catch (IOException e) {
                System.err.println("Jynamo: could not stop the embedded PostgreSQL: " + e);
            }
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run via mvn -pl launcher "
                    + "exec:java)");
        }
        return value;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
