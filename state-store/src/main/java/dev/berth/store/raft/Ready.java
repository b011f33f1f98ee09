package dev.berth.store.raft;

import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.HardState;
import dev.berth.store.raft.pb.Message;
import dev.berth.store.raft.pb.Snapshot;
import java.util.List;

/**
 * One batch of work for the owner, handled in this order: persist {@code hardState}, {@code snapshot}
 * and {@code entries} with a single fsync when {@code mustSync}; then send {@code messages}; then
 * restore {@code snapshot} into the state machine and apply {@code committedEntries}; answer
 * {@code readStates} once applied past their index; finally call {@link RaftNode#advance(Ready)}.
 * Messages are sent only after persisting, so no peer ever learns of a vote or an entry this node could
 * forget in a crash — except a leader's replication traffic and a follower's forwarded requests
 * ({@link #canSendBeforePersist}), which may go out while the node's own write is in progress (Raft thesis
 * §10.2.1): the leader counts its own copy toward a quorum only after {@link RaftNode#advance}, and its term was
 * made durable before it won.
 *
 * @param softState the leader and role, or null if unchanged
 * @param hardState term, vote and commit to persist; the default instance if unchanged
 * @param entries entries to persist, appended after (and replacing any conflicting) earlier ones
 * @param snapshot a snapshot from the leader to persist and restore; the default instance if none
 * @param committedEntries entries to apply, in order
 * @param messages messages to send, after persisting
 * @param readStates read indexes that became ready
 * @param mustSync whether the write needs an fsync (a changed term or vote, or new entries)
 */
public record Ready(
        SoftState softState,
        HardState hardState,
        List<Entry> entries,
        Snapshot snapshot,
        List<Entry> committedEntries,
        List<Message> messages,
        List<ReadState> readStates,
        boolean mustSync) {

    public boolean hasHardState() {
        return !hardState.equals(HardState.getDefaultInstance());
    }

    /**
     * Whether {@code m} may be sent before this batch is persisted: appends, heartbeats, snapshots and
     * TimeoutNow, which only a leader sends and which promise nothing about this node's disk; and the proposals
     * and read requests a follower forwards to its leader, which carry nothing of its log, term or vote (holding
     * them back would add the follower's fsync to every write and linearizable read sent to it).
     */
    public static boolean canSendBeforePersist(Message m) {
        return switch (m.getType()) {
            case MSG_APPEND, MSG_HEARTBEAT, MSG_SNAPSHOT, MSG_TIMEOUT_NOW, MSG_PROPOSE, MSG_READ_INDEX -> true;
            default -> false;
        };
    }

    public boolean hasSnapshot() {
        return snapshot.getMetadata().getIndex() > 0;
    }
}
