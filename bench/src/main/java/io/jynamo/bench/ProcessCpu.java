package io.jynamo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CPU time (user and system, all threads) a process has used, from Linux's /proc/PID/stat. */
final class ProcessCpu {
    /** USER_HZ: the unit of /proc's times, 100 on every Linux of this decade. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    static long nanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // the command name (field 2) may hold spaces: count fields after its closing parenthesis
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }
}
