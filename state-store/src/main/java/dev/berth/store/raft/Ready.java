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
 * forget in a crash.
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

    public boolean hasSnapshot() {
        return snapshot.getMetadata().getIndex() > 0;
    }
}
