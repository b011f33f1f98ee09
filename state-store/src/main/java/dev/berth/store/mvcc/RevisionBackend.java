package dev.berth.store.mvcc;

import dev.berth.store.files.DirectoryLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The values of every stored revision: a Chronicle Map from the 16-byte {@link Revision} to a serialized
 * KeyValue, memory-mapped from the file {@value #FILE_NAME}, so that a large history lives off the heap and a
 * cleanly closed store reopens without replaying the Raft log. Chronicle Map does not promise that its pages reach
 * the disk (nor in which order): the Raft WAL is what makes a write durable, and a {@link ContentChecksum} kept
 * with every change tells whether the file holds exactly what was sealed on close.
 *
 * <p>Not thread-safe for writers: one writer (the apply thread) at a time; reads may run alongside it.
 */
final class RevisionBackend implements AutoCloseable {

    static final String FILE_NAME = "mvcc.dat";
    static final String LOCK_FILE_NAME = "mvcc.lock";

    private static final Logger LOG = LoggerFactory.getLogger(RevisionBackend.class);

    /** The key of {@link #requireRoomFor}'s entry, 0.1: no write uses it, nor the seal. */
    private static final Revision PROBE = new Revision(0, 1);

    private final Path file;
    private final ChronicleMapBuilder<byte[], byte[]> builder;
    private final DirectoryLock lock;
    private final ContentChecksum checksum = new ContentChecksum();
    private ChronicleMap<byte[], byte[]> map;

    private RevisionBackend(Path file, ChronicleMapBuilder<byte[], byte[]> builder, DirectoryLock lock) {
        this.file = file;
        this.builder = builder;
        this.lock = lock;
    }

    /**
     * Opens the backend of {@code dir}: recovers the file if there is one (the last process may have died with it
     * mapped), creates it otherwise, and replaces a file Chronicle Map cannot recover with an empty one.
     *
     * @throws IOException if another backend holds the directory, or the file cannot be created
     */
    static RevisionBackend open(Path dir, MvccOptions options) throws IOException {
        Files.createDirectories(dir);
        DirectoryLock lock = DirectoryLock.acquire(dir, LOCK_FILE_NAME, "MVCC");
        ChronicleMapBuilder<byte[], byte[]> builder = ChronicleMapBuilder.of(byte[].class, byte[].class)
                .name("berth-mvcc")
                .constantKeySizeBySample(new byte[Revision.BYTES])
                .averageValueSize(options.averageValueBytes())
                .entries(options.expectedEntries())
                .maxBloatFactor(MvccOptions.MAX_BLOAT_FACTOR)
                // Chronicle's own exit hook would close the map while the store's shutdown still has to seal it;
                // the store closes the map itself, and a process that dies without closing rebuilds from Raft.
                .skipCloseOnExitHook(true);
        RevisionBackend backend = new RevisionBackend(dir.resolve(FILE_NAME), builder, lock);
        try {
            backend.map = backend.recoverOrCreate();
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        return backend;
    }

    Path file() {
        return file;
    }

    /**
     * Removes the seal a clean close left and returns its bytes, so that a crash from here on can never be taken
     * for a clean close.
     */
    Optional<byte[]> takeSeal() {
        return Optional.ofNullable(map.remove(BackendSeal.KEY.toBytes()));
    }

    /** Writes the seal of a clean close; it is not part of the content it checks. */
    void seal(BackendSeal seal) {
        map.put(BackendSeal.KEY.toBytes(), seal.encode());
    }

    /**
     * Visits every entry in the file's order and recomputes the content checksum from what it finds, which is
     * what {@link #checksum()} reports from then on.
     */
    void scan(EntryVisitor visitor) {
        checksum.reset();
        for (Map.Entry<byte[], byte[]> e : map.entrySet()) {
            checksum.add(e.getKey(), e.getValue());
            visitor.visit(e.getKey(), e.getValue());
        }
    }

    /** Receives one raw entry of the backend. */
    @FunctionalInterface
    interface EntryVisitor {
        void visit(byte[] key, byte[] value);
    }

    void put(Revision revision, byte[] keyValue) {
        byte[] key = revision.toBytes();
        byte[] previous = map.put(key, keyValue);
        if (previous != null) {
            throw new IllegalStateException("revision " + revision + " was stored twice in " + file);
        }
        checksum.add(key, keyValue);
    }

    /** The serialized KeyValue stored at {@code revision}, or null. */
    byte[] get(Revision revision) {
        return map.get(revision.toBytes());
    }

    /**
     * The serialized KeyValue stored at {@code revision}, which the key index lists.
     *
     * @throws IllegalStateException if nothing is stored there
     */
    byte[] getListed(Revision revision) {
        byte[] stored = get(revision);
        if (stored == null) {
            throw listedButMissing(revision);
        }
        return stored;
    }

    private IllegalStateException listedButMissing(Revision revision) {
        return new IllegalStateException("revision " + revision + " is in the key index but not in " + file);
    }

    /** A {@link Reader} for one thread. */
    Reader reader() {
        return new Reader();
    }

    /**
     * Reads stored values into one array it reuses, where {@link #get} returns a new array per value: the snapshot
     * writer and the hash read every stored value once, and a new array each made a snapshot of a few hundred
     * thousand revisions allocate over a hundred megabytes, which the young collections of the busy member then
     * had to absorb. Not thread-safe: one reader per thread.
     */
    final class Reader {
        private final byte[] key = new byte[Revision.BYTES];
        private byte[] value = new byte[1024];

        /**
         * Reads the serialized KeyValue stored at {@code revision} into {@link #value()} and returns its length.
         *
         * @throws IllegalStateException if nothing is stored there: the caller read it from the key index
         */
        int read(Revision revision) {
            revision.writeTo(key);
            try (ExternalMapQueryContext<byte[], byte[], ?> context = map.queryContext(key)) {
                MapEntry<byte[], byte[]> entry = context.entry();
                if (entry == null) {
                    throw listedButMissing(revision);
                }
                Data<byte[]> stored = entry.value();
                int size = Math.toIntExact(stored.size());
                if (value.length < size) {
                    value = new byte[Math.max(size, 2 * value.length)];
                }
                stored.bytes().read(stored.offset(), value, 0, size);
                return size;
            }
        }

        /** The bytes of the last {@link #read}, up to the length it returned; overwritten by the next. */
        byte[] value() {
            return value;
        }
    }

    void remove(Revision revision) {
        byte[] key = revision.toBytes();
        byte[] removed = map.remove(key);
        if (removed == null) {
            throw new IllegalStateException("revision " + revision + " to remove is not in " + file);
        }
        checksum.remove(key, removed);
    }

    ContentChecksum.Value checksum() {
        return checksum.value();
    }

    long size() {
        return map.longSize();
    }

    /** Replaces the file with an empty one. */
    void wipe() throws IOException {
        map.close();
        Files.deleteIfExists(file);
        checksum.reset();
        map = builder.createPersistedTo(file.toFile());
    }

    @Override
    public void close() throws IOException {
        try {
            map.close();
        } finally {
            lock.close();
        }
    }

    /**
     * Writes and removes an entry of the largest size the store accepts: Chronicle Map has no way to ask how
     * large an entry its layout can hold (nor whether a full file has room left), and a put that does not fit
     * must be refused before it is applied, not fail while applying.
     *
     * @throws IllegalArgumentException naming the options if such an entry does not fit
     */
    void requireRoomFor(MvccOptions options) {
        byte[] key = PROBE.toBytes();
        try {
            map.put(key, new byte[options.maxKeyValueBytes()]);
        } catch (IllegalArgumentException | IllegalStateException tooLarge) {
            throw new IllegalArgumentException("the MVCC backend " + file + " laid out for " + options + " has no"
                    + " room for a KeyValue of maxKeyValueBytes; raise averageValueBytes or expectedEntries, or lower"
                    + " maxKeyValueBytes (" + tooLarge.getMessage() + ")", tooLarge);
        }
        map.remove(key);
    }

    private ChronicleMap<byte[], byte[]> recoverOrCreate() throws IOException {
        if (Files.exists(file)) {
            try {
                return builder.recoverPersistedTo(file.toFile(), false);
            } catch (IOException | RuntimeException unrecoverable) {
                LOG.warn("MVCC backend {} cannot be recovered ({}); starting from an empty one, the Raft snapshot and"
                        + " log restore the state", file, unrecoverable.toString());
                Files.delete(file);
            }
        }
        return builder.createPersistedTo(file.toFile());
    }
}
