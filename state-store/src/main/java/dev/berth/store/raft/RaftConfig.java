package dev.berth.store.raft;

/**
 * How one Raft node behaves. Times are in ticks of the owner's logical clock.
 *
 * @param id this node's id, not 0
 * @param electionTick a follower that hears nothing from a leader for a random time in
 *     [electionTick, 1.75 × electionTick) starts an election; a leader with check-quorum steps down after
 *     electionTick without hearing from a quorum
 * @param heartbeatTick how often a leader sends heartbeats; must be below electionTick
 * @param maxSizePerMessage the most entry bytes in one append (at least one entry is always sent)
 * @param maxInflightMessages appends a leader sends to one follower before it must hear back
 * @param maxInflightBytes entry bytes in flight to one follower before pausing; 0 for no byte limit
 * @param maxApplyBytes the most committed-entry bytes handed out in one {@link Ready}
 * @param preVote run a pre-vote round before an election, so a partitioned node that rejoins does not
 *     disrupt a healthy leader by bumping the term
 * @param checkQuorum a leader steps down when it has not heard from a quorum within electionTick, and
 *     a node that hears from a leader ignores vote requests for that long (the leader lease)
 * @param readOnlyOption how {@link RaftNode#readIndex} confirms leadership
 * @param applied the last index the owner's state machine applied before a restart; 0 for a new node
 */
public record RaftConfig(
        long id,
        int electionTick,
        int heartbeatTick,
        long maxSizePerMessage,
        int maxInflightMessages,
        long maxInflightBytes,
        long maxApplyBytes,
        boolean preVote,
        boolean checkQuorum,
        ReadOnlyOption readOnlyOption,
        long applied) {

    public RaftConfig {
        require(id != 0, "id", "must not be 0 (0 means \"none\" in Raft messages)");
        require(heartbeatTick > 0, "heartbeatTick", "must be positive");
        require(electionTick > heartbeatTick, "electionTick", "must be greater than heartbeatTick");
        require(maxSizePerMessage > 0, "maxSizePerMessage", "must be positive");
        require(maxInflightMessages > 0, "maxInflightMessages", "must be positive");
        require(maxInflightBytes >= 0, "maxInflightBytes", "must not be negative");
        require(maxApplyBytes > 0, "maxApplyBytes", "must be positive");
        require(readOnlyOption != null, "readOnlyOption", "must be set");
        require(readOnlyOption != ReadOnlyOption.LEASE_BASED || checkQuorum, "readOnlyOption",
                "LEASE_BASED needs checkQuorum, or the lease is not guaranteed");
        require(applied >= 0, "applied", "must not be negative");
    }

    /** etcd's defaults: election 10 ticks, heartbeat 1, 1 MiB appends, 256 in flight, pre-vote and check-quorum on. */
    public static RaftConfig defaults(long id) {
        return new RaftConfig(id, 10, 1, 1 << 20, 256, 0, 64L << 20, true, true, ReadOnlyOption.SAFE, 0);
    }

    public RaftConfig withApplied(long appliedIndex) {
        return new RaftConfig(id, electionTick, heartbeatTick, maxSizePerMessage, maxInflightMessages,
                maxInflightBytes, maxApplyBytes, preVote, checkQuorum, readOnlyOption, appliedIndex);
    }

    public RaftConfig withReadOnlyOption(ReadOnlyOption option) {
        return new RaftConfig(id, electionTick, heartbeatTick, maxSizePerMessage, maxInflightMessages,
                maxInflightBytes, maxApplyBytes, preVote, checkQuorum, option, applied);
    }

    public RaftConfig withPreVote(boolean enabled) {
        return new RaftConfig(id, electionTick, heartbeatTick, maxSizePerMessage, maxInflightMessages,
                maxInflightBytes, maxApplyBytes, enabled, checkQuorum, readOnlyOption, applied);
    }

    public RaftConfig withCheckQuorum(boolean enabled) {
        return new RaftConfig(id, electionTick, heartbeatTick, maxSizePerMessage, maxInflightMessages,
                maxInflightBytes, maxApplyBytes, preVote, enabled, readOnlyOption, applied);
    }

    public RaftConfig withId(long nodeId) {
        return new RaftConfig(nodeId, electionTick, heartbeatTick, maxSizePerMessage, maxInflightMessages,
                maxInflightBytes, maxApplyBytes, preVote, checkQuorum, readOnlyOption, applied);
    }

    private static void require(boolean ok, String field, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("raft config: " + field + " " + rule);
        }
    }
}
