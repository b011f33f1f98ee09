package dev.berth.store.mvcc;

/**
 * A consistent view of the store for reads: the store as of a read's start, or a write transaction's state
 * including its own changes so far.
 */
sealed interface ReadView permits ReadTxn, WriteTxn {

    /** The revision the view shows. */
    long revision();

    /** The last compacted revision; reads below it fail. */
    long compactRevision();

    /**
     * The keys of {@code range} at {@code atRevision} (the view's revision if {@code <= 0}).
     *
     * @param limit the most keys to return, all if {@code <= 0}
     * @param countOnly count the keys without reading their values
     * @throws MvccException {@link EtcdError#FUTURE_REVISION} above the view's revision,
     *     {@link EtcdError#COMPACTED} below the compacted one
     */
    RangeResult range(KeyRange range, long atRevision, long limit, boolean countOnly);
}
