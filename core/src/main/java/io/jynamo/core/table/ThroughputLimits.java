package io.jynamo.core.table;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * DynamoDB's quotas on throughput: at most 40,000 read and 40,000 write units per table (its default quota), for
 * provisioned capacity and on-demand maxima alike, and decreases of provisioned capacity limited within a UTC day, four
 * at any time and then one an hour after the last.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html">Quotas in DynamoDB</a>
 */
public final class ThroughputLimits {
    private ThroughputLimits() {
    }

    /** The units a table may be provisioned with, reads and writes each. */
    public static final long TABLE_MAXIMUM = 40_000;
    /** The units an account may provision in a region, reads and writes each (reported, not enforced). */
    public static final long ACCOUNT_MAXIMUM = 80_000;
    /** The decreases a UTC day allows at any time. */
    static final int FREE_DECREASES = 4;
    /** After those, how long after the last decrease the next may be made. */
    static final Duration DECREASE_INTERVAL = Duration.ofHours(1);

    private static final DateTimeFormatter WHEN = DateTimeFormatter
            .ofPattern("EEEE, MMMM d, yyyy 'at' h:mm:ss a zzzz", Locale.US).withZone(ZoneId.of("UTC"));

    /** LimitExceededException for units above the table maximum, reads checked first. */
    public static void checkTableMaximum(ProvisionedThroughput t, String region) {
        if (t.readCapacityUnits() > TABLE_MAXIMUM) {
            throw aboveMaximum("ReadCapacityUnits", t.readCapacityUnits(), region);
        }
        if (t.writeCapacityUnits() > TABLE_MAXIMUM) {
            throw aboveMaximum("WriteCapacityUnits", t.writeCapacityUnits(), region);
        }
    }

    /**
     * LimitExceededException for on-demand maxima above the table maximum, reads checked first.
     *
     * @param of what the maxima are for, as the message names it: "table" or "index : NAME"
     */
    public static void checkTableMaximum(OnDemandThroughput t, String of, String region) {
        for (boolean write : new boolean[] {false, true}) {
            Long max = t.max(write);
            if (max != null && max > TABLE_MAXIMUM) {
                String kind = write ? "Write" : "Read";
                throw new DynamoException(ErrorType.LIMIT_EXCEEDED, "Subscriber limit exceeded: Requested Max" + kind
                        + "RequestUnits for OnDemandThroughput for " + of + " exceeds TableMax" + kind
                        + "CapacityUnits of the account in region " + region);
            }
        }
    }

    private static DynamoException aboveMaximum(String member, long units, String region) {
        return new DynamoException(ErrorType.LIMIT_EXCEEDED, "The requested " + member + ", " + units + ", is above "
                + "the per table maximum for the account in " + region + ". Per table maximum: " + TABLE_MAXIMUM + ".");
    }

    /**
     * LimitExceededException unless another decrease may be made {@code now}, given those made today (UTC) and the
     * last one.
     */
    public static void checkDecrease(int decreasesToday, Instant lastDecrease, Instant now) {
        if (decreasesToday < FREE_DECREASES || lastDecrease == null) {
            return;
        }
        Instant next = lastDecrease.plus(DECREASE_INTERVAL);
        if (now.isBefore(next)) {
            throw new DynamoException(ErrorType.LIMIT_EXCEEDED, "Subscriber limit exceeded: Provisioned throughput "
                    + "decreases are limited within a given UTC day. After the first " + FREE_DECREASES + " decreases, "
                    + "each subsequent decrease in the same UTC day can be performed at most once every "
                    + DECREASE_INTERVAL.toSeconds() + " seconds. Number of decreases today: " + decreasesToday
                    + ". Last decrease at " + WHEN.format(lastDecrease) + ". Next decrease can be made at "
                    + WHEN.format(next));
        }
    }

    /** The decreases made on {@code now}'s UTC day, given the count and date of the last one. */
    public static int decreasesOn(Instant now, int decreasesToday, Instant lastDecrease) {
        return lastDecrease != null && lastDecrease.atZone(ZoneOffset.UTC).toLocalDate()
                .equals(now.atZone(ZoneOffset.UTC).toLocalDate()) ? decreasesToday : 0;
    }
}
