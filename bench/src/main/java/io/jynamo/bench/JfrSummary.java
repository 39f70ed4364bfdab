package io.jynamo.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a JFR recording's CPU samples fall: the methods most often on top of the stack (self) and those most often
 * anywhere on it (total), as shares of all samples; {@code bench/profile.sh} makes the recording.
 *
 * <pre>java io.jynamo.bench.JfrSummary recording.jfr [rows] [filter] [under] [not-under]</pre>
 * The filter keeps the "total" rows whose method name contains it (e.g. io.jynamo); {@code under} and
 * {@code not-under} count only the samples with (and without) a frame of that exact name, to see what one call costs
 * apart from another it makes (e.g. an EJB view without the bean's own method).
 */
public final class JfrSummary {
    private JfrSummary() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        String filter = args.length > 2 ? args[2] : "";
        String under = args.length > 3 ? args[3] : null;
        String notUnder = args.length > 4 ? args[4] : null;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = e.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            List<RecordedFrame> frames = stack.getFrames();
            if (under != null && frames.stream().noneMatch(f -> name(f).equals(under))
                    || notUnder != null && frames.stream().anyMatch(f -> name(f).equals(notUnder))) {
                continue;
            }
            samples++;
            self.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (seen.add(n)) {
                    total.merge(n, 1, Integer::sum);
                }
            }
        }
        printAllocations(Path.of(args[0]), rows);
        System.out.printf("%d samples%n%n-- self --%n", samples);
        print(self, samples, rows, "");
        System.out.printf("%n-- total%s --%n", filter.isEmpty() ? "" : " (" + filter + ")");
        print(total, samples, rows, filter);
    }

    /**
     * Where allocation goes: bytes (as the samples weigh them) by the allocated class and the first frame of Jynamo's
     * own code on the stack (else the top frame).
     */
    private static void printAllocations(Path file, int rows) throws java.io.IOException {
        Map<String, Long> bytes = new HashMap<>();
        long total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals("jdk.ObjectAllocationSample") || e.getStackTrace() == null) {
                continue;
            }
            long weight = e.getLong("weight");
            total += weight;
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            String site = frames.stream().map(JfrSummary::name).filter(n -> n.startsWith("io.jynamo")).findFirst()
                    .orElse(frames.isEmpty() ? "?" : name(frames.get(0)));
            bytes.merge(e.getClass("objectClass").getName() + " @ " + site, weight, Long::sum);
        }
        if (total == 0) {
            return;
        }
        System.out.printf("-- allocation (%d MB sampled) --%n", total >> 20);
        long all = total;
        bytes.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(rows)
                .forEach(en -> System.out.printf("%5.1f%%  %s%n", 100.0 * en.getValue() / all, en.getKey()));
        System.out.println();
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(Map<String, Integer> counts, int samples, int rows, String filter) {
        counts.entrySet().stream().filter(e -> e.getKey().contains(filter))
                .sorted((a, b) -> b.getValue() - a.getValue()).limit(rows)
                .forEach(e -> System.out.printf("%5.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
    }
}
