package dev.berth.store.wal;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.berth.store.wal.pb.WalRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Reads the records of one segment file and decides what a bad record means.
 *
 * <p>A bad record (short header, length 0 or beyond the limit, payload running past the end of the file, CRC32C
 * mismatch) is a write torn by a crash only if it is in the last segment and no valid frame starts anywhere after
 * it: then it and everything after it were never acknowledged, and the caller may cut them away. Otherwise it is
 * damage, and reading fails with {@link WalCorruptedException}. A record whose CRC32C checks out but which does not
 * parse was written that way, so it is damage wherever it is.
 *
 * <p>The scan for a later valid frame errs towards refusing: should an entry's data itself contain a complete WAL
 * frame inside a torn tail, the member refuses to start instead of dropping data.
 *
 * <p>Segments are preallocated with zeros, so the records end where only zero bytes remain: that is the end of the
 * segment's data, not damage. (Records synced and then zeroed by the disk up to the end of the file would look the
 * same; etcd's WAL, which preallocates too, has the same blind spot.)
 */
final class SegmentReader {

    /** Receives each good record in file order. */
    @FunctionalInterface
    interface RecordSink {
        void accept(WalRecord record, long offset) throws WalCorruptedException;
    }

    /**
     * How reading ended.
     *
     * @param validBytes the length of the prefix made of good records; appends continue from here
     * @param fileBytes the length of the file, preallocated zeros included
     * @param tornTail what was wrong with the record at {@code validBytes}, if more than zeros follow it
     */
    record Outcome(long validBytes, long fileBytes, Optional<String> tornTail) {
    }

    private SegmentReader() {
    }

    /**
     * Feeds the good records of {@code file} to {@code sink}.
     *
     * @param lastSegment whether no later segment follows, so a torn tail is possible
     * @throws WalCorruptedException if the file holds a bad record that is not a torn tail
     */
    static Outcome read(Path file, boolean lastSegment, RecordSink sink) throws IOException {
        ByteBuffer bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw WalCorruptedException.inLog(file, "is " + size + " bytes long, larger than any segment a Wal"
                        + " writes");
            }
            bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
        return read(file, bytes, lastSegment, sink);
    }

    private static Outcome read(Path file, ByteBuffer bytes, boolean lastSegment, RecordSink sink)
            throws WalCorruptedException {
        int size = bytes.limit();
        int offset = 0;
        while (offset < size) {
            int remaining = size - offset;
            String problem;
            if (remaining < RecordFrame.HEADER_BYTES) {
                problem = "has a torn header (" + remaining + " of " + RecordFrame.HEADER_BYTES + " bytes)";
            } else {
                long length = Integer.toUnsignedLong(bytes.getInt(offset));
                if (length == 0 && zerosFrom(bytes, offset)) {
                    return new Outcome(offset, size, Optional.empty());
                } else if (length == 0) {
                    problem = "has length 0";
                } else if (length > RecordFrame.MAX_PAYLOAD_BYTES) {
                    problem = "claims an impossible length of " + length + " bytes (the limit is "
                            + RecordFrame.MAX_PAYLOAD_BYTES + ")";
                } else if (length > remaining - RecordFrame.HEADER_BYTES) {
                    problem = "claims " + length + " payload bytes but only "
                            + (remaining - RecordFrame.HEADER_BYTES) + " follow its header";
                } else {
                    ByteBuffer payload = bytes.slice(offset + RecordFrame.HEADER_BYTES, (int) length);
                    if (RecordFrame.crc32c(payload) != bytes.getInt(offset + 4)) {
                        problem = "fails its CRC32C check";
                    } else {
                        sink.accept(parse(file, offset, payload), offset);
                        offset += RecordFrame.HEADER_BYTES + (int) length;
                        continue;
                    }
                }
            }
            if (!lastSegment) {
                throw WalCorruptedException.atRecord(file, offset, problem + " (later segments follow this one, so"
                        + " it is not a write torn by a crash)");
            }
            int later = firstValidFrame(bytes, offset + 1);
            if (later >= 0) {
                throw WalCorruptedException.atRecord(file, offset, problem + " (a valid record follows at offset "
                        + later + ", so it is not a write torn by a crash)");
            }
            return new Outcome(offset, size, Optional.of(problem));
        }
        return new Outcome(size, size, Optional.empty());
    }

    private static WalRecord parse(Path file, int offset, ByteBuffer payload) throws WalCorruptedException {
        try {
            return WalRecord.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw WalCorruptedException.atRecord(file, offset, "passes its CRC32C check but is not a WAL record ("
                    + e.getMessage() + ")");
        }
    }

    /** Whether every byte from {@code from} to the end is zero: the preallocated, never written rest of a segment. */
    private static boolean zerosFrom(ByteBuffer bytes, int from) {
        int size = bytes.limit();
        int i = from;
        for (; i <= size - Long.BYTES; i += Long.BYTES) {
            if (bytes.getLong(i) != 0) {
                return false;
            }
        }
        for (; i < size; i++) {
            if (bytes.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The offset of the first complete frame with a matching CRC32C at or after {@code from}, or -1. */
    private static int firstValidFrame(ByteBuffer bytes, int from) {
        int size = bytes.limit();
        for (int offset = from; offset <= size - RecordFrame.HEADER_BYTES; offset++) {
            long length = Integer.toUnsignedLong(bytes.getInt(offset));
            if (length == 0 || length > RecordFrame.MAX_PAYLOAD_BYTES
                    || length > size - offset - RecordFrame.HEADER_BYTES) {
                continue;
            }
            ByteBuffer payload = bytes.slice(offset + RecordFrame.HEADER_BYTES, (int) length);
            if (RecordFrame.crc32c(payload) == bytes.getInt(offset + 4)) {
                return offset;
            }
        }
        return -1;
    }
}
