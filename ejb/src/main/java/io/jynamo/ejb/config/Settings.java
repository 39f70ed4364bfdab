package io.jynamo.ejb.config;

import java.time.Duration;

/**
 * Jynamo's settings: a system property of the server JVM, else an environment variable, else the default. (The
 * launcher passes its environment on to the server, so environment variables are the usual way.)
 */
public final class Settings {
    private Settings() {
    }

    public static String get(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    /** A duration given in whole seconds, at least one. */
    public static Duration seconds(String property, String env, Duration fallback) {
        return duration(property, env, fallback, java.time.temporal.ChronoUnit.SECONDS, 1);
    }

    /** A duration given in whole milliseconds, zero or more. */
    public static Duration millis(String property, String env, Duration fallback) {
        return duration(property, env, fallback, java.time.temporal.ChronoUnit.MILLIS, 0);
    }

    private static Duration duration(String property, String env, Duration fallback,
                                     java.time.temporal.ChronoUnit unit, long min) {
        String value = get(property, env, null);
        if (value == null) {
            return fallback;
        }
        long amount = Long.parseLong(value);
        if (amount < min) {
            throw new IllegalArgumentException(property + " / " + env + " must be at least " + min + " "
                    + unit.name().toLowerCase(java.util.Locale.ROOT) + ": " + value);
        }
        return Duration.of(amount, unit);
    }
}
