package io.jynamo.ejb.jobs;

import io.jynamo.ejb.config.Settings;

import java.time.Duration;
import java.util.Locale;

/**
 * How often each maintenance job runs: the system property {@code jynamo.job.<name>.interval-seconds}, or
 * {@code JYNAMO_JOB_<NAME>_INTERVAL_SECONDS} in the environment (the name in upper case with '-' as '_', e.g.
 * JYNAMO_JOB_TTL_EXPIRY_INTERVAL_SECONDS), else the task's default.
 */
final class JobSettings {
    private JobSettings() {
    }

    static Duration interval(MaintenanceTask task) {
        return Settings.seconds("jynamo.job." + task.name() + ".interval-seconds",
                "JYNAMO_JOB_" + task.name().toUpperCase(Locale.ROOT).replace('-', '_') + "_INTERVAL_SECONDS",
                task.defaultInterval());
    }
}
