package dev.berth.store.server;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.berth.store.DaemonThreads;
import dev.berth.store.raft.pb.ConfState;
import dev.berth.store.raft.pb.SnapshotMetadata;
import dev.berth.store.server.pb.StoreSnapshot;
import dev.berth.store.wal.SnapshotFiles;
import dev.berth.store.wal.SnapshotOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a member's Raft snapshots off its thread, as etcd does: the member thread captures the state (cheap), a
 * background thread encodes it and writes the file (the expensive part, proportional to the whole history), and
 * the member thread then installs it, compacting the log and releasing WAL segments. One snapshot at a time.
 *
 * <p>Used from the member thread only, apart from the background work it starts.
 */
final class SnapshotTaker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotTaker.class);

    /** etcd 3.4's default {@code --snapshot-count}: as many entries as etcd itself keeps between snapshots. */
    private static final long MAX_SPACING_BY_RECORDS = 100_000;

    private final String member;
    private final DurableLog log;
    private final long catchUpEntries;
    private final Consumer<Runnable> memberThread;
    private final ExecutorService background;
    private Job current;
    private long lastRecords;

    /**
     * @param memberThread runs a task on the member thread (where a finished snapshot is installed)
     */
    SnapshotTaker(String member, DurableLog log, long catchUpEntries, Consumer<Runnable> memberThread) {
        this.member = member;
        this.log = log;
        this.catchUpEntries = catchUpEntries;
        this.memberThread = memberThread;
        this.background = Executors.newSingleThreadExecutor(DaemonThreads.named("berth-snapshot-" + member));
    }

    /** One snapshot under way: what it captured and the file being written. */
    private record Job(SnapshotMetadata metadata, SnapshotExport export,
                       CompletableFuture<SnapshotFiles.Prepared> written) {
    }

    /**
     * Captures the state at {@code index} and starts encoding and writing it; the member thread installs it once
     * written. Returns false, and does nothing, while an earlier snapshot is still under way.
     */
    boolean start(long index, ConfState confState, StateMachine stateMachine, MemberTable members,
               Map<Long, Long> appliedRequestIds) {
        if (current != null) {
            return false;
        }
        SnapshotMetadata metadata = log.snapshotMetadata(index, confState);
        StoreSnapshot header = StoreSnapshot.newBuilder().addAllMembers(members.list())
                .putAllAppliedRequestIds(appliedRequestIds).build();
        SnapshotExport export = stateMachine.exportSnapshot();
        lastRecords = export.records();
        CompletableFuture<SnapshotFiles.Prepared> written = CompletableFuture.supplyAsync(() -> {
            try {
                return log.writeSnapshotFile(metadata, withState(header, export));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, background);
        Job job = new Job(metadata, export, written);
        current = job;
        written.whenComplete((result, failure) -> memberThread.accept(() -> finish(job, result, failure)));
        return true;
    }

    /**
     * Applied entries to wait after a snapshot before the next: {@code snapshotCount}, or as many as the last snapshot
     * held records if that is more, up to {@link #MAX_SPACING_BY_RECORDS}. A snapshot encodes the whole state (unlike
     * etcd's, whose backend is durable on its own), so spacing them by the state's size keeps their cost per write
     * from growing with the state. The cap bounds what the wider spacing keeps in memory and in the WAL: the log
     * holds every entry since the last snapshot, so a store of millions of values would otherwise hold millions of
     * entries.
     */
    long spacing(long snapshotCount) {
        return spacing(snapshotCount, lastRecords);
    }

    static long spacing(long snapshotCount, long lastRecords) {
        return Math.max(snapshotCount, Math.min(lastRecords, MAX_SPACING_BY_RECORDS));
    }

    /**
     * The {@link StoreSnapshot} of {@code header} with the export's state set, streamed: a message's encoding is the
     * concatenation of its fields' in any order, so the header goes first and the state (nearly all of a snapshot's
     * bytes) after it, straight into the file, its length filled in once it is written ({@link SnapshotOutput}).
     * Holding the state whole instead took a copy of it on the heap per snapshot, and counting it first encoded it
     * twice.
     */
    private static SnapshotFiles.Data withState(StoreSnapshot header, SnapshotExport export) {
        return out -> {
            CodedOutputStream framing = CodedOutputStream.newInstance(out);
            header.writeTo(framing);
            framing.writeTag(StoreSnapshot.STATE_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            framing.flush();
            SnapshotOutput.LengthSlot stateLength = out.reserveLength();
            export.writeTo(out);
            stateLength.fill();
        };
    }

    private void finish(Job job, SnapshotFiles.Prepared file, Throwable failure) {
        if (current != job) {
            return;
        }
        current = null;
        job.export().close();
        if (failure != null) {
            LOG.warn("store member {}: the snapshot at index {} failed ({}); the WAL keeps every entry, the next"
                    + " attempt comes after more entries", member, job.metadata().getIndex(), failure.toString());
            return;
        }
        try {
            log.installSnapshot(job.metadata(), file, catchUpEntries);
        } catch (IOException e) {
            throw new UncheckedIOException("installing the snapshot at index " + job.metadata().getIndex()
                    + " of store member " + member + " failed", e);
        }
        LOG.debug("store member {} took a snapshot at index {}", member, job.metadata().getIndex());
    }

    /**
     * Waits for a snapshot under way and drops it without installing: the member is about to replace its state
     * with a leader's snapshot, which the export must not be reading any more.
     */
    void abandon() {
        Job job = current;
        if (job == null) {
            return;
        }
        current = null;
        release(job, job.written().handle((result, failure) -> result).join());
    }

    /** Closes the job's export, so the removals it deferred happen, and deletes its file if one was written. */
    private void release(Job job, SnapshotFiles.Prepared written) {
        job.export().close();
        if (written != null) {
            try {
                written.discard();
            } catch (IOException e) {
                LOG.warn("store member {}: deleting an abandoned snapshot file failed ({}); the next start deletes it",
                        member, e.toString());
            }
        }
    }

    /**
     * Waits (bounded) for a snapshot under way, so nothing reads the state machine once the member closes, then
     * drops it: the member thread has stopped and would never install it, and an export left open would keep the
     * store's compacted revisions from being removed before it seals.
     *
     * <p>Called once the member thread has stopped.
     */
    @Override
    public void close() {
        background.shutdown();
        try {
            if (!background.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("store member {}: a snapshot still being written after 60 s is abandoned", member);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Job job = current;
        if (job != null) {
            current = null;
            release(job, job.written().isDone() ? job.written().handle((result, failure) -> result).join() : null);
        }
    }
}
