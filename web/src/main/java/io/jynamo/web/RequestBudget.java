package io.jynamo.web;

import io.jynamo.ejb.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The memory this node lets requests hold at once: their bodies, and the trees of requests and attribute values the
 * bodies become. A tree is several times its body (up to some 30 times for a list of empty values, see {@link
 * io.jynamo.core.api.RequestMemory}), and DynamoDB allows 16 MB bodies, so a few large requests at once would
 * exhaust any heap. Each request beyond {@link #FREE_BYTES} takes what it holds from this budget as it grows,
 * waiting for others to finish when the budget is spent, and gives it back when it ends.
 *
 * <p>A request that cannot get its share within {@link #maxWaitMillis} is refused with ThrottlingException, which
 * every AWS SDK retries with back-off. One that needs more than the whole budget can never be served by this node
 * and is refused at once, as too large (HTTP 413), with a line in the log saying how much it needed. The budget is
 * a third of the heap ({@code JYNAMO_MAX_REQUEST_BYTES_IN_FLIGHT} to set it): the launcher gives the server a
 * quarter of the machine's memory, enough on a 4 GB machine for the largest request DynamoDB accepts.
 */
@ApplicationScoped
public class RequestBudget {
    /** Bodies up to this size take nothing from the budget: the worker threads bound what they can hold. */
    static final int FREE_BYTES = 64 * 1024;
    /** The budget is counted in units of this many bytes, so that it fits a semaphore's int. */
    private static final int UNIT = 1024;

    private final int units;
    private final Semaphore free;
    private final long maxWaitMillis;

    public RequestBudget() {
        long bytes = Long.parseLong(Settings.get("jynamo.max-request-bytes-in-flight",
                "JYNAMO_MAX_REQUEST_BYTES_IN_FLIGHT", Long.toString(Runtime.getRuntime().maxMemory() / 3)));
        bytes = Math.max(bytes, io.jynamo.core.api.Limits.MAX_REQUEST_BYTES);
        this.units = (int) Math.min(Integer.MAX_VALUE, bytes / UNIT);
        this.free = new Semaphore(units, true);
        this.maxWaitMillis = Settings.seconds("jynamo.request-budget-wait-seconds", "JYNAMO_REQUEST_BUDGET_WAIT_SECONDS",
                java.time.Duration.ofSeconds(10)).toMillis();
    }

    /** The budget was spent for longer than a request may wait. */
    static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exhausted() {
            super(null, null, false, false);
        }
    }

    /** The request needs more than the whole budget. */
    static final class Beyond extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Beyond(long bytes) {
            super(bytes + " bytes", null, false, false);
        }
    }

    /** What one request holds of the budget; closed when the request ends. */
    final class Share implements AutoCloseable {
        private int held;

        /** Makes the share cover {@code bytes} bytes in all, waiting for the budget if need be. */
        void cover(long bytes) {
            if (bytes <= FREE_BYTES) {
                return;
            }
            if (bytes > (long) units * UNIT) {
                throw new Beyond(bytes);
            }
            int needed = (int) ((bytes + UNIT - 1) / UNIT) - held;
            if (needed <= 0) {
                return;
            }
            try {
                if (!free.tryAcquire(needed, maxWaitMillis, TimeUnit.MILLISECONDS)) {
                    throw new Exhausted();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Exhausted();
            }
            held += needed;
        }

        @Override
        public void close() {
            if (held > 0) {
                free.release(held);
                held = 0;
            }
        }
    }

    Share share() {
        return new Share();
    }
}
