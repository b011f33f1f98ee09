package dev.berth.store.wal;

import dev.berth.store.raft.pb.SnapshotMetadata;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a WAL directory back to a state a {@link Wal} can append to: checks the segment sequence, replays the
 * segments that can hold entries after the snapshot, and cuts a torn tail off the last segment.
 *
 * <p>Files change only once everything checked out: a WAL that is refused is left as it was found, for an operator
 * to inspect.
 */
final class WalRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(WalRecovery.class);

    /**
     * @param segments every segment of the directory, by sequence
     * @param replay the state to restart from
     * @param tailBytes where the records of the last segment end: the next record goes there
     */
    record Recovered(List<SegmentName> segments, WalReplay replay, long tailBytes) {
    }

    private WalRecovery() {
    }

    static Recovered recover(Path dir, SnapshotMetadata snapshot, WalOptions options) throws IOException {
        SegmentFiles.removeLeftovers(dir);
        List<SegmentName> segments = SegmentFiles.list(dir);
        if (segments.isEmpty()) {
            throw new NoSuchFileException(dir.toString(), null, "holds no WAL segment (*.wal); a new member creates"
                    + " its WAL with Wal.create, an existing one needs the directory it wrote");
        }
        checkSequence(dir, segments);

        ReplayBuilder builder = new ReplayBuilder(snapshot);
        int last = segments.size() - 1;
        SegmentReader.Outcome tail = null;
        for (int i = firstToRead(segments, snapshot.getIndex()); i <= last; i++) {
            Path file = dir.resolve(segments.get(i).fileName());
            tail = SegmentReader.read(file, i == last,
                    (record, offset) -> builder.accept(file, offset, record));
        }
        WalReplay replay = builder.build(dir);

        if (tail.tornTail().isPresent()) {
            truncate(dir.resolve(segments.get(last).fileName()), tail, options.fsync());
        }
        return new Recovered(segments, replay, tail.validBytes());
    }

    /** Sequences must have no holes (a hole is a lost segment) and first indexes must never decrease. */
    private static void checkSequence(Path dir, List<SegmentName> segments) throws WalCorruptedException {
        for (int i = 1; i < segments.size(); i++) {
            SegmentName previous = segments.get(i - 1);
            SegmentName current = segments.get(i);
            if (current.sequence() != previous.sequence() + 1) {
                throw WalCorruptedException.inLog(dir, "is missing segment files: " + previous.fileName()
                        + " is followed by " + current.fileName());
            }
            if (current.firstIndex() < previous.firstIndex()) {
                throw WalCorruptedException.inLog(dir, "has segment " + current.fileName() + " starting at a lower"
                        + " index than the segment before it, " + previous.fileName());
            }
        }
    }

    /**
     * The last segment started at or before the snapshot index: entries still in the log from earlier segments are
     * all covered by the snapshot, and every segment starts with the hard state of its time.
     */
    private static int firstToRead(List<SegmentName> segments, long snapshotIndex) {
        int first = 0;
        for (int i = 1; i < segments.size() && segments.get(i).firstIndex() <= snapshotIndex; i++) {
            first = i;
        }
        return first;
    }

    private static void truncate(Path file, SegmentReader.Outcome tail, boolean fsync) throws IOException {
        LOG.warn("WAL {}: the record at offset {} {}; it is a write torn by a crash and was never acknowledged."
                        + " Truncating the file from {} to {} bytes and continuing from there.",
                file, tail.validBytes(), tail.tornTail().orElseThrow(), tail.fileBytes(), tail.validBytes());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(tail.validBytes());
            if (fsync) {
                channel.force(true);
            }
        }
    }
}
