package dev.berth.store.raft.simulation;

import com.google.protobuf.ByteString;
import dev.berth.store.raft.MemoryStorage;
import dev.berth.store.raft.RaftConfig;
import dev.berth.store.raft.RaftNode;
import dev.berth.store.raft.Ready;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * One simulated store member: its disk (the {@link MemoryStorage} the core persists into, which survives
 * crashes) and everything in memory that a crash loses: the Raft core, the state machine, the batch being
 * written, and requests queued while that write is in progress.
 */
final class SimNode {
    final long id;
    final MemoryStorage disk;
    RaftNode raft;
    KvStateMachine state;
    boolean up;
    int incarnation;
    /** The Ready being persisted; while set, the node takes no input (inputs wait in {@code inbox}). */
    Ready writing;
    final ArrayDeque<Runnable> inbox = new ArrayDeque<>();
    long lastCommit;
    long entriesSinceSnapshot;
    /** Writes proposed here, by operation id, waiting to be applied. */
    final Map<Long, Simulation.ClientCall> waitingWrites = new HashMap<>();
    /** Reads asked here, by context, waiting for their read index. */
    final Map<ByteString, Simulation.ClientCall> waitingReadIndex = new HashMap<>();
    /** Reads with a read index, waiting for the state machine to catch up. */
    final Map<Simulation.ClientCall, Long> waitingApply = new LinkedHashMap<>();

    SimNode(long id, MemoryStorage disk) {
        this.id = id;
        this.disk = disk;
    }

    /** Starts (or restarts) from the disk: state from the snapshot, entries after it replayed by Raft. */
    void start(RaftConfig config, long seed) {
        incarnation++;
        long snapshotIndex = disk.snapshot().getMetadata().getIndex();
        raft = new RaftNode(config.withApplied(snapshotIndex), disk, new Random(seed * 1_000_003L + id * 7919L + incarnation));
        state = new KvStateMachine();
        state.restore(snapshotIndex, disk.snapshot().getData());
        writing = null;
        inbox.clear();
        waitingWrites.clear();
        waitingReadIndex.clear();
        waitingApply.clear();
        lastCommit = 0;
        entriesSinceSnapshot = 0;
        up = true;
    }

    void crash() {
        up = false;
        raft = null;
        state = null;
        writing = null;
        inbox.clear();
        waitingWrites.clear();
        waitingReadIndex.clear();
        waitingApply.clear();
    }
}
