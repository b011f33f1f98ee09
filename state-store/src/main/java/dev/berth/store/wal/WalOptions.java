package dev.berth.store.wal;

/**
 * How a {@link Wal} lays out and syncs its files.
 *
 * @param segmentBytes once the current segment holds this many bytes, the next write starts a new segment;
 *     between 1 byte and 1 GiB
 * @param fsync whether writes are forced to the disk before {@link Wal#save} returns. Only tests and benchmarks
 *     that say so in their results may turn it off: without it an acknowledged entry can vanish in a power loss,
 *     which breaks Raft's safety.
 * @param preallocate whether a new segment is created filled with zeros up to {@code segmentBytes}, so that
 *     appends overwrite allocated blocks and each fsync flushes data only (see {@link Wal}); off only in tests of
 *     the record format, whose fixtures are then just their records
 */
public record WalOptions(long segmentBytes, boolean fsync, boolean preallocate) {

    /**
     * etcd's size: cuts are rare (about 200,000 entries of 300 bytes each) and {@link SegmentPipeline} prepares the
     * next segment in the background, while released segments free space in steps of this size.
     */
    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;

    /** Keeps every segment file, including the one batch that may overshoot the limit, below 2 GiB. */
    public static final long MAX_SEGMENT_BYTES = 1L << 30;

    public WalOptions {
        if (segmentBytes < 1 || segmentBytes > MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException("segmentBytes must be between 1 and " + MAX_SEGMENT_BYTES
                    + ", got " + segmentBytes);
        }
    }

    /** 64 MiB preallocated segments, fsync on. */
    public static WalOptions defaults() {
        return new WalOptions(DEFAULT_SEGMENT_BYTES, true, true);
    }

    public WalOptions withSegmentBytes(long bytes) {
        return new WalOptions(bytes, fsync, preallocate);
    }

    public WalOptions withFsync(boolean enabled) {
        return new WalOptions(segmentBytes, enabled, preallocate);
    }

    public WalOptions withPreallocate(boolean enabled) {
        return new WalOptions(segmentBytes, fsync, enabled);
    }
}
