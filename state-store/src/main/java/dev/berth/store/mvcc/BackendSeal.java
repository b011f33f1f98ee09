package dev.berth.store.mvcc;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * What a clean close writes into the backend next to the revisions: the last applied Raft index, the store's
 * revisions, and the checksum of the entries as they were then. On the next open the seal is taken out and the
 * backend is trusted only if its entries still match it; otherwise the Raft snapshot and log rebuild the state.
 *
 * @param consistentIndex the Raft index of the last command applied to the sealed state
 * @param currentRevision the store's revision (1 for an empty store)
 * @param compactRevision the revision of the last compaction, -1 if there was none
 * @param content the checksum of every entry but the seal
 */
record BackendSeal(long consistentIndex, long currentRevision, long compactRevision, ContentChecksum.Value content) {

    /** The backend key of the seal: revision 0.0, which no write uses (the first write is revision 2). */
    static final Revision KEY = new Revision(0, 0);

    private static final int FIELDS = 5 * Long.BYTES;

    /** The five fields big-endian, then a CRC-32C of them. */
    byte[] encode() {
        ByteBuffer buffer = ByteBuffer.allocate(FIELDS + Integer.BYTES);
        buffer.putLong(consistentIndex).putLong(currentRevision).putLong(compactRevision)
                .putLong(content.sum()).putLong(content.count());
        buffer.putInt((int) crc(buffer.array()));
        return buffer.array();
    }

    /** Reads what {@link #encode()} wrote, or nothing if the bytes are damaged. */
    static Optional<BackendSeal> decode(byte[] bytes) {
        if (bytes.length != FIELDS + Integer.BYTES) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        BackendSeal seal = new BackendSeal(buffer.getLong(), buffer.getLong(), buffer.getLong(),
                new ContentChecksum.Value(buffer.getLong(), buffer.getLong()));
        return buffer.getInt() == (int) crc(bytes) ? Optional.of(seal) : Optional.empty();
    }

    private static long crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, FIELDS);
        return crc.getValue();
    }
}
