package io.jynamo.core.api;

/**
 * The heap a request may take while its body becomes a tree of nodes. A body's tree is several times its size, and
 * how many times depends on the body: a list of empty structures costs some 25 bytes of objects for each of its 3
 * bytes, a long string hardly more than itself. So the tree is charged as it is built, node by node, to what the
 * server lets the request hold; the web layer's budget decides whether that is granted, waiting for other requests
 * to finish or refusing.
 *
 * <p>The allowance belongs to the request being served on the current thread, as its request id does, and is found
 * there rather than passed through every operation's {@code parse}, which has nothing else to do with it. Code that
 * checks a body outside a request (tests, tools) is not metered.
 */
public final class RequestMemory {
    /** Charges are reported to the allowance in steps of this many bytes, not for every node. */
    static final long STEP = 64 * 1024;

    private static final ThreadLocal<Allowance> CURRENT = new ThreadLocal<>();

    private RequestMemory() {
    }

    /** What the web layer grants a request: called with the request's running total, throws to refuse it. */
    @FunctionalInterface
    public interface Allowance {
        void cover(long bytes);
    }

    /** The span during which requests checked on this thread are charged to {@code allowance}. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    public static Scope charging(Allowance allowance) {
        CURRENT.set(allowance);
        return CURRENT::remove;
    }

    /** A meter for one tree, starting from the {@code base} bytes the request already holds (its body). */
    static Meter meter(long base) {
        return new Meter(CURRENT.get(), base);
    }

    /** Adds up what one tree costs, reporting the total to the allowance each time it has grown by a step. */
    static final class Meter {
        private final Allowance allowance;
        private long total;
        private long reported;

        private Meter(Allowance allowance, long base) {
            this.allowance = allowance;
            this.total = base;
            this.reported = base;
        }

        void add(long bytes) {
            total += bytes;
            if (allowance != null && total - reported >= STEP) {
                allowance.cover(total);
                reported = total;
            }
        }
    }
}
