package dev.berth.store.wal;

import com.google.protobuf.CodedOutputStream;
import dev.berth.store.wal.pb.WalRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The on-disk framing of a WAL record: 4-byte big-endian payload length, 4-byte CRC32C of the payload, then the
 * payload, a serialized {@link WalRecord}. The CRC is what tells a complete record from a torn or damaged one.
 */
final class RecordFrame {

    static final int HEADER_BYTES = 8;

    /** No writer produces a larger record, so a larger length can only be damage. */
    static final int MAX_PAYLOAD_BYTES = 64 << 20;

    /** One save may not exceed this, which keeps a segment file (limit plus one batch) below 2 GiB. */
    static final long MAX_BATCH_BYTES = 1L << 30;

    private RecordFrame() {
    }

    static ByteBuffer encode(List<WalRecord> records) {
        long total = 0;
        for (WalRecord record : records) {
            int size = record.getSerializedSize();
            if (size > MAX_PAYLOAD_BYTES) {
                throw new IllegalArgumentException("A WAL record of " + size + " bytes exceeds the limit of "
                        + MAX_PAYLOAD_BYTES + " bytes (" + describe(record) + "); split the proposal");
            }
            total += HEADER_BYTES + size;
        }
        if (total > MAX_BATCH_BYTES) {
            throw new IllegalArgumentException("One WAL save of " + total + " bytes exceeds the limit of "
                    + MAX_BATCH_BYTES + " bytes; save the batch in parts");
        }
        // Each record is written in place and its CRC filled in after it: no intermediate copy of the payload.
        ByteBuffer frames = ByteBuffer.allocate((int) total);
        for (WalRecord record : records) {
            int size = record.getSerializedSize();
            int crcAt = frames.position() + Integer.BYTES;
            frames.putInt(size).putInt(0);
            int payloadAt = frames.position();
            writeInPlace(record, frames);
            frames.putInt(crcAt, crc32c(frames.slice(payloadAt, size)));
        }
        return frames.flip();
    }

    private static void writeInPlace(WalRecord record, ByteBuffer frames) {
        CodedOutputStream out = CodedOutputStream.newInstance(frames);
        try {
            record.writeTo(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding " + describe(record) + " into a heap buffer failed", e);
        }
    }

    /** The CRC32C of the bytes between position and limit of {@code bytes}, which it does not move. */
    static int crc32c(ByteBuffer bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.duplicate());
        return (int) crc.getValue();
    }

    private static String describe(WalRecord record) {
        return record.hasEntry() ? "entry " + record.getEntry().getIndex() : record.getRecordCase().toString();
    }
}
