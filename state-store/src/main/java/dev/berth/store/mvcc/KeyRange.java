package dev.berth.store.mvcc;

import com.google.protobuf.ByteString;
import java.util.Comparator;

/**
 * The keys a request addresses, decoded from etcd's {@code key}/{@code range_end} pair: no range end means
 * {@code key} alone, a range end of a single zero byte means every key from {@code key} on, anything else the
 * half-open interval {@code [key, rangeEnd)} (empty when {@code rangeEnd <= key}). Keys compare as unsigned
 * bytes, as Go compares them in etcd.
 */
record KeyRange(ByteString key, ByteString rangeEnd) {

    static final Comparator<ByteString> ORDER = ByteString.unsignedLexicographicalComparator();

    private static final ByteString ALL_FROM_KEY = ByteString.copyFrom(new byte[] {0});

    boolean isSingleKey() {
        return rangeEnd.isEmpty();
    }

    /** Whether the range is "every key from {@code key} on". */
    boolean isUnbounded() {
        return rangeEnd.equals(ALL_FROM_KEY);
    }

    /** Whether a bounded range holds no key at all. */
    boolean isEmptyInterval() {
        return !isSingleKey() && !isUnbounded() && ORDER.compare(rangeEnd, key) <= 0;
    }

    boolean contains(ByteString candidate) {
        if (isSingleKey()) {
            return key.equals(candidate);
        }
        return ORDER.compare(candidate, key) >= 0 && (isUnbounded() || ORDER.compare(candidate, rangeEnd) < 0);
    }
}
