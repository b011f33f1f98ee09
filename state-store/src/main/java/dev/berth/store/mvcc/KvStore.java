package dev.berth.store.mvcc;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.berth.store.etcd.mvccpb.Event;
import dev.berth.store.etcd.mvccpb.KeyValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The revisioned key space, as etcd's mvcc store keeps it: the key index in memory, the values in the backend,
 * the current revision (that of the last write, 1 when nothing was written) and the compacted one (-1 before the
 * first compaction). The invariant that keeps it simple: the backend holds exactly the revisions the index lists.
 *
 * <p>Not thread-safe: {@link MvccStore} lets one writer or many readers in at a time.
 */
final class KvStore {

    private final RevisionBackend backend;
    private final TreeIndex index = new TreeIndex();
    private long currentRevision = 1;
    private long compactRevision = -1;
    private List<Event> recorded;

    KvStore(RevisionBackend backend) {
        this.backend = backend;
    }

    long currentRevision() {
        return currentRevision;
    }

    long compactRevision() {
        return compactRevision;
    }

    RevisionBackend backend() {
        return backend;
    }

    TreeIndex index() {
        return index;
    }

    ReadTxn read() {
        return new ReadTxn(this, currentRevision);
    }

    WriteTxn write() {
        return new WriteTxn(this, currentRevision);
    }

    void advanceRevision() {
        currentRevision++;
    }

    /**
     * Starts recording the watch events of the writes that follow, as the writes make them: a write knows its new
     * value and where the previous one is, so watchers get their events without the history being read back.
     */
    void recordEvents() {
        recorded = new ArrayList<>();
    }

    /** The events recorded since {@link #recordEvents()}, in revision order; stops recording. */
    List<Event> takeEvents() {
        List<Event> events = recorded == null ? List.of() : recorded;
        recorded = null;
        return events;
    }

    /** Records the event of a change at {@code revision}: a put of {@code stored}, or a deletion if it is a tombstone. */
    void recordChange(KeyValue stored, long revision, Optional<KeyRevision> previous) {
        if (recorded == null) {
            return;
        }
        Event.Builder event = Event.newBuilder();
        if (stored.getVersion() == 0) {
            event.setType(Event.EventType.DELETE).setKv(stored.toBuilder().setModRevision(revision));
        } else {
            event.setType(Event.EventType.PUT).setKv(stored);
        }
        previous.ifPresent(p -> event.setPrevKv(keyValueAt(p.modified())));
        recorded.add(event.build());
    }

    /** etcd's rangeKeys: the keys of {@code range} at {@code atRevision}, seen from a view at {@code viewRevision}. */
    RangeResult range(KeyRange range, long atRevision, long viewRevision, long limit, boolean countOnly) {
        if (atRevision > viewRevision) {
            throw new MvccException(EtcdError.FUTURE_REVISION);
        }
        long rev = atRevision <= 0 ? viewRevision : atRevision;
        if (rev < compactRevision) {
            throw new MvccException(EtcdError.COMPACTED);
        }
        TreeIndex.Hits hits = index.range(range, rev, countOnly ? 1 : limit);
        if (countOnly) {
            return new RangeResult(List.of(), hits.count(), viewRevision);
        }
        List<KeyValue> kvs = new ArrayList<>(hits.revisions().size());
        for (Revision revision : hits.revisions()) {
            kvs.add(keyValueAt(revision));
        }
        return new RangeResult(kvs, hits.count(), viewRevision);
    }

    /**
     * Compacts the history at {@code revision}: reads below it fail from now on. Returns the revisions that became
     * obsolete, for {@link #removeObsolete}; until then the backend holds more than the index lists.
     *
     * @throws MvccException {@link EtcdError#COMPACTED} at or below the last compaction,
     *     {@link EtcdError#FUTURE_REVISION} above the current revision
     */
    List<Revision> compact(long revision) {
        if (revision <= compactRevision) {
            throw new MvccException(EtcdError.COMPACTED);
        }
        if (revision > currentRevision) {
            throw new MvccException(EtcdError.FUTURE_REVISION);
        }
        compactRevision = revision;
        return index.compact(revision);
    }

