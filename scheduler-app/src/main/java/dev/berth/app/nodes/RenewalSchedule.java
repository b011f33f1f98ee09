package dev.berth.app.nodes;

import java.time.Duration;

/**
 * When each simulated kubelet writes: node {@code slot} of {@code slots} has its own phase in the interval
 * ({@code slot / slots} of it after the epoch), so that 5,000 nodes renew 500 a second evenly instead of all at once,
 * and its first write comes no later than one interval after it registered. After that it writes every interval.
 */
final class RenewalSchedule {
    private final long intervalNanos;
    private final long epochNanos;
    private final int slots;

    RenewalSchedule(Duration interval, long epochNanos, int slots) {
        if (interval.isNegative() || interval.isZero() || slots < 1) {
            throw new IllegalArgumentException("interval " + interval + " and slots " + slots + " must be positive");
        }
        this.intervalNanos = interval.toNanos();
        this.epochNanos = epochNanos;
        this.slots = slots;
    }

    long intervalNanos() {
        return intervalNanos;
    }

    /** The node's first write after {@code registeredNanos}: on its phase, in (registered, registered + interval]. */
    long firstDue(int slot, long registeredNanos) {
        long phase = epochNanos + (long) (((double) Math.floorMod(slot, slots) / slots) * intervalNanos);
        long cycles = Math.floorDiv(registeredNanos - phase, intervalNanos) + 1;
        return phase + cycles * intervalNanos;
    }

    /**
     * The write after one due at {@code due}, given the time now: the next on the node's phase that is still ahead.
     * A write that runs late stamps the time it runs, so phases that passed while it waited need no write of their own.
     */
    long nextDue(long due, long nowNanos) {
        long next = due + intervalNanos;
        if (next <= nowNanos) {
            next += (Math.floorDiv(nowNanos - next, intervalNanos) + 1) * intervalNanos;
        }
        return next;
    }
}
