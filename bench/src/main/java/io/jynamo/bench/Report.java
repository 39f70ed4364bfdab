package io.jynamo.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The results as a Markdown table (with throughput ratios between targets) and as JSON. */
final class Report {
    private Report() {
    }

    static String markdown(List<Runner.Result> results, String machine, Bench.Options options) {
        StringBuilder sb = new StringBuilder();
        sb.append("Machine: ").append(machine).append('\n');
        sb.append(String.format(Locale.ROOT, "Items: %d (~1 KB each), concurrency: %d, warm-up %d s, measured %d s "
                        + "per workload%n%n", options.items, options.concurrency, options.warmupSeconds,
                options.seconds));
        sb.append("| Workload | Target | ops/s | Operation | p50 ms | p95 ms | p99 ms | p99.9 ms | errors "
                + "| bench CPU µs/op | machine CPU busy |\n");
        sb.append("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Runner.Result r : results) {
            boolean first = true;
            for (Map.Entry<Workload.Operation, Histogram> e : r.latencies().entrySet()) {
                Histogram h = e.getValue();
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %.2f | %.2f | %.2f | %s | %s | %s |%n",
                        first ? r.workload() : "", first ? r.target() : "",
                        first ? String.format(Locale.ROOT, "%.0f", r.throughput()) : "", e.getKey(),
                        ms(h, 50), ms(h, 95), ms(h, 99), ms(h, 99.9), first ? r.errors() : "",
                        first ? String.format(Locale.ROOT, "%.0f", r.clientMicrosPerOperation()) : "",
                        first ? percent(r.cpu().machineBusy()) : ""));
                first = false;
            }
        }
        sb.append('\n');
        sb.append("| Workload | Jynamo / dynalite (ops/s) | Jynamo / JDBC ceiling (ops/s) |\n");
        sb.append("|---|---:|---:|\n");
        for (Workload w : Workload.values()) {
            Optional<Runner.Result> jynamo = find(results, "jynamo", w);
            if (jynamo.isEmpty()) {
                continue;
            }
            sb.append("| ").append(w).append(" | ").append(ratio(jynamo, find(results, "dynalite", w)))
                    .append(" | ").append(ratio(jynamo, find(results, "jdbc-ceiling", w))).append(" |\n");
        }
        return sb.toString();
    }

    private static Optional<Runner.Result> find(List<Runner.Result> results, String target, Workload w) {
        return results.stream().filter(r -> r.target().equals(target) && r.workload() == w).findFirst();
    }

    private static String ratio(Optional<Runner.Result> a, Optional<Runner.Result> b) {
        if (a.isEmpty() || b.isEmpty() || b.get().throughput() == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", a.get().throughput() / b.get().throughput());
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "–" : String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    static void writeJson(List<Runner.Result> results, Path file, String machine) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("machine", machine);
        ArrayNode array = root.putArray("results");
        for (Runner.Result r : results) {
            ObjectNode o = array.addObject();
            o.put("target", r.target());
            o.put("workload", r.workload().name());
            o.put("throughput", r.throughput());
            o.put("operations", r.operations());
            o.put("errors", r.errors());
            o.put("benchCpuMicrosPerOperation", r.clientMicrosPerOperation());
            o.put("machineCpuBusy", r.cpu().machineBusy());
            ObjectNode ops = o.putObject("latencyMillis");
            r.latencies().forEach((op, h) -> {
                ObjectNode p = ops.putObject(op.name());
                p.put("count", h.getTotalCount());
                p.put("p50", ms(h, 50));
                p.put("p95", ms(h, 95));
                p.put("p99", ms(h, 99));
                p.put("p99.9", ms(h, 99.9));
                p.put("max", h.getMaxValue() / 1000.0);
            });
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        mapper.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }
}
