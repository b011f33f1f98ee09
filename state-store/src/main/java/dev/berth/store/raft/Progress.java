package dev.berth.store.raft;

/**
 * What a leader knows about one follower's log, and how it is sending to it: probing for the match
 * point one append at a time, replicating optimistically with a window of in-flight appends, or waiting
 * for a snapshot to land.
 */
final class Progress {
    /** The leader's sending mode toward one follower. */
    enum State { PROBE, REPLICATE, SNAPSHOT }

    long match;
    long next;
    State state = State.PROBE;
    long pendingSnapshot;
    /** Heard from since the last check-quorum round. */
    boolean recentActive;
    /** In PROBE: one append is out; wait for its answer or the next heartbeat. */
    boolean probeSent;
    boolean learner;
    final Inflights inflights;

    Progress(long next, Inflights inflights, boolean learner) {
        this.next = next;
        this.inflights = inflights;
        this.learner = learner;
    }

    void becomeProbe() {
        if (state == State.SNAPSHOT) {
            long pending = pendingSnapshot;
            reset(State.PROBE);
            next = Math.max(match + 1, pending + 1);
        } else {
            reset(State.PROBE);
            next = match + 1;
        }
    }

    void becomeReplicate() {
        reset(State.REPLICATE);
        next = match + 1;
    }

    void becomeSnapshot(long snapshotIndex) {
        reset(State.SNAPSHOT);
        pendingSnapshot = snapshotIndex;
    }

    private void reset(State to) {
        state = to;
        probeSent = false;
        pendingSnapshot = 0;
        inflights.reset();
    }

    /** An acknowledgement up to {@code index}; true if it moved the match point. */
    boolean maybeUpdate(long index) {
        boolean updated = false;
        if (match < index) {
            match = index;
            updated = true;
            probeSent = false;
        }
        next = Math.max(next, index + 1);
        return updated;
    }

    /** After sending entries up to {@code last} while replicating, expect them to land. */
    void optimisticUpdate(long last) {
        next = last + 1;
    }

    /**
     * A rejection of the append after {@code rejected}; {@code hint} is where the follower suggests probing.
     * Returns false when the rejection is stale (for an append already superseded).
     */
    boolean maybeDecreaseTo(long rejected, long hint) {
        if (state == State.REPLICATE) {
            if (rejected <= match) {
                return false;
            }
            next = match + 1;
            return true;
        }
        if (next - 1 != rejected) {
            return false;
        }
        next = Math.max(Math.min(rejected, hint + 1), 1);
        probeSent = false;
        return true;
    }

    boolean paused() {
        return switch (state) {
            case PROBE -> probeSent;
            case REPLICATE -> inflights.full();
            case SNAPSHOT -> true;
        };
    }

    @Override
    public String toString() {
        return state + " match=" + match + " next=" + next + (learner ? " learner" : "")
                + (state == State.SNAPSHOT ? " pendingSnapshot=" + pendingSnapshot : "");
    }
}
