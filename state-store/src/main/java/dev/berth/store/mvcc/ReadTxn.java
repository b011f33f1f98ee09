package dev.berth.store.mvcc;

/** A read of the store at the revision it had when the read started. */
record ReadTxn(KvStore store, long revision) implements ReadView {

    @Override
    public long compactRevision() {
        return store.compactRevision();
    }

    @Override
    public RangeResult range(KeyRange range, long atRevision, long limit, boolean countOnly) {
        return store.range(range, atRevision, revision, limit, countOnly);
    }
}
