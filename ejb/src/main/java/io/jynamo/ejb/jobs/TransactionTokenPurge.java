package io.jynamo.ejb.jobs;

import io.jynamo.ejb.storage.TransactionTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Deletes the ClientRequestTokens whose 10-minute idempotency window has passed, so the token table holds about ten
 * minutes' worth of transactions. Lookups ignore expired tokens anyway; this only keeps the table small.
 */
@ApplicationScoped
public class TransactionTokenPurge implements MaintenanceTask {
    @Inject
    private TransactionTokens tokens;

    @Override
    public String name() {
        return "transaction-token-purge";
    }

    @Override
    public String description() {
        return "Deletes ClientRequestTokens older than their 10-minute idempotency window";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofMinutes(1);
    }

    @Override
    public String run(BooleanSupplier stopping) {
        return "deleted " + tokens.purgeExpired() + " expired tokens";
    }
}
