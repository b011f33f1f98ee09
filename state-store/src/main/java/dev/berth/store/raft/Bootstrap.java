package dev.berth.store.raft;

import com.google.protobuf.ByteString;
import dev.berth.store.raft.pb.ConfChange;
import dev.berth.store.raft.pb.ConfChangeType;
import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.EntryType;
import dev.berth.store.raft.pb.HardState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The first log of a new cluster, as etcd writes it: one committed "add voter" entry per initial
 * member, in term 1, identical on every initial member. Membership thus lives in the log from index 1,
 * so a member added later learns the whole history by replaying it, and a restart replays it too.
 */
public final class Bootstrap {
    private Bootstrap() {}

    /** The bootstrap entries for {@code voters}, sorted by id so every member writes the same log. */
    public static List<Entry> entries(Collection<Long> voters) {
        SortedMap<Long, ByteString> withoutContext = new TreeMap<>();
        for (long voter : voters) {
            withoutContext.put(voter, ByteString.EMPTY);
        }
        return entries(withoutContext);
    }

    /**
     * The bootstrap entries for the voters in {@code contexts}, each change carrying its context (the
     * server keeps a member's name and URLs there), in id order.
     */
    public static List<Entry> entries(SortedMap<Long, ByteString> contexts) {
        if (contexts.isEmpty()) {
            throw new IllegalArgumentException("a new cluster needs at least one voter");
        }
        List<Entry> entries = new ArrayList<>();
        long index = 0;
        for (var voter : contexts.entrySet()) {
            if (voter.getKey() == RaftNode.NONE) {
                throw new IllegalArgumentException("member id 0 is reserved");
            }
            ConfChange change = ConfChange.newBuilder().setType(ConfChangeType.CONF_ADD_VOTER)
                    .setNodeId(voter.getKey()).setContext(voter.getValue()).build();
            entries.add(Entry.newBuilder().setTerm(1).setIndex(++index).setType(EntryType.ENTRY_CONF_CHANGE)
                    .setData(change.toByteString()).build());
        }
        return entries;
    }

    /** The hard state that goes with {@link #entries}: term 1, all bootstrap entries committed. */
    public static HardState hardState(Collection<Long> voters) {
        return HardState.newBuilder().setTerm(1).setCommit(new TreeSet<>(voters).size()).build();
    }

    /** An in-memory log holding the bootstrap of a new cluster (for tests and single-process use). */
    public static MemoryStorage memoryStorage(Collection<Long> voters) {
        MemoryStorage storage = new MemoryStorage();
        storage.append(entries(voters));
        storage.setHardState(hardState(voters));
        return storage;
    }
}
