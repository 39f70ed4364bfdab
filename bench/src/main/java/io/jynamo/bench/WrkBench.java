package io.jynamo.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The raw-HTTP benchmark: wrk replaying requests signed ahead ({@link SignedRequests}) against DynamoDB endpoints,
 * and pgbench running the same reads and writes on PostgreSQL alone, in one invocation; prints (and writes) a
 * Markdown table with each target's ratio to dynalite and to PostgreSQL's ceiling.
 *
 * <pre>
 * --target jynamo=http://localhost:8010    a DynamoDB endpoint (repeatable; "dynalite" names the yardstick)
 * --target dax=http://localhost:8111~jynamo   one serving the data of another (not loaded again)
 * --pg localhost:54330/jynamo              the PostgreSQL ceiling (pgbench; the table is loaded through JDBC)
 * --items 10000 --connections 16 --requests 10000 --warmup 10 --seconds 20 --mixes C,CC,PUT,A,B,QUERY,HEALTH
 * --region us-east-1 --out bench/target/wrk-results
 * --pid jynamo=12345                       the server process of a target, to report its CPU time per request
 * </pre>
 * Requests are signed with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
 */
public final class WrkBench {
    private WrkBench() {
    }

    private record Endpoint(String name, URI uri, String sharesDataOf) { }

