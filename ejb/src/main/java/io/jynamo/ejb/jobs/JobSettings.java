package io.jynamo.ejb.jobs;

import java.time.Duration;
import java.util.Locale;

/**
 * How often each maintenance job runs: {@code JYNAMO_JOB_<NAME>_INTERVAL_SECONDS} in the environment, or the system
 * property {@code jynamo.job.<name>.interval-seconds}, else the task's default. Names are the task names in upper case
 * with '-' as '_' (e.g. JYNAMO_JOB_TTL_EXPIRY_INTERVAL_SECONDS).
 */
final class JobSettings {
    private JobSettings() {
    }

    static Duration interval(MaintenanceTask task) {
        String property = System.getProperty("jynamo.job." + task.name() + ".interval-seconds");
        String value = property != null && !property.isBlank() ? property
                : System.getenv("JYNAMO_JOB_" + task.name().toUpperCase(Locale.ROOT).replace('-', '_')
                        + "_INTERVAL_SECONDS");
        if (value == null || value.isBlank()) {
            return task.defaultInterval();
        }
        long seconds = Long.parseLong(value.strip());
        if (seconds < 1) {
            throw new IllegalArgumentException("interval of job " + task.name() + " must be at least 1 second: "
                    + value);
        }
        return Duration.ofSeconds(seconds);
    }
}
