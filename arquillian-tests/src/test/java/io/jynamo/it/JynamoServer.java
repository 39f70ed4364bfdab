package io.jynamo.it;

import io.jynamo.launcher.ServerBaseDirectory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A Jynamo server of a test's own: the provisioned WildFly with the built EAR, started as a separate process (as
 * {@code standalone.sh} runs in production), so that the test can kill it with SIGKILL and start it again.
 */
final class JynamoServer {
    private final Path baseDir;
    private final int portOffset;
    private final String databaseUrl;
    private final List<String> properties = new java.util.ArrayList<>();
    private Process process;

    /**
     * @param baseDir the server's base directory (configuration, deployments, data, log); kept between starts
     */
    JynamoServer(Path baseDir, int portOffset, String databaseUrl) {
        this.baseDir = baseDir;
        this.portOffset = portOffset;
        this.databaseUrl = databaseUrl;
    }

    /** Sets a system property of the server JVM (from the next start on). */
    JynamoServer property(String name, String value) {
        properties.add("-D" + name + "=" + value);
        return this;
    }

    URI endpoint() {
        return URI.create("http://localhost:" + (8000 + portOffset) + "/");
    }

    /** Prepares a fresh base directory: the provisioned configuration and the EAR to deploy. */
    void install() throws IOException {
        ServerBaseDirectory.prepare(Path.of(System.getProperty("jboss.home")), baseDir,
                Path.of(System.getProperty("jynamo.ear")));
    }

    /** Starts the server and waits until Jynamo answers DynamoDB requests. */
    void start() throws IOException, InterruptedException {
        Path jbossHome = Path.of(System.getProperty("jboss.home"));
        List<String> command = new java.util.ArrayList<>(List.of(jbossHome.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + baseDir,
                "-Djboss.socket.binding.port-offset=" + portOffset,
                "-Djynamo.db.url=" + databaseUrl,
                "-Djynamo.db.user=" + System.getProperty("jynamo.test.db.user"),
                "-Djynamo.db.password=" + System.getProperty("jynamo.test.db.password"),
                // the suite's server and its extra nodes share PostgreSQL's 100 connections: 20 each leaves room
                "-Djynamo.db.pool-size=20",
                // the suite's administrator and sealing key, so that the suite's clients may call this server too
                "-Djynamo.admin.access-key-id=" + System.getProperty("jynamo.test.admin.access-key-id"),
                "-Djynamo.admin.secret-access-key=" + System.getProperty("jynamo.test.admin.secret-access-key"),
                "-Djynamo.secret-key=" + System.getProperty("jynamo.test.secret-key")));
        command.addAll(properties);
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(baseDir.resolve("console.log").toFile()));
        pb.environment().put("JBOSS_HOME", jbossHome.toString());
        process = pb.start();
        awaitReady(Duration.ofMinutes(3));
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (DynamoDbClient probe = Clients.dynamoDb(endpoint())) {
            while (true) {
                try {
                    probe.listTables();
                    return;
                } catch (RuntimeException notYet) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("Jynamo did not start; see " + baseDir.resolve("console.log"),
                                notYet);
                    }
                    Thread.sleep(250);
                }
            }
        }
    }

    /**
     * Kills the server JVM with SIGKILL: no shutdown hook, no graceful close of anything.
     *
     * @param whenSignalled run as soon as the signal is sent, before the process is gone
     */
    void kill(Runnable whenSignalled) throws InterruptedException {
        // standalone.sh runs the server JVM as its child: kill that first
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        whenSignalled.run();
        process.destroyForcibly();
        process.waitFor();
        for (ProcessHandle child : children) {
            child.onExit().join();
        }
    }

    /** Stops the server the ordinary way. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor();
        }
    }
}
