package dev.berth.store.raft;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.berth.store.raft.pb.ConfChange;
import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.EntryType;
import dev.berth.store.raft.pb.Message;
import dev.berth.store.raft.pb.MessageType;
import dev.berth.store.raft.pb.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * One member under test: the core, the storage it persists into, and what its state machine saw.
 * {@link #processReady()} handles a {@link Ready} the way the owner must (persist and apply, configuration
 * changes through {@link RaftNode#applyConfChange}, then advance), so tests drive the core only through
 * its public contract and a bug in Ready handling cannot hide in a test's shortcut.
 */
final class Replica {
    final RaftNode raft;
    final MemoryStorage storage;
    /** Committed entries in the order they were applied. */
    final List<Entry> applied = new ArrayList<>();
    final List<ReadState> readStates = new ArrayList<>();
    /** Snapshots restored into the state machine. */
    final List<Snapshot> restored = new ArrayList<>();

    Replica(RaftConfig config, MemoryStorage storage, int jitter) {
        this.storage = storage;
        this.raft = new RaftNode(config, storage, new FixedJitter(jitter));
    }

    /** A replica that times out exactly after electionTick quiet ticks. */
    Replica(RaftConfig config, MemoryStorage storage) {
        this(config, storage, 0);
    }

    /**
     * Node {@code config.id()} over {@code storage} (pre-vote off), made leader at once: it campaigns and
     * every other voter grants. Its Ready is handled, so its empty entry is persisted but not acknowledged.
     */
    static Replica elected(RaftConfig config, MemoryStorage storage) {
        Replica r = new Replica(config, storage);
        r.raft.campaign();
        long term = r.status().term();
        for (long voter : r.raft.confState().getVotersList()) {
            if (voter != r.id()) {
                r.step(Fixtures.message(MessageType.MSG_VOTE_RESPONSE, voter, r.id(), term).build());
            }
        }
        r.processReady();
        if (r.status().role() != RoleKind.LEADER) {
            throw new IllegalStateException("node " + r.id() + " did not win: " + r.status());
        }
        return r;
    }

    /** Node 1 of {1, 2, 3} in {@code role} at term 2 (it starts at term 1), its Ready handled. */
    static Replica inRole(RoleKind role, RaftConfig config) {
        MemoryStorage storage = Fixtures.storage(Fixtures.voters(1, 2, 3), Fixtures.hardState(1, 0, 0));
        if (role == RoleKind.LEADER) {
            return elected(config, storage);
        }
        Replica r = new Replica(config, storage);
        switch (role) {
            case FOLLOWER -> r.step(Fixtures.message(MessageType.MSG_HEARTBEAT, 3, 1, 2).build());
            case CANDIDATE -> r.raft.campaign();
            default -> throw new IllegalArgumentException("not a steady role: " + role);
        }
        r.processReady();
        if (r.status().role() != role || r.status().term() != 2) {
            throw new IllegalStateException("wanted " + role + " at term 2, got " + r.status());
        }
        return r;
    }

    long id() {
        return raft.id();
    }

    RaftStatus status() {
        return raft.status();
    }

    /** Handles every pending Ready in order and returns the messages they asked to send. */
    List<Message> processReady() {
        List<Message> out = new ArrayList<>();
        while (raft.hasReady()) {
            Ready rd = raft.ready();
            out.addAll(rd.messages());
            if (rd.hasSnapshot()) {
                restored.add(rd.snapshot());
            }
            for (Entry e : rd.committedEntries()) {
                applied.add(e);
                if (e.getType() == EntryType.ENTRY_CONF_CHANGE) {
                    raft.applyConfChange(parse(e));
                }
            }
            readStates.addAll(rd.readStates());
            raft.advance(rd);
        }
        return out;
    }

    /** Steps {@code m} and handles the Ready it causes. */
    List<Message> step(Message m) {
        raft.step(m);
        return processReady();
    }

    /** The data of the applied normal entries that carry data (the leaders' empty entries left out). */
    List<String> appliedData() {
        return applied.stream()
                .filter(e -> e.getType() == EntryType.ENTRY_NORMAL && !e.getData().isEmpty())
                .map(e -> e.getData().toStringUtf8())
                .toList();
    }

    /** The terms of the whole log from the first index on, stable and unstable. */
    List<Long> logTerms() {
        List<Long> terms = new ArrayList<>();
        for (long i = raft.log.firstIndex(); i <= raft.log.lastIndex(); i++) {
            terms.add(raft.log.term(i));
        }
        return terms;
    }

    private static ConfChange parse(Entry e) {
        try {
            return ConfChange.parseFrom(e.getData());
        } catch (InvalidProtocolBufferException ex) {
            throw new AssertionError("unreadable configuration change at " + e.getIndex(), ex);
        }
    }
}
