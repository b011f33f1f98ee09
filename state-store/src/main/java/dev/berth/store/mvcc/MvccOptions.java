package dev.berth.store.mvcc;

/**
 * How the backend file is laid out. Chronicle Map sizes its file for an expected number of entries of an average
 * size and grows by extra tiers up to {@link #MAX_BLOAT_FACTOR} times that; a write beyond fails and stops the
 * store, so size for the revisions kept between compactions, tombstones included. The largest entry it can hold
 * also follows from that layout, which is why opening checks that a {@code maxKeyValueBytes} entry fits.
 *
 * @param expectedEntries stored revisions the file is laid out for
 * @param averageValueBytes average size of a serialized KeyValue (key, value and four numbers)
 * @param maxKeyValueBytes the largest serialized KeyValue a put may create; larger puts are refused with etcd's
 *     {@link EtcdError#REQUEST_TOO_LARGE} before anything is written. Members must agree on it.
 */
public record MvccOptions(long expectedEntries, int averageValueBytes, int maxKeyValueBytes) {

    /** How far Chronicle Map may grow past {@link #expectedEntries()}; the largest factor it recommends. */
    public static final double MAX_BLOAT_FACTOR = 10;

    /** etcd's default {@code --max-request-bytes} (1.5 MiB) and room for the KeyValue's other fields. */
    public static final int DEFAULT_MAX_KEY_VALUE_BYTES = 2 << 20;

    /** The least {@code maxKeyValueBytes}: the store's own records must fit. */
    public static final int MIN_MAX_KEY_VALUE_BYTES = 1 << 10;

    public MvccOptions {
        if (expectedEntries < 1) {
            throw new IllegalArgumentException("expectedEntries must be at least 1, got " + expectedEntries);
        }
        if (averageValueBytes < 1) {
            throw new IllegalArgumentException("averageValueBytes must be at least 1, got " + averageValueBytes);
        }
        if (maxKeyValueBytes < MIN_MAX_KEY_VALUE_BYTES) {
            throw new IllegalArgumentException("maxKeyValueBytes must be at least " + MIN_MAX_KEY_VALUE_BYTES
                    + ", got " + maxKeyValueBytes);
        }
    }

    /** 100,000 entries of about 1 KiB (a Kubernetes object as JSON), growing to ten times that; 2 MiB at most. */
    public static MvccOptions defaults() {
        return new MvccOptions(100_000, 1024, DEFAULT_MAX_KEY_VALUE_BYTES);
    }
}
