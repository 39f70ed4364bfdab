package io.jynamo.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's command line. Targets are named on the command line; each is loaded with the same items and then
 * run through each workload in turn.
 *
 * <pre>
 * --jynamo http://localhost:8000     a DynamoDB endpoint to measure as "jynamo"
 * --dynalite http://localhost:4567   ... as "dynalite"
 * --jdbc jdbc:postgresql://...       the plain-JDBC ceiling on that database (--jdbc-user, --jdbc-password)
 * --items 100000 --concurrency 16 --warmup 10 --seconds 30 --workloads A,B,C,PUT,QUERY --out bench/target/results
 * [--stream NEW_AND_OLD_IMAGES]  (a stream on Jynamo's table, to measure what streams cost writes)
 * </pre>
 */
public final class Bench {
    private Bench() {
    }

    static final class Options {
        URI jynamo;
        URI dynalite;
        String jdbc;
        String jdbcUser = "postgres";
        String jdbcPassword = "postgres";
        int items = 100_000;
        int concurrency = 16;
        int warmupSeconds = 10;
        int seconds = 30;
        List<Workload> workloads = List.of(Workload.values());
        Path out = Path.of("bench/target/results");
        /** The view type of a stream on the benchmark's table (Jynamo only); null for none. */
        String streamViewType;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--jynamo" -> o.jynamo = URI.create(value);
                    case "--dynalite" -> o.dynalite = URI.create(value);
                    case "--jdbc" -> o.jdbc = value;
                    case "--jdbc-user" -> o.jdbcUser = value;
                    case "--jdbc-password" -> o.jdbcPassword = value;
                    case "--items" -> o.items = Integer.parseInt(value);
                    case "--concurrency" -> o.concurrency = Integer.parseInt(value);
                    case "--warmup" -> o.warmupSeconds = Integer.parseInt(value);
                    case "--seconds" -> o.seconds = Integer.parseInt(value);
                    case "--workloads" -> o.workloads = Arrays.stream(value.split(",")).map(String::trim)
                            .map(Workload::valueOf).toList();
                    case "--out" -> o.out = Path.of(value);
                    case "--stream" -> o.streamViewType = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return o;
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        List<Target> targets = new ArrayList<>();
        if (o.jynamo != null) {
            targets.add(new DynamoTarget(o.streamViewType == null ? "jynamo" : "jynamo+stream", o.jynamo,
                    o.concurrency, o.streamViewType));
        }
        if (o.dynalite != null) {
            targets.add(new DynamoTarget("dynalite", o.dynalite, o.concurrency, null));
        }
        if (o.jdbc != null) {
            targets.add(new JdbcTarget(o.jdbc, o.jdbcUser, o.jdbcPassword, o.concurrency));
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("name at least one target: --jynamo, --dynalite or --jdbc");
        }
        List<Runner.Result> results = new ArrayList<>();
        for (Target target : targets) {
            try (target) {
                long start = System.nanoTime();
                System.out.printf("%s: loading %d items%n", target.name(), o.items);
                target.load(o.items, o.concurrency);
                System.out.printf("%s: loaded in %.0f s%n", target.name(), (System.nanoTime() - start) / 1e9);
                Runner runner = new Runner(target, o.items, o.concurrency);
                runner.warmUp(o.workloads, o.warmupSeconds);
                for (Workload w : o.workloads) {
                    Runner.Result r = runner.run(w, o.warmupSeconds, o.seconds);
                    System.out.printf("%s %s: %.0f ops/s (%d errors)%n", target.name(), w, r.throughput(),
                            r.errors());
                    results.add(r);
                }
            }
        }
        String machine = machine();
        String table = Report.markdown(results, machine, o);
        System.out.println();
        System.out.println(table);
        Files.createDirectories(o.out);
        Files.writeString(o.out.resolve("results.md"), table);
        Report.writeJson(results, o.out.resolve("results.json"), machine);
        System.exit(0);
    }

    private static String machine() {
        Runtime rt = Runtime.getRuntime();
        return String.format("%s %s, %d cores, JVM %s, max heap %d MB", System.getProperty("os.name"),
                System.getProperty("os.arch"), rt.availableProcessors(), System.getProperty("java.version"),
                rt.maxMemory() / (1024 * 1024));
    }
}
