package io.jynamo.ejb.cluster;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * What this node knows of the others, as its heartbeat ({@link ClusterHeartbeat}) last saw them, and the rules by
 * which that knowledge is safe to act on: "this node is alone, so every write goes through it" is what lets it keep
 * items in memory for as long as it likes (it sees each of its writes commit). The rules make any write that another
 * node acknowledges visible here within one second:
 * <ul>
 *   <li>a node registers before it serves anything, and acknowledges no write before {@link #WRITE_DELAY} after;</li>
 *   <li>a node believes itself alone only on a look at the others taken less than {@link #LEASE} ago; the looks come
 *       every {@link ClusterHeartbeat#POLL}: any look after another's registration sees it, so by the time that other
 *       acknowledges a write, this node has stopped believing it is alone;</li>
 *   <li>another node counts as alive until its heartbeat is {@link #ALIVE} old, and a node whose own heartbeat is
 *       older than {@link #SELF_FENCE} beats again before acknowledging a write: a node stalled (a long pause) cannot
 *       come back to acknowledge writes that one which buried it would not see.</li>
 * </ul>
 */
@ApplicationScoped
public class ClusterView {
    /** How long after registering a node may acknowledge writes. */
    public static final Duration WRITE_DELAY = Duration.ofSeconds(1);
    /** How fresh the look at the others must be for this node to act as if alone. */
    public static final Duration LEASE = Duration.ofMillis(500);
    /** How long another node counts as alive after its last heartbeat. */
    public static final Duration ALIVE = Duration.ofSeconds(10);
    /** How old this node's own heartbeat may be when it acknowledges a write. */
    public static final Duration SELF_FENCE = Duration.ofSeconds(5);

    /**
     * The latest look: whether it found this node alone, when it was taken, and which unbroken period of being alone it
     * belongs to (a new one begins whenever a look finds the node alone after one that did not, or after the lease
     * ran out): what was kept in memory in one period must not be trusted in the next.
     */
    private record Look(boolean alone, long atNanos, long period, int others) { }

    private volatile Look look = new Look(false, Long.MIN_VALUE, 0, 0);
    private volatile long registeredAtNanos = Long.MIN_VALUE;
    private volatile long beatAtNanos = Long.MIN_VALUE;

    /** Whether this node may act as if it were the only one: it was, on a fresh enough look. */
    public boolean alone() {
        return alonePeriod() >= 0;
    }

    /** The unbroken period of being alone this node is in now; -1 when it may not act as if alone. */
    public long alonePeriod() {
        Look l = look;
        return l.alone() && System.nanoTime() - l.atNanos() < LEASE.toNanos() ? l.period() : -1;
    }

    /**
     * How many nodes serve requests, this one included, as the latest look counted them: a node takes this share of
     * a table's provisioned capacity.
     */
    public int nodes() {
        return look.others() + 1;
    }

    /** Whether this node's own heartbeat is too old for it to acknowledge a write. */
    public boolean mustBeatBeforeWriting() {
        return System.nanoTime() - beatAtNanos > SELF_FENCE.toNanos();
    }

    /** Waits, if it must, until this node has been registered long enough to acknowledge writes. */
    public void awaitWriteReady() throws InterruptedException {
        long wait = registeredAtNanos + WRITE_DELAY.toNanos() - System.nanoTime();
        if (registeredAtNanos == Long.MIN_VALUE) {
            throw new IllegalStateException("the cluster heartbeat has not registered this node");
        }
        if (wait > 0) {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    void registered(long atNanos) {
        registeredAtNanos = atNanos;
        beatAtNanos = atNanos;
    }

    void beat(long atNanos) {
        beatAtNanos = atNanos;
    }

    /** A look at the others, taken at {@code atNanos} (before its query was sent): how many others were alive. */
    synchronized void looked(long atNanos, int others) {
        boolean aloneNow = others == 0;
        Look previous = look;
        boolean unbroken = previous.alone() && atNanos - previous.atNanos() < LEASE.toNanos();
        look = new Look(aloneNow, atNanos, aloneNow && !unbroken ? previous.period() + 1 : previous.period(), others);
    }
}
