package dev.berth.store.mvcc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import java.util.zip.CRC32C;

/**
 * etcd's key-value hash, which members compare to detect divergence: a CRC-32C of the bucket name {@code key}
 * followed by each chosen stored revision in ascending order, encoded as etcd stores it in bolt (8-byte big-endian
 * main revision, {@code '_'}, 8-byte big-endian sub revision, {@code 't'} for a tombstone) and then its serialized
 * KeyValue. Equal histories give equal hashes on every member, and the hash etcd would compute for them.
 */
final class KvHash {

    private static final byte[] BUCKET = "key".getBytes(StandardCharsets.US_ASCII);

    private KvHash() {
    }

    /** The hash of the stored revisions {@code include} accepts. */
    static int of(KvStore store, Predicate<Revision> include) {
        CRC32C crc = new CRC32C();
        crc.update(BUCKET);
        ByteBuffer key = ByteBuffer.allocate(2 * Long.BYTES + 2);
        RevisionBackend.Reader values = store.storedReader();
        for (IndexedRevision stored : store.storedRevisions()) {
            Revision revision = stored.revision();
            if (!include.test(revision)) {
                continue;
            }
            key.clear();
            key.putLong(revision.main()).put((byte) '_').putLong(revision.sub());
            if (stored.tombstone()) {
                key.put((byte) 't');
            }
            crc.update(key.array(), 0, key.position());
            crc.update(values.value(), 0, values.read(revision));
        }
        return (int) crc.getValue();
    }
}
