package dev.berth.store.wal;

import com.google.protobuf.ByteString;
import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.HardState;
import dev.berth.store.raft.pb.SnapshotMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Builders for WAL contents and a reader of the on-disk framing that does not use the production code, so tests
 * find record boundaries on their own.
 */
final class WalFixtures {

    /** Segments hold just their records, so tests can address records from the end of the file. */
    static final WalOptions NO_FSYNC = WalOptions.defaults().withFsync(false).withPreallocate(false);

    /** Where one record sits in a segment file: header at {@code offset}, {@code length} payload bytes after it. */
    record Frame(long offset, int length) {
        long end() {
            return offset + 8 + length;
        }
    }

    private WalFixtures() {
    }

    static Entry entry(long index, long term) {
        return Entry.newBuilder().setIndex(index).setTerm(term)
                .setData(ByteString.copyFrom("data of entry " + index + " term " + term, StandardCharsets.UTF_8))
                .build();
    }

    static List<Entry> entries(long from, long to, long term) {
        return LongStream.rangeClosed(from, to).mapToObj(i -> entry(i, term)).toList();
    }

    static HardState hardState(long term, long vote, long commit) {
        return HardState.newBuilder().setTerm(term).setVote(vote).setCommit(commit).build();
    }

    static SnapshotMetadata snapshot(long index, long term) {
        return SnapshotMetadata.newBuilder().setIndex(index).setTerm(term).build();
    }

    /** The segment files of {@code dir} in name order, which is sequence order. */
    static List<Path> segments(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".wal")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path lastSegment(Path dir) {
        List<Path> segments = segments(dir);
        return segments.get(segments.size() - 1);
    }

    /** The frames of an intact segment file, found by following the length fields up to its preallocated zeros. */
    static List<Frame> frames(Path segment) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(segment));
        List<Frame> frames = new ArrayList<>();
        int offset = 0;
        while (offset < bytes.limit()) {
            if (offset + 4 <= bytes.limit() && bytes.getInt(offset) == 0) {
                return frames;
            }
            Frame frame = new Frame(offset, bytes.getInt(offset));
            frames.add(frame);
            offset = (int) frame.end();
        }
        if (offset != bytes.limit()) {
            throw new IllegalStateException(segment + " does not end at a frame boundary");
        }
        return frames;
    }

    static void flipByte(Path file, long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) offset] ^= 0x40;
        Files.write(file, bytes);
    }

    static void putInt(Path file, long offset, int value) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt((int) offset, value);
        Files.write(file, bytes);
    }

    static void truncate(Path file, long length) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, (int) length));
    }

    static void append(Path file, byte[] tail) throws IOException {
        Files.write(file, tail, StandardOpenOption.APPEND);
    }

    /** A frame with a correct CRC32C around any payload, built with java.util.zip directly. */
    static byte[] frame(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return ByteBuffer.allocate(8 + payload.length).putInt(payload.length).putInt((int) crc.getValue())
                .put(payload).array();
    }

    static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
