package dev.berth.store.mvcc;

import com.google.protobuf.ByteString;
import dev.berth.store.etcd.mvccpb.KeyValue;
import java.util.List;
import java.util.Optional;

/**
 * One write transaction, as etcd's storeTxnWrite: all its changes share the main revision after the store's
 * current one, each with the next sub revision; reads inside it see its own changes. {@link #end()} bumps the
 * store's revision only if something changed.
 */
final class WriteTxn implements ReadView {

    private final KvStore store;
    private final long beginRevision;
    private int changes;

    WriteTxn(KvStore store, long beginRevision) {
        this.store = store;
        this.beginRevision = beginRevision;
    }

    @Override
    public long revision() {
        return changes > 0 ? beginRevision + 1 : beginRevision;
    }

    @Override
    public long compactRevision() {
        return store.compactRevision();
    }

    @Override
    public RangeResult range(KeyRange range, long atRevision, long limit, boolean countOnly) {
        return store.range(range, atRevision, revision(), limit, countOnly);
    }

    /** Stores a new value of {@code key}; returns the transaction's revision. */
    long put(ByteString key, ByteString value, long lease) {
        long rev = beginRevision + 1;
        Optional<KeyRevision> previous = store.index().get(key, rev);
        KeyValue kv = KeyValue.newBuilder()
                .setKey(key)
                .setValue(value)
                .setCreateRevision(previous.map(p -> p.created().main()).orElse(rev))
                .setModRevision(rev)
                .setVersion(previous.map(p -> p.version() + 1).orElse(1L))
                .setLease(lease)
                .build();
        Revision revision = new Revision(rev, changes);
        store.backend().put(revision, kv.toByteArray());
        store.index().put(key, revision);
        store.recordChange(kv, rev, previous);
        changes++;
        return rev;
    }

    /**
     * Deletes the keys of {@code range} that exist; returns how many, and the revision the deletion is at (the
     * transaction's revision, or the current one if neither this nor an earlier change of the transaction changed
     * anything).
     */
    Deleted deleteRange(KeyRange range) {
        List<ByteString> keys = store.index().range(range, revision(), 0).keys();
        for (ByteString key : keys) {
            delete(key);
        }
        return new Deleted(keys.size(), revision());
    }

    /** The outcome of {@link #deleteRange}. */
    record Deleted(long count, long revision) {
    }

    /** Ends the transaction; returns the store's revision after it. */
    long end() {
        if (changes > 0) {
            store.advanceRevision();
        }
        return store.currentRevision();
    }

    private void delete(ByteString key) {
        long rev = beginRevision + 1;
        Revision revision = new Revision(rev, changes);
        Optional<KeyRevision> previous = store.index().get(key, rev);
        KeyValue tombstone = KeyValue.newBuilder().setKey(key).build();
        store.backend().put(revision, tombstone.toByteArray());
        store.index().tombstone(key, revision);
        store.recordChange(tombstone, rev, previous);
        changes++;
    }
}
