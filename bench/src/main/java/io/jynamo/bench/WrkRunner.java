package io.jynamo.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk (one thread, a fixed number of connections) with {@code bench/wrk/replay.lua} and reads its RESULT line. */
final class WrkRunner {
    private static final Pattern RESULT = Pattern.compile("RESULT rps=([\\d.]+) p50_ms=([\\d.]+) p90_ms=([\\d.]+) "
            + "p99_ms=([\\d.]+) p999_ms=([\\d.]+) non2xx=(\\d+) errors=(\\d+)");

    private final Path script;
    private final int connections;

    WrkRunner(Path script, int connections) {
        this.script = script;
        this.connections = connections;
    }

    Measurement run(String target, URI endpoint, Mix mix, Path requests, int seconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s",
                "--timeout", "10s", "-s", script.toString(), endpoint.resolve("/").toString()))
                .redirectErrorStream(true);
        pb.environment().put("REQS", requests.toString());
        pb.environment().put("MIX", mix.asEnvironment());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("wrk failed (is it installed? Debian: apt-get install wrk):\n" + out);
        }
        Matcher m = RESULT.matcher(out);
        if (!m.find()) {
            throw new IOException("no RESULT line from wrk:\n" + out);
        }
        return new Measurement(target, mix, Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)),
                Long.parseLong(m.group(6)), Long.parseLong(m.group(7)), Double.NaN);
    }
}
