package io.jynamo.ejb.stream;

import io.jynamo.ejb.jobs.MaintenanceTask;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The stream trim job: makes the coming hours' record partitions, drops those past the 24-hour retention, and
 * forgets streams disabled more than 24 hours ago (see {@link StreamRetention}).
 */
@ApplicationScoped
public class StreamTrim implements MaintenanceTask {
    @EJB
    private StreamRetention retention;

    @Override
    public String name() {
        return "stream-trim";
    }

    @Override
    public String description() {
        return "Drops stream records older than 24 hours (by hourly partition) and makes the next hours' partitions";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofMinutes(10);
    }

    @Override
    public void atStartup() {
        createPartitions(Instant.now());
    }

    private int createPartitions(Instant now) {
        int created = 0;
        for (int h = 0; h <= StreamRetention.HOURS_AHEAD; h++) {
            created += retention.createPartition(now.plus(Duration.ofHours(h))) ? 1 : 0;
        }
        return created;
    }

    @Override
    public String run(BooleanSupplier stopping) {
        Instant now = Instant.now();
        int created = createPartitions(now);
        Instant cutoff = now.minus(StreamRetention.RETENTION);
        long trimmed = 0;
        for (String partition : retention.partitionsBefore(cutoff)) {
            if (stopping.getAsBoolean()) {
                break;
            }
            trimmed += retention.dropPartition(partition);
        }
        trimmed += retention.trimDefault(cutoff);
        int forgotten = retention.forgetStreams(cutoff);
        return "created " + created + " partitions, trimmed " + trimmed + " records, forgot " + forgotten
                + " streams";
    }
}
