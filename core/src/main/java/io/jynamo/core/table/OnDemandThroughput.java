package io.jynamo.core.table;

/**
 * The maxima an on-demand table or global index may be given (OnDemandThroughput): request units per second, reads
 * and writes apart. A null member sets no maximum. In an UpdateTable request a member of -1 ({@link #REMOVE}) removes
 * the maximum set before.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode-max-throughput.html">DynamoDB maximum throughput for on-demand tables</a>
 */
public record OnDemandThroughput(Long maxReadRequestUnits, Long maxWriteRequestUnits) {
    /** The value that removes a maximum. */
    public static final long REMOVE = -1;

    /** The maximum of reads or of writes; null when there is none. */
    public Long max(boolean write) {
        return write ? maxWriteRequestUnits : maxReadRequestUnits;
    }

    /**
     * The maxima once {@code change} is applied: each member it gives replaces this one's, -1 removes it; null when no
     * maximum is left.
     *
     * @param current the maxima set now; null when none
     */
    public static OnDemandThroughput updated(OnDemandThroughput current, OnDemandThroughput change) {
        OnDemandThroughput echoed = echoed(current, change);
        return of(set(echoed.maxReadRequestUnits), set(echoed.maxWriteRequestUnits));
    }

    /**
     * The maxima as UpdateTable's answer shows them: the members the change gave, -1 included, and the current ones it
     * left alone (DescribeTable then omits the removed ones).
     */
    public static OnDemandThroughput echoed(OnDemandThroughput current, OnDemandThroughput change) {
        Long read = change.maxReadRequestUnits != null ? change.maxReadRequestUnits
                : current == null ? null : current.maxReadRequestUnits;
        Long write = change.maxWriteRequestUnits != null ? change.maxWriteRequestUnits
                : current == null ? null : current.maxWriteRequestUnits;
        return new OnDemandThroughput(read, write);
    }

    /** These maxima; null when neither is set. */
    public static OnDemandThroughput of(Long read, Long write) {
        return read == null && write == null ? null : new OnDemandThroughput(read, write);
    }

    private static Long set(Long value) {
        return value == null || value == REMOVE ? null : value;
    }
}
