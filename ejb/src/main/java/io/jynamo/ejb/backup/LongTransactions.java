package io.jynamo.ejb.backup;

import io.jynamo.ejb.config.Settings;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Transactions for the work that copies a whole table in one statement (a backup's copy, a point-in-time base, a
 * restore's state, moving a base forward): one snapshot has to be one transaction, and a large table takes longer than
 * the application server's default timeout for requests (five minutes). These run with
 * {@code JYNAMO_BACKUP_TRANSACTION_TIMEOUT_SECONDS} (six hours) instead.
 */
@Stateless
@TransactionManagement(TransactionManagementType.BEAN)
public class LongTransactions {
    private static final Logger LOG = Logger.getLogger(LongTransactions.class.getName());

    static final Duration TIMEOUT = Settings.seconds("jynamo.backup.transaction-timeout-seconds",
            "JYNAMO_BACKUP_TRANSACTION_TIMEOUT_SECONDS", Duration.ofHours(6));

    @Resource
    private UserTransaction tx;

    /** Runs {@code work} in a transaction of its own with the long timeout; commits, or rolls back and rethrows. */
    public <T> T run(Supplier<T> work) {
        try {
            tx.setTransactionTimeout((int) TIMEOUT.toSeconds());
            tx.begin();
            T result = work.get();
            if (tx.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
                tx.rollback();
            } else {
                tx.commit();
            }
            return result;
        } catch (RuntimeException e) {
            rollBack();
            throw e;
        } catch (Exception e) {
            rollBack();
            throw new IllegalStateException("long transaction failed", e);
        } finally {
            try {
                // back to the default for whatever this thread does next
                tx.setTransactionTimeout(0);
            } catch (SystemException e) {
                // nothing to restore on a broken transaction manager
            }
        }
    }

    /**
     * Runs a job's step for one thing (a backup, a table) in a long transaction; whether it succeeded. A failure is
     * logged and left to the job's next run, so that one thing cannot hold up the others.
     */
    public boolean attempt(String what, Runnable step) {
        try {
            run(() -> {
                step.run();
                return null;
            });
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, what + " failed; tried again on the next run", e);
            return false;
        }
    }

    private void rollBack() {
        try {
            if (tx.getStatus() != Status.STATUS_NO_TRANSACTION) {
                tx.rollback();
            }
        } catch (Exception e) {
            // the transaction is gone already
        }
    }
}
