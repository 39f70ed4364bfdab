package io.jynamo.ejb.jobs;

import io.jynamo.ejb.security.IdentityStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Deletes temporary credentials (GetSessionToken, AssumeRole) a day after they expired. Until then a request signed
 * with them gets ExpiredTokenException, as STS's do; after it, UnrecognizedClientException.
 */
@ApplicationScoped
public class ExpiredSessionPurge implements MaintenanceTask {
    /** How long an expired session is still known as expired. */
    private static final Duration KEPT_EXPIRED = Duration.ofDays(1);

    @Inject
    private IdentityStore store;

    @Override
    public String name() {
        return "sts-session-purge";
    }

    @Override
    public String description() {
        return "Deletes temporary credentials that expired more than a day ago";
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofHours(1);
    }

    @Override
    public String run(BooleanSupplier stopping) {
        return "deleted " + store.deleteSessionsExpiredBefore(Instant.now().minus(KEPT_EXPIRED))
                + " expired sessions";
    }
}
