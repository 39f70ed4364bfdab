package io.jynamo.ejb.backup;

import io.jynamo.ejb.jobs.MaintenanceTask;
import io.jynamo.ejb.storage.ItemHistory;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The pitr-prune job: keeps each table's point-in-time history to its recovery period (35 days unless set). For each
 * table with PITR on it moves the base forward to the start of its window (applying the changes in between: the cost
 * of those changes, whatever the table's size), then drops the history partitions (days) no table's window reaches
 * any more. It also makes the partitions of the coming days, and copies any base a node left to copy.
 */
@ApplicationScoped
public class PitrPrune implements MaintenanceTask {
    static final String NAME = "pitr-prune";

    /** Days of history partitions made ahead of time. */
    static final int DAYS_AHEAD = 3;

    @Inject
    private ItemHistory history;

    @EJB
    private PointInTimeService service;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Moves point-in-time recovery bases to the start of each table's recovery period and drops the history "
                + "older than every table's period";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofHours(1);
    }

    @Override
    public void atStartup() {
        long today = ItemHistory.dayOf(Instant.now());
        history.createPartitions(today, today + DAYS_AHEAD);
    }

    @Override
    public String run(BooleanSupplier stopping) {
        Instant now = Instant.now();
        long today = ItemHistory.dayOf(now);
        int made = history.createPartitions(today, today + DAYS_AHEAD);
        for (long tableId : history.withoutBase()) {
            service.copyBase(tableId);
        }
        int rolled = 0;
        List<ItemHistory.PitrTable> tables = history.pitrTables();
        for (ItemHistory.PitrTable t : tables) {
            if (stopping.getAsBoolean()) {
                return "stopped";
            }
            if (service.rollBase(t.id(), now.minus(ItemHistory.DAY.multipliedBy(t.recoveryDays())))) {
                rolled++;
            }
        }
        // history older than every table's base is in the bases (or of tables without PITR now)
        Instant keepFrom = history.pitrTables().stream().map(ItemHistory.PitrTable::keptFrom).min(Instant::compareTo)
                .orElse(now);
        int dropped = history.dropBefore(keepFrom);
        return "moved " + rolled + " bases forward, dropped " + dropped + " days of history, made " + made;
    }
}
