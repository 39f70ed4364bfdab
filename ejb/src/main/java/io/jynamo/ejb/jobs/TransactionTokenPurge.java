package io.jynamo.ejb.jobs;

import io.jynamo.ejb.storage.TransactionTokens;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes the ClientRequestTokens whose 10-minute idempotency window has passed, every 10 seconds, so the token
 * table holds about ten minutes' worth of transactions. Expired tokens are ignored by lookups anyway; this only keeps
 * the table small. Every node runs it (the delete is idempotent); the clustered Quartz scheduler takes such jobs over
 * in issue 7.
 */
@Singleton
public class TransactionTokenPurge {
    private static final Logger LOG = Logger.getLogger(TransactionTokenPurge.class.getName());

    @Inject
    private TransactionTokens tokens;

    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
    void purge() {
        int deleted = tokens.purgeExpired();
        if (deleted > 0) {
            LOG.log(Level.FINE, "Deleted {0} expired transaction tokens", deleted);
        }
    }
}
