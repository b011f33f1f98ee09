package dev.berth.store.mvcc;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.berth.store.etcd.mvccpb.Event;
import dev.berth.store.etcd.pb.HashKVResponse;
import dev.berth.store.etcd.pb.HashResponse;
import dev.berth.store.etcd.pb.RangeRequest;
import dev.berth.store.etcd.pb.RangeResponse;
import dev.berth.store.mvcc.pb.InternalRequest;
import dev.berth.store.server.SnapshotExport;
import dev.berth.store.server.StateMachine;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Berth's etcd-compatible multi-version key-value store, the state machine a store member replicates: each
 * command is an {@link InternalRequest} (a put, delete range, txn or compaction) and its answer is etcd's response
 * message, or an {@link MvccException} with etcd's error for a request etcd would refuse. Every write
 * transaction gets the next store revision; older revisions stay readable until compacted.
 *
 * <p><b>Threads.</b> {@link #apply}, {@link #exportSnapshot} and {@link #restore} come from the member, one at a
 * time (its Raft thread, or its apply thread while the Raft thread waits for the fsync); an export is encoded on
 * another thread while writes go on, and the member restores a snapshot only once no export is open.
 * {@link #range}, {@link #hashKv} and {@link #hash} may be called from any thread at any time: each sees the store
 * at one revision. Reads share a read-write lock that an apply takes alone, for the few microseconds a write
 * takes; a compaction removes the obsolete revisions from the backend after letting readers back in.
 *
 * <p><b>Restarts.</b> The Raft WAL makes writes durable, not the backend (Chronicle Map promises nothing about
 * what reaches the disk). {@link #close()} seals the backend with the consistent index (the Raft index of the last
 * applied command) and a checksum of its content. {@link #open} takes the seal out and, if the content still
 * matches it, rebuilds the key index and reports the sealed index as {@link #recoveredIndex()}: the member then
 * skips the snapshot and the entries up to that index instead of re-applying them. Otherwise (a crash, a damaged
 * file) it starts empty and reports 0, and the member restores the Raft snapshot and replays the log. Applying an
 * index at or below the consistent index is refused: the server must skip those entries.
 *
 * <p><b>Failures.</b> A refused request changes nothing but the consistent index, as every member refuses it
 * alike. Any other failure while applying (such as a backend that outgrew its file) leaves the state unknown: the
 * store then refuses everything but {@link #restore} and {@link #close}, and does not seal, so the next start
 * rebuilds it from Raft.
 */
public final class MvccStore implements StateMachine, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MvccStore.class);

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final RevisionBackend backend;
    private final KvStore kv;
    private final KvApplier applier;
    private final LeaseTable leaseTable = new LeaseTable();
    private final PendingRemovals removals = new PendingRemovals();
    private final LeaseApplier leases;
    private final Path dir;
    private final long recoveredIndex;
    private long consistentIndex;
    private volatile boolean failed;
    private boolean closed;
    private volatile EventListener eventListener = EventListener.NONE;

    private MvccStore(RevisionBackend backend, KvStore kv, MvccOptions options, long recoveredIndex, Path dir,
            List<Lease> recoveredLeases) {
        this.backend = backend;
        this.kv = kv;
        this.applier = new KvApplier(kv, options.maxKeyValueBytes());
        this.leases = new LeaseApplier(applier, leaseTable);
        this.dir = dir;
        leaseTable.replaceWith(recoveredLeases);
        this.recoveredIndex = recoveredIndex;
        this.consistentIndex = recoveredIndex;
    }

    /**
     * Opens the store kept in {@code dir} (creating the directory if needed), recovering what a clean close
     * sealed there.
     *
     * @throws IOException if the directory is in use by another store or the backend file cannot be created
     * @throws IllegalArgumentException if the backend laid out for {@code options} cannot hold a KeyValue of
     *     {@link MvccOptions#maxKeyValueBytes()}
     */
    public static MvccStore open(Path dir, MvccOptions options) throws IOException {
        RevisionBackend backend = RevisionBackend.open(dir, options);
        try {
            KvStore kv = new KvStore(backend);
            long recovered = recover(kv);
            try {
                backend.requireRoomFor(options);
            } catch (IllegalArgumentException full) {
                if (backend.size() == 0) {
                    throw full;
                }
                LOG.warn("MVCC backend {} is discarded because it has no room left for a KeyValue of {} bytes; the"
                        + " Raft snapshot and log restore the state in a new file", backend.file(),
                        options.maxKeyValueBytes());
                backend.wipe();
                kv = new KvStore(backend);
                recovered = 0;
                backend.requireRoomFor(options);
            }
            List<Lease> recoveredLeases = List.of();
            if (recovered > 0) {
                Optional<List<Lease>> saved = LeaseTable.load(dir, recovered);
                if (saved.isPresent()) {
                    recoveredLeases = saved.get();
                } else {
                    LOG.warn("MVCC backend {} is discarded because no lease table was saved with it at index {}; the"
                            + " Raft snapshot and log restore the state", backend.file(), recovered);
                    backend.wipe();
                    kv = new KvStore(backend);
                    recovered = 0;
                }
            }
            return new MvccStore(backend, kv, options, recovered, dir, recoveredLeases);
        } catch (IOException | RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /** Rebuilds {@code kv} from what a clean close sealed, or wipes the backend; returns the recovered index. */
    private static long recover(KvStore kv) throws IOException {
        RevisionBackend backend = kv.backend();
        BackendRecovery.Outcome outcome = BackendRecovery.check(backend);
        if (outcome instanceof BackendRecovery.Verified verified) {
            BackendSeal seal = verified.seal();
            kv.rebuild(seal.currentRevision(), seal.compactRevision(), verified.entries());
            LOG.info("MVCC store {} recovered at index {}: revision {}, compacted at {}, {} revisions stored",
                    backend.file(), seal.consistentIndex(), seal.currentRevision(), seal.compactRevision(),
                    verified.entries().size());
            return seal.consistentIndex();
        }
        if (outcome instanceof BackendRecovery.Rejected rejected) {
            LOG.warn("MVCC backend {} is discarded because {}; the Raft snapshot and log restore the state",
                    backend.file(), rejected.reason());
            backend.wipe();
        }
        return 0;
    }

    /** Installs the lessor's check of lease ids used by puts; until then every lease is accepted. */
    public void useLeaseChecker(LeaseChecker checker) {
        applier.useLeaseChecker(checker);
    }

    /** Installs the listener that receives the events of every write applied from now on (Watch's hub). */
    public void useEventListener(EventListener listener) {
        this.eventListener = listener;
    }

    /**
     * The events of revisions {@code from..to} to the keys {@code key}/{@code rangeEnd} address (as a Range
     * request's), each with the key's previous value when that is still stored: the history a watcher catches up
     * from.
     *
     * @throws MvccException {@link EtcdError#COMPACTED} if {@code from} is below the compacted revision
     */
    public List<Event> events(ByteString key, ByteString rangeEnd, long from, long to) {
        lock.readLock().lock();
        try {
            requireUsable();
            if (from < kv.compactRevision()) {
                throw new MvccException(EtcdError.COMPACTED);
            }
            return EventHistory.between(kv, new KeyRange(key, rangeEnd), from, Math.min(to, kv.currentRevision()));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Installs the member's lessor: it hears every change of the replicated lease table (starting with the current
     * table), puts must name a granted lease, and a grant raises its TTL to {@code minLeaseTtl} seconds.
     */
    public void useLessor(LeaseListener listener, long minLeaseTtl) {
        lock.writeLock().lock();
        try {
            leases.use(listener, minLeaseTtl);
            applier.useLeaseChecker(leaseTable::exists);
            listener.replaced(leaseTable.all());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The granted leases in id order, as of the last applied command. */
    public List<Lease> leases() {
        lock.readLock().lock();
        try {
            return leaseTable.all();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Lease {@code id} as of the last applied command, if granted. */
    public Optional<Lease> lease(long id) {
        lock.readLock().lock();
        try {
            return leaseTable.get(id);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The keys attached to lease {@code id} at the current revision, in key order. */
    public List<ByteString> leaseKeys(long id) {
        lock.readLock().lock();
        try {
            requireUsable();
            return leases.keys(id);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Installs the server's response headers (cluster, member, term); until then they carry the revision only. */
    public void useHeaderFactory(HeaderFactory factory) {
        applier.useHeaderFactory(factory);
    }

    /**
     * Applies the {@link InternalRequest} committed at {@code index}: returns a PutResponse, DeleteRangeResponse,
     * TxnResponse or CompactionResponse.
     *
     * @throws MvccException with etcd's error if etcd would refuse the request; nothing is written
     * @throws IllegalArgumentException if the command is not an InternalRequest with a request; nothing is written
     * @throws IllegalStateException if {@code index} is not after the consistent index, the store is closed or
     *     failed, or applying failed (then the store has failed)
     */
    @Override
    public Object apply(long index, ByteString command) {
        Applied applied;
        long before;
        EventListener listener = eventListener;
        List<Event> events;
        lock.writeLock().lock();
        try {
            before = kv.currentRevision();
            if (listener != EventListener.NONE) {
                kv.recordEvents();
            }
            try {
                applied = applyLocked(index, command);
            } finally {
                // A refused request may have recorded changes it then did not make: only a new revision counts.
                events = kv.takeEvents();
            }
            if (kv.currentRevision() == before) {
                events = List.of();
            }
            lock.readLock().lock();
        } finally {
            lock.writeLock().unlock();
        }
        try {
            removeObsolete(index, applied.obsolete());
        } finally {
            lock.readLock().unlock();
        }
        if (!events.isEmpty()) {
            listener.written(before + 1, events);
        }
        return applied.answer();
    }

    /** An answer, and the revisions a compaction made obsolete. */
    private record Applied(Object answer, List<Revision> obsolete) {
    }

    /**
     * Reads a range as etcd's KV Range does, at the store's revision when the read starts. Whether the read is
     * linearizable or serializable is decided by the caller (which waits for ReadIndex or not).
     *
     * @throws MvccException for a missing key or a compacted or future revision
     */
    public RangeResponse range(RangeRequest request) {
        lock.readLock().lock();
        try {
            requireUsable();
            return applier.range(request);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * etcd's HashKV: a hash of the key-value history up to {@code revision} (the current one if 0) that is equal
     * on members with equal histories, and what etcd computes for the same history.
     *
     * @throws MvccException {@link EtcdError#COMPACTED} at or below the compacted revision,
     *     {@link EtcdError#FUTURE_REVISION} above the current one
     */
    public HashKVResponse hashKv(long revision) {
        lock.readLock().lock();
        try {
            requireUsable();
            return HashKVResponse.newBuilder()
                    .setHash(kv.hashKv(revision))
                    .setCompactRevision(kv.compactRevision())
                    .setHeader(applier.headers().header(kv.currentRevision()))
                    .build();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A hash of every stored revision, including those a compaction at the current revision would remove. */
    public HashResponse hash() {
        lock.readLock().lock();
        try {
            requireUsable();
            return HashResponse.newBuilder()
                    .setHash(kv.hash())
                    .setHeader(applier.headers().header(kv.currentRevision()))
                    .build();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The revision of the last write; 1 for an empty store. */
    public long currentRevision() {
        lock.readLock().lock();
        try {
            return kv.currentRevision();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The revision of the last compaction; -1 (as in etcd) if there was none. */
    public long compactRevision() {
        lock.readLock().lock();
        try {
            return kv.compactRevision();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How many revisions the backend holds, obsolete ones not yet removed included. */
    long storedRevisionCount() {
        lock.readLock().lock();
        try {
            return backend.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The Raft index of the last applied command (or of the restored snapshot). */
    public long consistentIndex() {
        lock.readLock().lock();
        try {
            return consistentIndex;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every stored revision since the compaction, with the current and compacted revisions. */
    @Override
    public ByteString snapshot() {
        try (SnapshotExport export = exportSnapshot()) {
            return export.encode();
        }
    }

    /**
     * Captures the revisions the index lists, the revision counters and the leases; the stored values are read when
     * the export is encoded. Values are never rewritten, only removed by compaction, so removals wait until every
     * open export is closed.
     */
    @Override
    public SnapshotExport exportSnapshot() {
        lock.readLock().lock();
        try {
            requireUsable();
            long current = kv.currentRevision();
            long compacted = kv.compactRevision();
            PackedRevisions revisions = kv.listedRevisions();
            ByteString leases = leaseTable.encode();
            synchronized (removals) {
                removals.openExports++;
            }
            return new SnapshotExport() {
                private boolean sorted;

                @Override
                public void writeTo(OutputStream out) throws IOException {
                    // Listed key by key; sorted here, on the snapshot thread, the first time.
                    if (!sorted) {
                        revisions.sort();
                        sorted = true;
                    }
                    SnapshotCodec.writeTo(out, current, compacted, revisions, kv.storedReader());
                    leases.writeTo(out);
                }

                @Override
                public long records() {
                    return revisions.size();
                }

                @Override
                public void close() {
                    closeExport();
                }
            };
        } finally {
            lock.readLock().unlock();
        }
    }

    private void closeExport() {
        List<Revision> deferred;
        synchronized (removals) {
            if (--removals.openExports > 0) {
                return;
            }
            deferred = removals.drain();
        }
        if (deferred.isEmpty()) {
            return;
        }
        lock.readLock().lock();
        try {
            if (!closed) {
                removeObsolete(consistentIndex, deferred);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Revisions compaction made obsolete while a snapshot export still reads them. */
    private static final class PendingRemovals {
        private int openExports;
        private final List<Revision> deferred = new ArrayList<>();

        /** Takes the deferred revisions out; the caller holds this object's monitor. */
        private List<Revision> drain() {
            List<Revision> taken = List.copyOf(deferred);
            deferred.clear();
            return taken;
        }
    }

    /**
     * Replaces the whole state with a snapshot taken at {@code index}; this also brings a failed store back.
     *
     * @throws IllegalArgumentException if the bytes are not a consistent snapshot; the state is unchanged
     */
    @Override
    public void restore(long index, ByteString snapshot) {
        SnapshotCodec.Decoded decoded = SnapshotCodec.decode(snapshot);
        List<Lease> restoredLeases = LeaseTable.decode(snapshot);
        lock.writeLock().lock();
        try {
            requireOpen();
            try {
                kv.replaceWith(decoded);
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw new IllegalStateException("MVCC store " + backend.file() + " failed restoring the snapshot at"
                        + " index " + index + "; it refuses further requests until a restore succeeds", e);
            }
            consistentIndex = index;
            failed = false;
            leaseTable.replaceWith(restoredLeases);
            leases.listener().replaced(restoredLeases);
            LOG.info("MVCC store {} restored the snapshot at index {}: revision {}, compacted at {}, {} revisions",
                    backend.file(), index, decoded.currentRevision(), decoded.compactRevision(),
                    decoded.entries().size());
        } finally {
            lock.writeLock().unlock();
        }
        eventListener.restored(decoded.currentRevision());
    }

    /** The consistent index sealed by the last clean close, if the backend still matched it on open; else 0. */
    @Override
    public long recoveredIndex() {
        return recoveredIndex;
    }

    /**
     * Seals the backend (unless the store failed) and closes it. Waits for reads in progress. Removals deferred for
     * an export still open are done first: the seal promises a backend equal to a replay of the log, which has
     * none of the compacted revisions, and an export still encoding is abandoned by its member's shutdown anyway.
     */
    @Override
    public void close() throws IOException {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (!failed) {
                    removeDeferredOnClose();
                }
                if (!failed) {
                    leaseTable.save(dir, consistentIndex);
                    backend.seal(new BackendSeal(consistentIndex, kv.currentRevision(), kv.compactRevision(),
                            backend.checksum()));
                }
            } finally {
                backend.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void removeDeferredOnClose() {
        List<Revision> deferred;
        synchronized (removals) {
            deferred = removals.drain();
        }
        if (deferred.isEmpty()) {
            return;
        }
        try {
            kv.removeObsolete(deferred);
        } catch (RuntimeException e) {
            failed = true;
            LOG.warn("MVCC store {} left unsealed: removing {} compacted revisions at close failed ({}); the next"
                    + " start rebuilds it from the Raft snapshot and log", backend.file(), deferred.size(), e.toString());
        }
    }

    private Applied applyLocked(long index, ByteString command) {
        requireUsable();
        if (index <= consistentIndex) {
            throw new IllegalStateException("apply of index " + index + " at or below the consistent index "
                    + consistentIndex + " of MVCC store " + backend.file() + ": the server must skip the entries"
                    + " up to recoveredIndex() and those a restored snapshot covers");
        }
        consistentIndex = index;
        InternalRequest request = parse(index, command);
        try {
            return switch (request.getRequestCase()) {
                case PUT -> new Applied(applier.put(request.getPut()), List.of());
                case DELETE_RANGE -> new Applied(applier.deleteRange(request.getDeleteRange()), List.of());
                case TXN -> new Applied(applier.txn(request.getTxn()), List.of());
                case COMPACTION -> {
                    KvApplier.Compaction compaction = applier.compact(request.getCompaction());
                    yield new Applied(compaction.response(), compaction.obsolete());
                }
                case LEASE_GRANT -> new Applied(leases.grant(request.getLeaseGrant(), kv.currentRevision()), List.of());
                case LEASE_REVOKE -> new Applied(leases.revoke(request.getLeaseRevoke(), kv.currentRevision()),
                        List.of());
                case LEASE_CHECKPOINT -> new Applied(leases.checkpoint(request.getLeaseCheckpoint(),
                        kv.currentRevision()), List.of());
                case LEASE_RENEW -> new Applied(leases.renew(request.getLeaseRenew(), kv.currentRevision()), List.of());
                case REQUEST_NOT_SET -> throw new IllegalStateException("parse let a request without a case through");
            };
        } catch (MvccException refused) {
            throw refused;
        } catch (RuntimeException e) {
            throw fail("applying index " + index, e);
        }
    }

    private void removeObsolete(long index, List<Revision> obsolete) {
        synchronized (removals) {
            if (removals.openExports > 0) {
                removals.deferred.addAll(obsolete);
                return;
            }
        }
        try {
            kv.removeObsolete(obsolete);
        } catch (RuntimeException e) {
            throw fail("removing the revisions compacted at index " + index, e);
        }
    }

    private IllegalStateException fail(String what, RuntimeException cause) {
        failed = true;
        return new IllegalStateException("MVCC store " + backend.file() + " failed " + what + "; it refuses further"
                + " requests and is rebuilt from the Raft snapshot and log on restart", cause);
    }

    private static InternalRequest parse(long index, ByteString command) {
        InternalRequest request;
        try {
            request = InternalRequest.parseFrom(command);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("command at index " + index + " is not an InternalRequest: "
                    + e.getMessage(), e);
        }
        if (request.getRequestCase() == InternalRequest.RequestCase.REQUEST_NOT_SET) {
            throw new IllegalArgumentException("command at index " + index + " is an InternalRequest without a"
                    + " request (or with one this version does not know)");
        }
        return request;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("MVCC store " + backend.file() + " is closed");
        }
    }

    private void requireUsable() {
        requireOpen();
        if (failed) {
            throw new IllegalStateException("MVCC store " + backend.file() + " has failed; restart the member or"
                    + " restore a snapshot");
        }
    }
}
