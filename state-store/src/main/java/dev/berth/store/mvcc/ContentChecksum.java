package dev.berth.store.mvcc;

import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * A checksum of the backend's entries that does not depend on their order (Chronicle Map iterates in hash order)
 * and follows every put and remove at constant cost: the count of entries and the sum of a 64-bit mix of each
 * entry's CRC-32C and CRC-32. Kept up to date by the single writer, sealed on a clean close and recomputed when
 * the backend is opened, it tells a cleanly closed file from one whose pages only partly reached the disk.
 */
final class ContentChecksum {

    private long sum;
    private long count;

    /** The checksum's value at one moment. */
    record Value(long sum, long count) {
    }

    void add(byte[] key, byte[] value) {
        sum += entryHash(key, value);
        count++;
    }

    void remove(byte[] key, byte[] value) {
        sum -= entryHash(key, value);
        count--;
    }

    void reset() {
        sum = 0;
        count = 0;
    }

    Value value() {
        return new Value(sum, count);
    }

    private static long entryHash(byte[] key, byte[] value) {
        CRC32C castagnoli = new CRC32C();
        castagnoli.update(key);
        castagnoli.update(value);
        CRC32 ieee = new CRC32();
        ieee.update(key);
        ieee.update(value);
        return mix(castagnoli.getValue() << 32 | ieee.getValue());
    }

    /** MurmurHash3's 64-bit finalizer: spreads every input bit over the whole result, so sums do not cancel out. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