    void removeObsolete(List<Revision> obsolete) {
        for (Revision revision : obsolete) {
            backend.remove(revision);
        }
    }

    /** Replaces the whole state (backend included) with a decoded snapshot's. */
    void replaceWith(SnapshotCodec.Decoded snapshot) throws IOException {
        backend.wipe();
        List<BackendEntry> entries = new ArrayList<>(snapshot.entries().size());
        for (SnapshotCodec.Entry entry : snapshot.entries()) {
            backend.put(entry.revision(), entry.keyValue());
            entries.add(new BackendEntry(entry.revision(), entry.key()));
        }
        rebuild(snapshot.currentRevision(), snapshot.compactRevision(), entries);
    }

    /**
     * Rebuilds the index from entries already in the backend, as etcd restores its index from bolt.
     *
     * @param entries every stored revision in ascending order
     */
    void rebuild(long currentRevision, long compactRevision, List<BackendEntry> entries) {
        index.clear();
        for (BackendEntry entry : entries) {
            StoredKey stored = entry.key();
            KeyIndex known = index.keyIndex(stored.key());
            if (known == null) {
                if (!stored.isTombstone()) {
                    index.restore(stored.key(), new Revision(stored.createRevision(), 0), entry.revision(),
                            stored.version());
                }
            } else if (!stored.isTombstone()) {
                known.put(entry.revision());
            } else if (known.isLive()) {
                known.tombstone(entry.revision());
            }
        }
        this.currentRevision = currentRevision;
        this.compactRevision = compactRevision;
    }

    /**
     * etcd's HashByRev: the hash of the revisions up to {@code revision} (the current one if 0) that a compaction
     * at {@code revision} would keep, plus those after the last compaction.
     *
     * @throws MvccException {@link EtcdError#COMPACTED} at or below the last compaction,
     *     {@link EtcdError#FUTURE_REVISION} above the current revision
     */
    int hashKv(long revision) {
        if (revision > 0 && revision <= compactRevision) {
            throw new MvccException(EtcdError.COMPACTED);
        }
        if (revision > 0 && revision > currentRevision) {
            throw new MvccException(EtcdError.FUTURE_REVISION);
        }
        long at = revision == 0 ? currentRevision : revision;
        Set<Revision> kept = index.keptBy(at);
        return KvHash.of(this, r -> r.main() <= at
                && (r.main() > compactRevision || kept.isEmpty() || kept.contains(r)));
    }

    /** The hash of every stored revision. */
    int hash() {
        return KvHash.of(this, r -> true);
    }

    /** Every revision the index lists, in no particular order: cheap enough to take on the member thread. */
    PackedRevisions listedRevisions() {
        PackedRevisions revisions = new PackedRevisions(index.all().size());
        for (KeyIndex key : index.all()) {
            key.forEachRevision((revision, tombstone) -> revisions.add(revision));
        }
        return revisions;
    }

    List<IndexedRevision> storedRevisions() {
        List<IndexedRevision> revisions = new ArrayList<>();
        for (KeyIndex key : index.all()) {
            key.forEachRevision((revision, tombstone) -> revisions.add(new IndexedRevision(revision, tombstone)));
        }
        revisions.sort(Comparator.comparing(IndexedRevision::revision));
        return revisions;
    }

    /** Reads many stored KeyValues on one thread without an array per value (the snapshot writer, the hash). */
    RevisionBackend.Reader storedReader() {
        return backend.reader();
    }

    private KeyValue keyValueAt(Revision revision) {
        try {
            return KeyValue.parseFrom(backend.getListed(revision));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("revision " + revision + " in " + backend.file()
                    + " is not a KeyValue: " + e.getMessage(), e);
        }
    }

    /** One entry of the backend, with what the index needs of its KeyValue. */
    record BackendEntry(Revision revision, StoredKey key) {
    }
}
