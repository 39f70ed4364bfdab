package io.jynamo.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU used during a measured run: by this process (the load generator, which on a small machine competes with the
 * server for the same cores) and by the whole machine (from /proc/stat; unknown elsewhere).
 */
final class CpuMeter {
    private static final Path PROC_STAT = Path.of("/proc/stat");

    private final long processNanos;
    private final long[] machine;

    private CpuMeter(long processNanos, long[] machine) {
        this.processNanos = processNanos;
        this.machine = machine;
    }

    static CpuMeter start() {
        return new CpuMeter(processCpuNanos(), machineTicks());
    }

    /** What was used since {@link #start()}. */
    Usage stop() {
        long[] now = machineTicks();
        double busy = Double.NaN;
        if (machine != null && now != null && now[1] > machine[1]) {
            busy = (double) (now[0] - machine[0]) / (now[1] - machine[1]);
        }
        return new Usage(processCpuNanos() - processNanos, busy);
    }

    /**
     * @param processNanos CPU time of the load generator
     * @param machineBusy the fraction of all cores' time that was not idle (NaN when unknown)
     */
    record Usage(long processNanos, double machineBusy) { }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** {busy, total} jiffies of all cores; null when /proc/stat cannot be read. */
    private static long[] machineTicks() {
        try {
            String[] fields = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
