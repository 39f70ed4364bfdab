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
        String value = get(property, env, null);
        if (value == null) {
            return fallback;
        }
        long seconds = Long.parseLong(value);
        if (seconds < 1) {
            throw new IllegalArgumentException(property + " / " + env + " must be at least 1 second: " + value);
        }
        return Duration.ofSeconds(seconds);
    }

    /** A duration given in whole milliseconds, zero or more. */
    public static Duration millis(String property, String env, Duration fallback) {
        String value = get(property, env, null);
        if (value == null) {
            return fallback;
        }
        long millis = Long.parseLong(value);
        if (millis < 0) {
            throw new IllegalArgumentException(property + " / " + env + " must not be negative: " + value);
        }
        return Duration.ofMillis(millis);
    }
}
