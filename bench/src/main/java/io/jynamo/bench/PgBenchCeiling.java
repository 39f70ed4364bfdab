package io.jynamo.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own ceiling for the raw-HTTP benchmark: pgbench (prepared statements, one connection per wrk
 * connection, autocommit with synchronous commit, as Jynamo's one transaction per request) running the same reads and
 * writes on the same shape (the {@code bench_ceiling} table {@link JdbcTarget} loads: key columns and the item as typed
 * JSON in jsonb), in the same shares as each mix.
 */
final class PgBenchCeiling {
    private static final Pattern TPS = Pattern.compile("tps = ([\\d.]+)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([\\d.]+) ms");

    private static final Map<Mix.Request, String> SCRIPTS = Map.of(
            Mix.Request.GET, "SELECT item::text FROM bench_ceiling WHERE pk = 'p' || (:i / 100) AND sk = :i % 100;",
            Mix.Request.CONSISTENT_GET, "SELECT item::text FROM bench_ceiling WHERE pk = 'p' || (:i / 100)"
                    + " AND sk = :i % 100;",
            Mix.Request.UPDATE, "UPDATE bench_ceiling SET item = jsonb_set(item, '{field0}', jsonb_build_object('S',"
                    + " md5(random()::text) || repeat('u', 68))) WHERE pk = 'p' || (:i / 100) AND sk = :i % 100;",
            Mix.Request.PUT, "INSERT INTO bench_ceiling VALUES ('p' || (:i / 100), :i % 100, jsonb_build_object("
                    + "'pk', jsonb_build_object('S', 'p' || (:i / 100)), 'sk', jsonb_build_object('N', (:i % 100)::text),"
                    + " 'field0', jsonb_build_object('S', repeat('a', 100)), 'field1', jsonb_build_object('S', repeat('b',"
                    + " 100)), 'field2', jsonb_build_object('S', repeat('c', 100)), 'field3', jsonb_build_object('S',"
                    + " repeat('d', 100)), 'field4', jsonb_build_object('S', repeat('e', 100)), 'field5',"
                    + " jsonb_build_object('S', repeat('f', 100)), 'field6', jsonb_build_object('S', repeat('g', 100)),"
                    + " 'field7', jsonb_build_object('S', repeat('h', 100)), 'field8', jsonb_build_object('S',"
                    + " repeat('i', 100)), 'field9', jsonb_build_object('S', repeat('j', 100))))"
                    + " ON CONFLICT (pk, sk) DO UPDATE SET item = excluded.item;",
            Mix.Request.QUERY, "SELECT item::text FROM bench_ceiling WHERE pk = 'p' || (:i / 100) ORDER BY sk LIMIT 25;");

    private final String host;
    private final int port;
    private final String database;
    private final int connections;
    private final Path work;

    PgBenchCeiling(String host, int port, String database, int connections, Path work) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.connections = connections;
        this.work = work;
    }

    /** Whether the mix has requests PostgreSQL alone can stand for (GET / is the HTTP stack's). */
    static boolean covers(Mix mix) {
        return mix.shares.keySet().stream().allMatch(SCRIPTS::containsKey);
    }

    Measurement run(Mix mix, int items, int seconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("pgbench", "-h", host, "-p", Integer.toString(port), "-U",
                "postgres", "-n", "-M", "prepared", "-c", Integer.toString(connections), "-j", "1",
                "-T", Integer.toString(seconds)));
        for (Map.Entry<Mix.Request, Integer> share : mix.shares.entrySet()) {
            Path script = work.resolve("pgbench-" + share.getKey() + ".sql");
            Files.writeString(script, "\\set i random(0, " + (items - 1) + ")\n" + SCRIPTS.get(share.getKey()) + "\n");
            command.add("-f");
            command.add(script + "@" + share.getValue());
        }
        command.add(database);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("pgbench failed (Debian: apt-get install postgresql-client):\n" + out);
        }
        Matcher tps = TPS.matcher(out);
        Matcher latency = LATENCY.matcher(out);
        if (!tps.find() || !latency.find()) {
            throw new IOException("unexpected pgbench output:\n" + out);
        }
        double average = Double.parseDouble(latency.group(1));
        return new Measurement("postgresql", mix, Double.parseDouble(tps.group(1)), average, Double.NaN, Double.NaN,
                Double.NaN, 0, 0, Double.NaN);
    }
}
