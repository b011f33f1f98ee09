package dev.berth.store.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
    static final String TMP_SUFFIX = ".tmp";
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(Fsync.BACKGROUND_SYNC_BYTES).asReadOnlyBuffer();

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
     * Writes {@code firstRecords} to a temporary file, followed by zeros up to {@link WalOptions#segmentBytes()} when
     * {@link WalOptions#preallocate()}, syncs it and renames it to the segment's name, then syncs the directory (the syncs when
     * {@link WalOptions#fsync()}).
     */
    static Path create(Path dir, SegmentName name, ByteBuffer firstRecords, WalOptions options) throws IOException {
        Path target = unused(dir, name);
        Path tmp = dir.resolve(name.fileName() + TMP_SUFFIX);
        long padding = options.preallocate() ? Math.max(0, options.segmentBytes() - firstRecords.remaining()) : 0;
        Fsync.writeAtomically(tmp, target, options.fsync(), withZeros(firstRecords.duplicate(), padding));
        return target;
    }

    /**
     * Fills {@code file} (a name ending in {@code .wal.tmp}, so that recovery deletes it) with
     * {@link WalOptions#segmentBytes()} zeros for {@link #publishPrepared}. With fsync on, it syncs after every
     * {@link Fsync#BACKGROUND_SYNC_BYTES}.
     */
    static void prepare(Path file, WalOptions options) throws IOException {
        Fsync.writeDurably(file, options.fsync(), channel -> {
            for (long left = options.segmentBytes(); left > 0; ) {
                ByteBuffer zeros = ZEROS.duplicate().limit((int) Math.min(left, ZEROS.capacity()));
                left -= zeros.remaining();
                while (zeros.hasRemaining()) {
                    channel.write(zeros);
                }
                if (options.fsync()) {
                    channel.force(false);
                }
            }
        });
    }

    /**
     * Makes a file from {@link #prepare} the segment {@code name}: writes {@code firstRecords} over its first zeros,
     * syncs it, renames it, and syncs the directory (the syncs when {@link WalOptions#fsync()}), so that the segment
     * holds its complete first records under its name, as one from {@link #create} does.
     */
    static Path publishPrepared(Path prepared, Path dir, SegmentName name, ByteBuffer firstRecords, WalOptions options)
            throws IOException {
        Path target = unused(dir, name);
        try (FileChannel channel = FileChannel.open(prepared, StandardOpenOption.WRITE)) {
            ByteBuffer records = firstRecords.duplicate();
            while (records.hasRemaining()) {
                channel.write(records, records.position());
            }
            if (options.fsync()) {
                channel.force(false);
            }
        }
        Fsync.publish(prepared, target, options.fsync());
        return target;
    }

    private static Path unused(Path dir, SegmentName name) throws FileAlreadyExistsException {
        Path target = dir.resolve(name.fileName());
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null,
                    "a WAL segment with this name already exists; the directory holds files this Wal did not expect");
        }
        return target;
    }

    /** {@code first} followed by {@code zeros} zero bytes, as buffers sharing one block of zeros. */
    private static ByteBuffer[] withZeros(ByteBuffer first, long zeros) {
        int blocks = (int) ((zeros + ZEROS.capacity() - 1) / ZEROS.capacity());
        ByteBuffer[] buffers = new ByteBuffer[blocks + 1];
        buffers[0] = first;
        long left = zeros;
        for (int i = 1; i <= blocks; i++) {
            int n = (int) Math.min(left, ZEROS.capacity());
            buffers[i] = ZEROS.duplicate().limit(n);
            left -= n;
        }
        return buffers;
    }
}
