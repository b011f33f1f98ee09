package dev.berth.store.raft;

import com.google.protobuf.ByteString;
import dev.berth.store.raft.pb.ConfChange;
import dev.berth.store.raft.pb.ConfChangeType;
import dev.berth.store.raft.pb.ConfState;
import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.HardState;
import dev.berth.store.raft.pb.Message;
import dev.berth.store.raft.pb.MessageType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builders shared by the Raft unit tests, so each test states only the inputs that matter to it: the
 * configuration, the log as a list of terms, the hard state, the message.
 */
final class Fixtures {
    static final int ELECTION_TICK = 10;
    static final int HEARTBEAT_TICK = 1;

    private Fixtures() {}

    /** The Raft of the paper: no pre-vote and no check-quorum; tests turn them on where they matter. */
    static RaftConfig config(long id) {
        return new RaftConfig(id, ELECTION_TICK, HEARTBEAT_TICK, 1 << 20, 256, 0, 64L << 20, false, false,
                ReadOnlyOption.SAFE, 0);
    }

    static ConfState voters(long... ids) {
        return conf(ids, new long[0]);
    }

    static ConfState conf(long[] voters, long[] learners) {
        return ConfState.newBuilder()
                .addAllVoters(Arrays.stream(voters).boxed().toList())
                .addAllLearners(Arrays.stream(learners).boxed().toList())
                .build();
    }

    static Entry entry(long index, long term) {
        return Entry.newBuilder().setIndex(index).setTerm(term).build();
    }

    /** Entries at indexes 1..n with the given terms. */
    static List<Entry> entries(long... terms) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < terms.length; i++) {
            entries.add(entry(i + 1, terms[i]));
        }
        return entries;
    }

    /** A log of entries with {@code terms} at indexes 1..n in a cluster of {@code confState}; nothing committed. */
    static MemoryStorage storage(ConfState confState, long... terms) {
        MemoryStorage storage = MemoryStorage.withConfState(confState);
        storage.append(entries(terms));
        return storage;
    }

    /** Like {@link #storage(ConfState, long...)}, restarted from a persisted term, vote and commit. */
    static MemoryStorage storage(ConfState confState, HardState hardState, long... terms) {
        MemoryStorage storage = storage(confState, terms);
        storage.setHardState(hardState);
        return storage;
    }

    static HardState hardState(long term, long vote, long commit) {
        return HardState.newBuilder().setTerm(term).setVote(vote).setCommit(commit).build();
    }

    static Message.Builder message(MessageType type, long from, long to, long term) {
        return Message.newBuilder().setType(type).setFrom(from).setTo(to).setTerm(term);
    }

    static ConfChange confChange(ConfChangeType type, long nodeId) {
        return ConfChange.newBuilder().setType(type).setNodeId(nodeId).build();
    }

    static ByteString bytes(String s) {
        return ByteString.copyFromUtf8(s);
    }
}
