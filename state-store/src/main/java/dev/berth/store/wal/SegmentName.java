package dev.berth.store.wal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a segment file, {@code %016x-%016x.wal}: its sequence number and the index the log's next entry had
 * when the segment was started. Entries in earlier segments that are still part of the log all have smaller
 * indexes, which is what lets replay skip them and {@link Wal#releaseTo} delete them.
 */
record SegmentName(long sequence, long firstIndex) {

    private static final Pattern PATTERN = Pattern.compile("([0-9a-f]{16})-([0-9a-f]{16})\\.wal");

    static Optional<SegmentName> parse(String fileName) {
        Matcher m = PATTERN.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SegmentName(Long.parseUnsignedLong(m.group(1), 16),
                Long.parseUnsignedLong(m.group(2), 16)));
    }

    String fileName() {
        return String.format("%016x-%016x.wal", sequence, firstIndex);
    }

    SegmentName next(long nextFirstIndex) {
        return new SegmentName(sequence + 1, nextFirstIndex);
    }
}
