package dev.berth.store.wal;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
import dev.berth.store.raft.pb.Snapshot;
import dev.berth.store.raft.pb.SnapshotMetadata;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Raft snapshots of one member, one file each, so that the WAL can be released up to the newest one.
 *
 * <p>A file is named {@code %016x-%016x.snap} (term, index) and holds a 4-byte big-endian CRC32C followed by the
 * {@link Snapshot} protobuf. It is written to a temporary file, synced, renamed into place and the directory synced,
 * so a snapshot file under its final name is always complete.
 *
 * <p>Not thread-safe for writes; the member's single storage writer saves, prepares and purges. {@link #load(long,
 * long)} only reads a published file and may be called from any thread.
 */
public final class SnapshotFiles {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFiles.class);
    private static final Pattern NAME = Pattern.compile("([0-9a-f]{16})-([0-9a-f]{16})\\.snap");
    private static final String TMP_SUFFIX = ".tmp";
    private static final int CRC_BYTES = 4;
    private static final int READ_BACK_BYTES = 1 << 20;

    private record SnapshotFile(Path path, long term, long index) {
    }

    private static final Comparator<SnapshotFile> NEWEST_FIRST = Comparator.comparingLong(SnapshotFile::index)
            .thenComparingLong(SnapshotFile::term).reversed();

    private final Path dir;
    private final boolean fsync;

    private SnapshotFiles(Path dir, boolean fsync) {
        this.dir = dir;
        this.fsync = fsync;
    }

    /** Opens {@code dir} with fsync on. */
    public static SnapshotFiles open(Path dir) throws IOException {
        return open(dir, true);
    }

    /**
     * Opens {@code dir}, creating it if needed, and deletes files of saves a crash interrupted.
     *
     * @param fsync whether saves are synced; off only for tests and benchmarks that say so
     */
    public static SnapshotFiles open(Path dir, boolean fsync) throws IOException {
        Files.createDirectories(dir);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, "*.snap" + TMP_SUFFIX)) {
            for (Path leftover : leftovers) {
                LOG.info("Deleting {}, a snapshot whose save a crash interrupted", leftover);
                Files.delete(leftover);
            }
        }
        return new SnapshotFiles(dir, fsync);
    }

    /**
     * Writes {@code snapshot} durably and returns its file. A snapshot with the same term and index is replaced.
     */
    public Path save(Snapshot snapshot) throws IOException {
        return prepare(snapshot).publish();
    }

    /** Writes a snapshot's data into its file, in one pass (see {@link SnapshotOutput}). */
    @FunctionalInterface
    public interface Data {
        void writeTo(SnapshotOutput out) throws IOException;

        /** Data already whole in memory. */
        static Data of(ByteString bytes) {
            return bytes::writeTo;
        }
    }

    /** Like {@link #prepare(SnapshotMetadata, Data)}, for a snapshot whose data is in memory. */
    public Prepared prepare(Snapshot snapshot) throws IOException {
        return prepare(snapshot.getMetadata(), Data.of(snapshot.getData()));
    }

    /**
     * Writes a snapshot durably under a temporary name that {@link #open} deletes: it counts only once
     * {@link Prepared#publish()} renames it. A member writes its own snapshots this way off its thread, streaming
     * {@code data} into the file, and publishes them after the WAL's marker, so a crash in between leaves the
     * previous snapshot in charge.
     *
     * @throws IOException also if {@code data} wrote more than a snapshot's 2 GiB
     */
    public Prepared prepare(SnapshotMetadata metadata, Data data) throws IOException {
        if (metadata.getIndex() < 1) {
            throw new IllegalArgumentException("A snapshot needs an index of at least 1, got " + metadata.getIndex());
        }
        Path target = dir.resolve(fileName(metadata.getTerm(), metadata.getIndex()));
        Path tmp = dir.resolve(target.getFileName() + TMP_SUFFIX);
        Fsync.writeDurably(tmp, fsync, channel -> write(channel, metadata, data, fsync));
        return new Prepared(tmp, target);
    }

    /**
     * Streams a {@link Snapshot} message into the file after room for its CRC32C, then reads the message back to
     * compute the CRC, which goes in last: the data's length is only filled in after the data, and encoding the
     * message into one array first would hold the whole state (tens of megabytes) on the heap once more per snapshot.
     * The read-back comes from the page cache the write just filled.
     */
    private static void write(FileChannel channel, SnapshotMetadata metadata, Data data, boolean fsync) throws IOException {
        channel.position(CRC_BYTES);
        SnapshotOutput out = new SnapshotOutput(channel, fsync);
        CodedOutputStream framing = CodedOutputStream.newInstance(out);
        framing.writeMessage(Snapshot.METADATA_FIELD_NUMBER, metadata);
        framing.writeTag(Snapshot.DATA_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        framing.flush();
        SnapshotOutput.LengthSlot dataLength = out.reserveLength();
        data.writeTo(out);
        long size = dataLength.fill();
        if (size > Integer.MAX_VALUE) {
            throw new IOException("the snapshot at index " + metadata.getIndex() + " holds " + size
                    + " bytes of data, more than a snapshot's 2 GiB limit; the file is not used");
        }
        long end = out.finish();
        ByteBuffer crcBytes = ByteBuffer.allocate(CRC_BYTES).putInt(crc(channel, CRC_BYTES, end)).flip();
        while (crcBytes.hasRemaining()) {
            channel.write(crcBytes, crcBytes.position());
        }
    }

    /** The CRC32C of the file's bytes from {@code from} to {@code to}. */
    private static int crc(FileChannel channel, long from, long to) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer block = ByteBuffer.allocateDirect(READ_BACK_BYTES);
        for (long position = from; position < to; ) {
            block.clear().limit((int) Math.min(block.capacity(), to - position));
            int read = channel.read(block, position);
            if (read < 0) {
                throw new IOException("the snapshot file ended at " + position + " while " + to
                        + " bytes were written");
            }
            position += read;
            crc.update(block.flip());
        }
        return (int) crc.getValue();
    }

    private static String fileName(long term, long index) {
        return String.format("%016x-%016x.snap", term, index);
    }

    /** A snapshot file written by {@link #prepare} and not yet in use. */
    public final class Prepared {
        private final Path tmp;
        private final Path target;

        private Prepared(Path tmp, Path target) {
            this.tmp = tmp;
            this.target = target;
        }

        /** Gives the file its real name, atomically and durably; returns it. */
        public Path publish() throws IOException {
            Fsync.publish(tmp, target, fsync);
            return target;
        }

        /** Deletes the file: the snapshot will not be used. */
        public void discard() throws IOException {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The snapshot with the highest index, if there is any.
     *
     * @throws SnapshotCorruptedException if that file is damaged; older snapshots are deliberately not tried
     */
    public Optional<Snapshot> loadNewest() throws IOException {
        List<SnapshotFile> files = list();
        if (files.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(load(files.get(0)));
    }

    /**
     * The snapshot saved at {@code term} and {@code index}: a member keeps only its snapshot's metadata in memory and
     * reads the rest back from here when a follower needs it.
     *
     * @throws java.nio.file.NoSuchFileException if no such snapshot is saved (or it was purged)
     * @throws SnapshotCorruptedException if its file is damaged
     */
    public Snapshot load(long term, long index) throws IOException {
        return load(new SnapshotFile(dir.resolve(fileName(term, index)), term, index));
    }

    /**
     * Deletes all but the {@code keep} newest snapshots.
     *
     * @return the deleted files
     */
    public List<Path> purge(int keep) throws IOException {
        if (keep < 1) {
            throw new IllegalArgumentException("purge must keep at least the newest snapshot, got keep=" + keep);
        }
        List<SnapshotFile> files = list();
        List<Path> deleted = new ArrayList<>();
        for (SnapshotFile file : files.subList(Math.min(keep, files.size()), files.size())) {
            Files.delete(file.path());
            deleted.add(file.path());
        }
        if (!deleted.isEmpty() && fsync) {
            Fsync.directory(dir);
        }
        return deleted;
    }

    private List<SnapshotFile> list() throws IOException {
        List<SnapshotFile> files = new ArrayList<>();
        try (DirectoryStream<Path> paths = Files.newDirectoryStream(dir, "*.snap")) {
            for (Path path : paths) {
                Matcher m = NAME.matcher(path.getFileName().toString());
                if (m.matches()) {
                    files.add(new SnapshotFile(path, Long.parseUnsignedLong(m.group(1), 16),
                            Long.parseUnsignedLong(m.group(2), 16)));
                } else {
                    LOG.warn("Ignoring {}: not named like a snapshot file (%016x-%016x.snap)", path);
                }
            }
        }
        files.sort(NEWEST_FIRST);
        return files;
    }

    /**
     * Reads {@code file} through a read-only memory map, and the snapshot's data stays a view of that map: a leader
     * sending it to a follower, or a member restoring from it, holds none of it on the heap, and the pages are read
     * as they are used. Safe because a published file is never written again, only deleted, which leaves a mapping
     * intact.
     */
    private static Snapshot load(SnapshotFile file) throws IOException {
        ByteBuffer bytes;
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < CRC_BYTES) {
                throw new SnapshotCorruptedException(file.path(), "is " + size + " bytes long, too short to"
                        + " hold its CRC32C");
            }
            if (size > Integer.MAX_VALUE) {
                throw new SnapshotCorruptedException(file.path(), "is " + size + " bytes long, more than a snapshot"
                        + " can be (2 GiB)");
            }
            bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
        ByteBuffer payload = bytes.slice(CRC_BYTES, bytes.limit() - CRC_BYTES);
        if (RecordFrame.crc32c(payload) != bytes.getInt(0)) {
            throw new SnapshotCorruptedException(file.path(), "fails its CRC32C check");
        }
        Snapshot snapshot;
        try {
            // Aliasing needs an input protobuf knows to be immutable, which a wrapped ByteString is.
            CodedInputStream in = UnsafeByteOperations.unsafeWrap(payload).newCodedInput();
            in.enableAliasing(true);
            snapshot = Snapshot.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw new SnapshotCorruptedException(file.path(), "passes its CRC32C check but is not a snapshot ("
                    + e.getMessage() + ")");
        }
        SnapshotMetadata metadata = snapshot.getMetadata();
        if (metadata.getTerm() != file.term() || metadata.getIndex() != file.index()) {
            throw new SnapshotCorruptedException(file.path(), "holds the snapshot at term " + metadata.getTerm()
                    + " index " + metadata.getIndex() + ", not the one its name says");
        }
        return snapshot;
    }
}
