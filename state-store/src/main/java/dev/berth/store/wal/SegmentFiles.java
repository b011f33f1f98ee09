package dev.berth.store.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segment files of a WAL directory: listing them, and creating one atomically so that a segment under its
 * final name always holds its complete first records.
 */
final class SegmentFiles {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentFiles.class);
    private static final String TMP_SUFFIX = ".tmp";

    private SegmentFiles() {
    }

    /** The segments in {@code dir}, by sequence; other files are left alone. */
    static List<SegmentName> list(Path dir) throws IOException {
        List<SegmentName> segments = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.wal")) {
            for (Path file : files) {
                Optional<SegmentName> name = SegmentName.parse(file.getFileName().toString());
                if (name.isPresent()) {
                    segments.add(name.get());
                } else {
                    LOG.warn("Ignoring {}: not named like a WAL segment (%016x-%016x.wal)", file);
                }
            }
        }
        segments.sort(Comparator.comparingLong(SegmentName::sequence));
        return segments;
    }

    /** Deletes segments a crash left half-created; they were never part of the log. */
    static void removeLeftovers(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.wal" + TMP_SUFFIX)) {
            for (Path file : files) {
                LOG.info("Deleting {}, a WAL segment whose creation a crash interrupted", file);
                Files.delete(file);
            }
        }
    }

    /**
     * Writes {@code firstRecords} to a temporary file, syncs it and renames it to the segment's name, then syncs
     * the directory (when {@code fsync}).
     */
    static Path create(Path dir, SegmentName name, ByteBuffer firstRecords, boolean fsync) throws IOException {
        Path target = dir.resolve(name.fileName());
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null,
                    "a WAL segment with this name already exists; the directory holds files this Wal did not expect");
        }
        Path tmp = dir.resolve(name.fileName() + TMP_SUFFIX);
        Fsync.writeAtomically(tmp, target, fsync, firstRecords.duplicate());
        return target;
    }
}
