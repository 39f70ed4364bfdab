package io.jynamo.ejb.jobs;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * One kind of scheduled maintenance (TTL expiry, stream trimming, token purging, ...). Tasks are CDI beans; the
 * {@link MaintenanceScheduler} finds them all and runs each on every node's shared Quartz schedule, once per period
 * across the cluster.
 *
 * <p>A task does its work in bounded steps, each its own database transaction, so that no run holds locks long; it
 * must tolerate being run again after a crash (every step is idempotent).
 */
public interface MaintenanceTask {

    /** The job's name in the schedule and in {@code job_run}. */
    String name();

    /** What the job does, for operators. */
    String description();

    /** How often the job runs unless configured otherwise (see {@link JobSettings}). */
    Duration defaultInterval();

    /**
     * Does one run; returns a summary of what it did, for the job log ("deleted 3 items"). A long run checks
     * {@code stopping} between its steps and ends early when the node is shutting down.
     */
    String run(BooleanSupplier stopping);

    /** Work to do as the node starts, before the first run (on every node; must tolerate running concurrently). */
    default void atStartup() {
        // most tasks have none
    }
}
