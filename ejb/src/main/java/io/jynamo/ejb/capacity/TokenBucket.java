package io.jynamo.ejb.capacity;

/**
 * Capacity units that accrue at a rate per second up to a ceiling, and that requests spend. A request is let in while
 * the bucket holds any units and then spends what it consumed, which may take the bucket below zero: as in DynamoDB,
 * whose requests are admitted before their size is known, an overdraft is paid back by the accrual before the next
 * request gets in.
 */
final class TokenBucket {
    private double rate;
    private double ceiling;
    private double units;
    private long atNanos;

    /** A full bucket: a table starts with its burst allowance. */
    TokenBucket(double rate, double ceiling, long nowNanos) {
        this.rate = rate;
        this.ceiling = ceiling;
        this.units = ceiling;
        this.atNanos = nowNanos;
    }

    /** Whether a request may go in now. */
    synchronized boolean hasUnits(long nowNanos) {
        accrue(nowNanos);
        return units > 0;
    }

    /** Spends what a request consumed. */
    synchronized void spend(double consumed, long nowNanos) {
        accrue(nowNanos);
        units -= consumed;
    }

    /** Takes a new rate and ceiling (the capacity or the number of nodes changed), keeping what has accrued. */
    synchronized void resize(double newRate, double newCeiling, long nowNanos) {
        if (newRate == rate && newCeiling == ceiling) {
            return;
        }
        accrue(nowNanos);
        rate = newRate;
        ceiling = newCeiling;
        units = Math.min(units, ceiling);
    }

    private void accrue(long nowNanos) {
        long elapsed = nowNanos - atNanos;
        if (elapsed > 0) {
            units = Math.min(ceiling, units + rate * elapsed / 1e9);
            atNanos = nowNanos;
        }
    }
}
