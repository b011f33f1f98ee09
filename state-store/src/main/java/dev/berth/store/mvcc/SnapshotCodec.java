package dev.berth.store.mvcc;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import dev.berth.store.mvcc.pb.MvccSnapshot;
import dev.berth.store.mvcc.pb.StoredRevision;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's state in a Raft snapshot: an {@link MvccSnapshot} with the current and compacted revisions and every
 * stored revision in order. Written entry by entry, so the history is not held twice while it is encoded.
 */
final class SnapshotCodec {

    private SnapshotCodec() {
    }

    /** A decoded and checked snapshot. */
    record Decoded(long currentRevision, long compactRevision, List<Entry> entries) {
    }

    /** One stored revision of a snapshot. */
    record Entry(Revision revision, byte[] keyValue, StoredKey key) {
    }

    /**
     * Writes the history {@code revisions} (sorted by revision) of a store at {@code currentRevision} to {@code out},
     * reading each revision's KeyValue with {@code values} as it goes. Each {@link StoredRevision} is framed here
     * rather than built as a message, so that its KeyValue goes from the backend into the output through one reused
     * array; the bytes are what {@code StoredRevision.writeTo} gives (fields at their default value left out).
     */
    static void writeTo(OutputStream out, long currentRevision, long compactRevision, PackedRevisions revisions,
                        RevisionBackend.Reader values) throws IOException {
        CodedOutputStream coded = CodedOutputStream.newInstance(out);
        coded.writeInt64(MvccSnapshot.CURRENT_REVISION_FIELD_NUMBER, currentRevision);
        coded.writeInt64(MvccSnapshot.COMPACT_REVISION_FIELD_NUMBER, compactRevision);
        for (int i = 0; i < revisions.size(); i++) {
            Revision revision = revisions.get(i);
            int size = values.read(revision);
            coded.writeTag(MvccSnapshot.REVISIONS_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            coded.writeUInt32NoTag(storedRevisionBytes(revision, size));
            if (revision.main() != 0) {
                coded.writeInt64(StoredRevision.MAIN_FIELD_NUMBER, revision.main());
            }
            if (revision.sub() != 0) {
                coded.writeInt64(StoredRevision.SUB_FIELD_NUMBER, revision.sub());
            }
            if (size != 0) {
                coded.writeByteArray(StoredRevision.KEY_VALUE_FIELD_NUMBER, values.value(), 0, size);
            }
        }
        coded.flush();
    }

    /** The encoded length of the {@link StoredRevision} of {@code revision} with a KeyValue of {@code valueBytes}. */
    private static int storedRevisionBytes(Revision revision, int valueBytes) {
        int bytes = 0;
        if (revision.main() != 0) {
            bytes += CodedOutputStream.computeInt64Size(StoredRevision.MAIN_FIELD_NUMBER, revision.main());
        }
        if (revision.sub() != 0) {
            bytes += CodedOutputStream.computeInt64Size(StoredRevision.SUB_FIELD_NUMBER, revision.sub());
        }
        if (valueBytes != 0) {
            bytes += CodedOutputStream.computeTagSize(StoredRevision.KEY_VALUE_FIELD_NUMBER)
                    + CodedOutputStream.computeUInt32SizeNoTag(valueBytes) + valueBytes;
        }
        return bytes;
    }

    /**
     * Decodes and checks a snapshot.
     *
     * @throws IllegalArgumentException naming what is wrong if the bytes are not a consistent snapshot
     */
    static Decoded decode(ByteString snapshot) {
        MvccSnapshot message;
        try {
            message = MvccSnapshot.parseFrom(snapshot);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("MVCC snapshot does not parse: " + e.getMessage(), e);
        }
        long current = message.getCurrentRevision();
        long compact = message.getCompactRevision();
        if (current < 1 || compact < -1 || compact > current) {
            throw new IllegalArgumentException("MVCC snapshot has current revision " + current
                    + " and compact revision " + compact + "; need current >= 1 and -1 <= compact <= current");
        }
        List<Entry> entries = new ArrayList<>(message.getRevisionsCount());
        Revision previous = new Revision(0, 0);
        for (StoredRevision stored : message.getRevisionsList()) {
            Revision revision = new Revision(stored.getMain(), stored.getSub());
            if (revision.main() < 1 || revision.sub() < 0 || revision.compareTo(previous) <= 0
                    || revision.main() > current) {
                throw new IllegalArgumentException("MVCC snapshot holds revision " + revision + " after " + previous
                        + " with current revision " + current + "; revisions must ascend from 1.0 up to it");
            }
            byte[] keyValue = stored.getKeyValue().toByteArray();
            try {
                entries.add(new Entry(revision, keyValue, StoredKey.parse(keyValue)));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalArgumentException("MVCC snapshot revision " + revision + " is not a KeyValue: "
                        + e.getMessage(), e);
            }
            previous = revision;
        }
        return new Decoded(current, compact, entries);
    }
}
