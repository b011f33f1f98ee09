package dev.berth.store.wal;

import dev.berth.store.files.DirectoryLock;
import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.HardState;
import dev.berth.store.raft.pb.SnapshotMetadata;
import dev.berth.store.wal.pb.WalRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log of one Raft member: the Raft core keeps its log in memory and persists every Ready batch here
 * before it sends messages or acknowledges anything, so that after a crash the member remembers every entry and
 * vote it acted on.
 *
 * <p>The log is a directory of segment files {@code %016x-%016x.wal} (sequence, index of the first entry the
 * segment may hold), each created filled with zeros up to {@link WalOptions#segmentBytes()} as etcd's are (unless
 * {@link WalOptions#preallocate()} is off), in the background while the segment before it fills
 * ({@link SegmentPipeline}): records
 * then overwrite blocks the file system has already allocated, so an fsync flushes data only, not the file's
 * growing size and extent map as well, which roughly halves its latency. Each record is framed as a 4-byte big-endian length, the 4-byte CRC32C of the payload, and the
 * payload, a serialized {@link WalRecord}. Each {@link #save} appends its records and then syncs once, so a Ready
 * batch costs one fsync however many entries it holds. Once a segment reaches {@link WalOptions#segmentBytes()} the
 * next write starts a new segment, which begins with the current hard state so that {@link #releaseTo} never
 * deletes the only copy of it.
 *
 * <p>Recovery ({@link #open}) cuts away a write torn by a crash at the very end of the log, with a warning naming
 * file and offset, and refuses anything else that does not check out with a {@link WalCorruptedException}: it
 * never drops a record that could hold a committed entry.
 *
 * <p>Order of writes when a snapshot comes in: save the snapshot file ({@link SnapshotFiles#save}), then
 * {@link #saveSnapshot}, then the hard state that commits it, then {@link #releaseTo}. Replay needs the marker of
 * the snapshot it starts from, and a hard state must never commit entries the log does not hold.
 *
 * <p>Not thread-safe: a member has a single writer (the thread that handles Ready batches), which must make every
 * call. An exclusive lock on the directory keeps other {@code Wal} instances, in this process or another, out. After
 * a failed write this {@code Wal} refuses further writes, because what reached the disk is then unknown (a retried
 * fsync can report success for data that was lost); restart the member and let recovery sort it out.
 */
public final class Wal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Wal.class);
    static final String LOCK_FILE_NAME = "wal.lock";

    private final Path dir;
    private final WalOptions options;
    private final DirectoryLock lock;
    private final WalReplay replay;
    private final SegmentPipeline pipeline;
    /** Every segment in the directory, by sequence; the last one is {@link #tail}. */
    private final List<SegmentName> segments;
    private FileChannel tail;
    private long tailBytes;
    private long lastIndex;
    private HardState hardState;
    private boolean failed;
    private boolean closed;

    private Wal(Path dir, WalOptions options, DirectoryLock lock, List<SegmentName> segments, WalReplay replay,
            long tailBytes) throws IOException {
        this.dir = dir;
        this.options = options;
        this.lock = lock;
        this.segments = new ArrayList<>(segments);
        this.replay = replay;
        this.lastIndex = replay.lastIndex();
        this.hardState = replay.hardState();
        this.tail = openForAppend(dir.resolve(currentSegment().fileName()), tailBytes);
        this.tailBytes = tailBytes;
        this.pipeline = SegmentPipeline.start(dir, options);
    }

    /**
     * Creates the WAL of a new member in {@code dir}, creating the directory if needed.
     *
     * @throws FileAlreadyExistsException if {@code dir} already holds WAL segments: an existing member must
     *     {@link #open} its WAL, or its history would be lost
     */
    public static Wal create(Path dir, WalOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        boolean newDirectory = Files.notExists(dir);
        Files.createDirectories(dir);
        if (newDirectory && options.fsync() && dir.toAbsolutePath().getParent() != null) {
            Fsync.directory(dir.toAbsolutePath().getParent());
        }
        DirectoryLock lock = DirectoryLock.acquire(dir, LOCK_FILE_NAME, "WAL");
        try {
            if (!SegmentFiles.list(dir).isEmpty()) {
                throw new FileAlreadyExistsException(dir.toString(), null, "already holds a WAL; open it with"
                        + " Wal.open, or delete the directory if this member is meant to start from scratch");
            }
            SegmentFiles.removeLeftovers(dir);
            SegmentName first = new SegmentName(0, 1);
            SegmentFiles.create(dir, first, ByteBuffer.allocate(0), options);
            return new Wal(dir, options, lock, List.of(first), WalReplay.empty(), 0);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Opens the WAL in {@code dir} and replays it on top of the snapshot the member loaded; the result is
     * {@link #replay()}.
     *
     * @param fromSnapshot the metadata of the snapshot the member restarts from, or
     *     {@link SnapshotMetadata#getDefaultInstance()} (index 0) if it has none
     * @throws WalCorruptedException if the log is damaged anywhere but in a torn last record, has holes, or lacks
     *     the marker of {@code fromSnapshot}
     * @throws NoSuchFileException if {@code dir} holds no WAL
     */
    public static Wal open(Path dir, SnapshotMetadata fromSnapshot, WalOptions options) throws IOException {
        Objects.requireNonNull(fromSnapshot, "fromSnapshot");
        Objects.requireNonNull(options, "options");
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "is not a directory, so it holds no"
                    + " WAL; a new member creates its WAL with Wal.create");
        }
        DirectoryLock lock = DirectoryLock.acquire(dir, LOCK_FILE_NAME, "WAL");
        try {
            WalRecovery.Recovered recovered = WalRecovery.recover(dir, fromSnapshot, options);
            return new Wal(dir, options, lock, recovered.segments(), recovered.replay(), recovered.tailBytes());
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** What {@link #open} recovered; for a WAL from {@link #create}, no hard state and no entries. */
    public WalReplay replay() {
        return replay;
    }

    /**
     * Persists one Ready batch: appends {@code entries}, then {@code hardState} if it is new, then syncs once.
     * Entries go first so that a hard state on disk never commits entries that are not. Writes nothing and does
     * not sync if there are no entries and the hard state is null, empty or unchanged.
     *
     * @param entries consecutive entries; the first may overwrite existing entries (which drops every entry after
     *     it), but may not leave a gap after the last index
     * @throws IOException if writing or syncing failed; this {@code Wal} then accepts no more writes
     */
    public void save(HardState hardState, List<Entry> entries) throws IOException {
        save(hardState, entries, true);
    }

    /**
     * As {@link #save(HardState, List)}, but syncs only when {@code sync}: Raft needs no fsync for a hard state
     * whose only change is the commit index (a member that loses it learns the commit again from the leader).
     */
    public void save(HardState hardState, List<Entry> entries, boolean sync) throws IOException {
        checkWritable();
        Objects.requireNonNull(entries, "entries");
        boolean newHardState = hardState != null && !hardState.equals(HardState.getDefaultInstance())
                && !hardState.equals(this.hardState);
        if (!newHardState && entries.isEmpty()) {
            return;
        }
        checkAppendable(entries);
        List<WalRecord> records = new ArrayList<>(entries.size() + 1);
        for (Entry entry : entries) {
            records.add(WalRecord.newBuilder().setEntry(entry).build());
        }
        if (newHardState) {
            records.add(WalRecord.newBuilder().setHardState(hardState).build());
        }
        append(records, sync);
        if (!entries.isEmpty()) {
            lastIndex = entries.get(entries.size() - 1).getIndex();
        }
        if (newHardState) {
            this.hardState = hardState;
        }
    }

    /**
     * Records that a snapshot covers the log up to {@code metadata}'s index, and syncs. Replay from that snapshot
     * starts at this marker; save the snapshot file first.
     */
    public void saveSnapshot(SnapshotMetadata metadata) throws IOException {
        checkWritable();
        if (metadata.getIndex() < 1) {
            throw new IllegalArgumentException("A snapshot marker needs an index of at least 1, got "
                    + metadata.getIndex());
        }
        append(List.of(WalRecord.newBuilder().setSnapshot(metadata).build()), true);
        lastIndex = Math.max(lastIndex, metadata.getIndex());
    }

    /**
     * Deletes the oldest segments whose entries are all below {@code index - 1}; the segment holding
     * {@code index - 1} and every later one stay, and so does the current segment. Call it with the index of a
     * snapshot once the snapshot file and its marker are saved.
     */
    public void releaseTo(long index) throws IOException {
        checkWritable();
        int released = 0;
        while (segments.size() > 1 && segments.get(1).firstIndex() < index) {
            Files.delete(dir.resolve(segments.remove(0).fileName()));
            released++;
        }
        if (released > 0) {
            if (options.fsync()) {
                Fsync.directory(dir);
            }
            LOG.info("Released {} WAL segment(s) of {} holding only entries before index {}; the oldest kept is {}",
                    released, dir, index - 1, segments.get(0).fileName());
        }
    }

    /** Closes the current segment and releases the directory lock. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (lock; pipeline) {
            tail.close();
        }
    }

    private void checkWritable() {
        if (closed) {
            throw new IllegalStateException("This Wal of " + dir + " is closed");
        }
        if (failed) {
            throw new IllegalStateException("An earlier write to the WAL in " + dir + " failed, so what reached the"
                    + " disk is unknown and this Wal accepts no more writes; restart the member to recover the log");
        }
    }

    private void checkAppendable(List<Entry> entries) {
        for (int i = 0; i < entries.size(); i++) {
            long index = entries.get(i).getIndex();
            long expected = i == 0 ? lastIndex + 1 : entries.get(i - 1).getIndex() + 1;
            if (index < 1 || (i == 0 ? index > expected : index != expected)) {
                throw new IllegalArgumentException("Entry " + index + " at position " + i + " of the batch cannot"
                        + " follow " + (i == 0 ? "the log's last index " + lastIndex : "entry " + (expected - 1))
                        + ": entries must be consecutive and leave no gap (installing a snapshot? save its marker"
                        + " with saveSnapshot first)");
            }
        }
    }

    /** Writes the records to the current segment, starting a new one first if it is full, and syncs once if asked. */
    private void append(List<WalRecord> records, boolean sync) throws IOException {
        ByteBuffer frames = RecordFrame.encode(records);
        try {
            if (tailBytes >= options.segmentBytes()) {
                cut();
            }
            while (frames.hasRemaining()) {
                tail.write(frames);
            }
            if (sync && options.fsync()) {
                tail.force(false);
            }
        } catch (IOException e) {
            failed = true;
            // Named only here: formatting the name on every append cost more than the append's own encoding.
            Path file = dir.resolve(currentSegment().fileName());
            throw new IOException("Writing the WAL segment " + file + " failed; this Wal accepts no more writes"
                    + " because what reached the disk is unknown. Restart the member: recovery keeps every complete"
                    + " record.", e);
        }
        tailBytes += frames.limit();
    }

    /** Starts the next segment with the current hard state and makes it the one appended to. */
    private void cut() throws IOException {
        SegmentName next = currentSegment().next(lastIndex + 1);
        ByteBuffer firstRecords = hardState.equals(HardState.getDefaultInstance())
                ? ByteBuffer.allocate(0)
                : RecordFrame.encode(List.of(WalRecord.newBuilder().setHardState(hardState).build()));
        Path file = pipeline.create(next, firstRecords);
        FileChannel channel = openForAppend(file, firstRecords.limit());
        segments.add(next);
        FileChannel previous = tail;
        tail = channel;
        tailBytes = firstRecords.limit();
        previous.close();
        LOG.debug("Started WAL segment {}", file);
    }

    private SegmentName currentSegment() {
        return segments.get(segments.size() - 1);
    }

    /** Opens a segment for writing at {@code position}, the end of its records (the preallocated zeros start there). */
    private static FileChannel openForAppend(Path file, long position) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
        try {
            return channel.position(position);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}
