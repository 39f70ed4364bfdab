package io.jynamo.web;

import io.jynamo.ejb.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The request bytes this node holds in memory at once. A request body, once read, becomes a tree of requests and
 * attribute values several times its size; DynamoDB allows 16 MB bodies, so a few dozen large requests at once
 * would exhaust any heap. Each body beyond {@link #FREE_BYTES} reserves what it has read so far from this budget,
 * waiting for others to finish when it is spent, and releases it when its request ends. A body whose length is
 * declared reserves all of it before the first byte is read, so two large requests never each hold half of what
 * both need.
 *
 * <p>A request that cannot get its share within {@link #maxWait} is refused with ThrottlingException, which every
 * AWS SDK retries with back-off. A request's objects take some 15 times its body (measured with bodies of many
 * small attribute values), so the budget defaults to a thirty-second of the heap ({@code
 * JYNAMO_MAX_REQUEST_BYTES_IN_FLIGHT} to set it), and is never less than one maximal request: with WildFly's
 * default 512 MB heap, one 16 MB request at a time.
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
                "JYNAMO_MAX_REQUEST_BYTES_IN_FLIGHT", Long.toString(Runtime.getRuntime().maxMemory() / 32)));
        bytes = Math.max(bytes, io.jynamo.core.api.Limits.MAX_REQUEST_BYTES);
        this.units = (int) Math.min(Integer.MAX_VALUE, bytes / UNIT);
        this.free = new Semaphore(units, true);
        this.maxWaitMillis = Settings.seconds("jynamo.request-budget-wait-seconds", "JYNAMO_REQUEST_BUDGET_WAIT_SECONDS",
                java.time.Duration.ofSeconds(10)).toMillis();
    }

    /** The budget was spent for longer than a request may wait. */
    static final class Exhausted extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** What one request holds of the budget; closed when the request ends. */
    final class Share implements AutoCloseable {
        private int held;

        /** Makes the share cover a body of {@code bytes} bytes, waiting for the budget if need be. */
        void cover(long bytes) throws Exhausted {
            if (bytes <= FREE_BYTES) {
                return;
            }
            int needed = (int) Math.min(units, (bytes + UNIT - 1) / UNIT) - held;
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