    public static void main(String[] args) throws Exception {
        List<Endpoint> endpoints = new ArrayList<>();
        String pg = null;
        int items = 10_000;
        int connections = 16;
        int requests = 10_000;
        int warmup = 10;
        int seconds = 20;
        String region = "us-east-1";
        List<Mix> mixes = List.of(Mix.C, Mix.CC, Mix.PUT, Mix.A, Mix.B, Mix.QUERY, Mix.HEALTH);
        Path out = Path.of("bench/target/wrk-results");
        Path script = Path.of("bench/wrk/replay.lua");
        Map<String, Long> pids = new LinkedHashMap<>();
        // targets whose table gets point-in-time recovery once loaded (what it costs writes: bench/pitr-cost.sh)
        List<String> pitr = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--target" -> {
                    String[] nameAndUri = value.split("=", 2);
                    String[] uriAndOwner = nameAndUri[1].split("~", 2);
                    endpoints.add(new Endpoint(nameAndUri[0], URI.create(uriAndOwner[0]),
                            uriAndOwner.length > 1 ? uriAndOwner[1] : null));
                }
                case "--pg" -> pg = value;
                case "--items" -> items = Integer.parseInt(value);
                case "--connections" -> connections = Integer.parseInt(value);
                case "--requests" -> requests = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--mixes" -> mixes = Arrays.stream(value.split(",")).map(String::trim).map(Mix::valueOf).toList();
                case "--region" -> region = value;
                case "--out" -> out = Path.of(value);
                case "--script" -> script = Path.of(value);
                case "--pid" -> pids.put(value.split("=")[0], Long.parseLong(value.split("=")[1]));
                case "--pitr" -> pitr.addAll(Arrays.asList(value.split(",")));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Files.createDirectories(out);
        WrkRunner wrk = new WrkRunner(script.toAbsolutePath(), connections);
        List<Measurement> results = new ArrayList<>();
        for (Endpoint e : endpoints) {
            if (e.sharesDataOf() == null) {
                try (DynamoTarget target = new DynamoTarget(e.name(), e.uri(), connections, null)) {
                    System.out.printf("%s: loading %d items%n", e.name(), items);
                    target.load(items, connections);
                    if (pitr.contains(e.name())) {
                        target.enablePointInTimeRecovery();
                    }
                }
            }
            SignedRequests signer = new SignedRequests(e.uri(), DynamoTarget.credentials(), region);
            Path file = out.resolve("requests-" + e.name() + ".lua");
            // every mix once before any is measured: the server's JIT compilers are then done with all paths
            for (Mix mix : mixes) {
                signer.write(mix, items, requests, file, mix.ordinal());
                wrk.run(e.name(), e.uri(), mix, file, warmup);
            }
            for (Mix mix : mixes) {
                // signed now: a signature is good for 15 minutes
                signer.write(mix, items, requests, file, 100 + mix.ordinal());
                wrk.run(e.name(), e.uri(), mix, file, warmup);
                Long pid = pids.get(e.name());
                long cpuBefore = pid == null ? 0 : ProcessCpu.nanos(pid);
                Measurement m = wrk.run(e.name(), e.uri(), mix, file, seconds);
                if (pid != null) {
                    m = m.withServerCpu((ProcessCpu.nanos(pid) - cpuBefore) / 1000.0 / (m.throughput() * seconds));
                }
                System.out.printf(Locale.ROOT, "%s %s: %.0f req/s, p99 %.2f ms, %s µs server CPU per request (%d not "
                        + "2xx)%n", e.name(), mix, m.throughput(), m.p99(), ms(m.serverMicrosPerRequest()), m.non2xx());
                results.add(m);
            }
        }
        if (pg != null) {
            String[] hostPortDb = pg.split("[:/]");
            String url = "jdbc:postgresql://" + hostPortDb[0] + ":" + hostPortDb[1] + "/" + hostPortDb[2];
            try (JdbcTarget loader = new JdbcTarget(url, "postgres", "postgres", 1)) {
                System.out.printf("postgresql: loading %d items%n", items);
                loader.load(items, 1);
            }
            PgBenchCeiling ceiling = new PgBenchCeiling(hostPortDb[0], Integer.parseInt(hostPortDb[1]), hostPortDb[2],
                    connections, out);
            for (Mix mix : mixes) {
                if (PgBenchCeiling.covers(mix)) {
                    ceiling.run(mix, items, warmup);
                    Measurement m = ceiling.run(mix, items, seconds);
                    System.out.printf(Locale.ROOT, "postgresql %s: %.0f tps%n", mix, m.throughput());
                    results.add(m);
                }
            }
        }
        String header = String.format(Locale.ROOT, "%s; %d items of ~1 KB, %d connections (wrk, one thread, requests "
                + "signed ahead), %d s warm-up and %d s measured per mix", machine(), items, connections, warmup,
                seconds);
        String table = markdown(results, header);
        System.out.println();
        System.out.println(table);
        Files.writeString(out.resolve("results.md"), table);
        writeJson(results, header, out.resolve("results.json"));
        System.exit(0);
    }

    static String markdown(List<Measurement> results, String header) {
        StringBuilder sb = new StringBuilder(header).append("\n\n");
        sb.append("| Mix | Target | req/s | p50 ms | p90 ms | p99 ms | p99.9 ms | server CPU µs/req | not 2xx | failed |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Measurement m : results) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %s | %s | %s | %s | %s | %d | %d |%n", m.mix(),
                    m.target(), m.throughput(), ms(m.p50()), ms(m.p90()), ms(m.p99()), ms(m.p999()),
                    m.serverMicrosPerRequest() > 0 ? String.format(Locale.ROOT, "%.0f", m.serverMicrosPerRequest())
                            : "–", m.non2xx(), m.errors()));
        }
        List<String> measured = results.stream().map(Measurement::target).distinct()
                .filter(t -> !t.equals("dynalite") && !t.equals("postgresql")).toList();
        sb.append("\n| Mix | Target | / dynalite (req/s) | / PostgreSQL (req/s) |\n|---|---|---:|---:|\n");
        Map<String, Measurement> byKey = new LinkedHashMap<>();
        results.forEach(m -> byKey.put(m.target() + "/" + m.mix(), m));
        for (Mix mix : Mix.values()) {
            for (String target : measured) {
                Measurement m = byKey.get(target + "/" + mix);
                if (m != null) {
                    sb.append("| ").append(mix).append(" | ").append(target).append(" | ")
                            .append(ratio(m, byKey.get("dynalite/" + mix))).append(" | ")
                            .append(ratio(m, byKey.get("postgresql/" + mix))).append(" |\n");
                }
            }
        }
        return sb.toString();
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String ratio(Measurement a, Measurement b) {
        return b == null || b.throughput() == 0 ? "–" : String.format(Locale.ROOT, "%.2f", a.throughput()
                / b.throughput());
    }

    private static void writeJson(List<Measurement> results, String header, Path file) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("setup", header);
        ArrayNode array = root.putArray("results");
        for (Measurement m : results) {
            ObjectNode o = array.addObject();
            o.put("target", m.target());
            o.put("mix", m.mix().name());
            o.put("requestsPerSecond", m.throughput());
            o.put("p50Millis", m.p50());
            o.put("p90Millis", m.p90());
            o.put("p99Millis", m.p99());
            o.put("p999Millis", m.p999());
            o.put("non2xx", m.non2xx());
            o.put("failed", m.errors());
            o.put("serverCpuMicrosPerRequest", m.serverMicrosPerRequest());
        }
        mapper.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    private static String machine() {
        return String.format(Locale.ROOT, "%s %s, %d cores", System.getProperty("os.name"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors());
    }
}
