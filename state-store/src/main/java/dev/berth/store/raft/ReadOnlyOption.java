package dev.berth.store.raft;

/** How a leader confirms it is still the leader before answering a read index. */
public enum ReadOnlyOption {
    /** A heartbeat round acknowledged by a quorum (one round trip); correct under any clock behaviour. */
    SAFE,
    /**
     * The leader lease of check-quorum, no round trip. Correct only if the nodes' clocks advance at about
     * the same rate: a follower that heard from the leader ignores votes for electionTick ticks, so the
     * leader is safe while its own ticks do not run slower than the others' by more than the lease's
     * margin. Needs checkQuorum.
     */
    LEASE_BASED
}
