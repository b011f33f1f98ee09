package dev.berth.store.mvcc;

import static dev.berth.store.mvcc.Requests.delete;
import static dev.berth.store.mvcc.Requests.op;
import static dev.berth.store.mvcc.Requests.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.berth.store.etcd.mvccpb.KeyValue;
import dev.berth.store.etcd.pb.TxnRequest;
import dev.berth.store.mvcc.pb.MvccSnapshot;
import dev.berth.store.mvcc.pb.StoredRevision;
import dev.berth.store.server.SnapshotExport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot restored on another member (or over other state) gives the same store, hashes included. */
class MvccStoreSnapshotTest {

    @TempDir
    Path source;

    @TempDir
    Path target;

    private static void history(TestStore s) {
        s.put("a", "1");
        s.put(put("b", "2").toBuilder().setLease(5).build());
        s.delete(delete("a"));
        s.compact(3);
        s.txn(TxnRequest.newBuilder().addSuccess(op(put("a", "3"))).addSuccess(op(delete("b"))).build());
        s.put("c", "4");
        s.put("c", "5");
    }

    private static List<Object> observable(TestStore s) {
        List<Object> seen = new ArrayList<>();
        seen.add(s.store.currentRevision());
        seen.add(s.store.compactRevision());
        seen.add(s.store.hash());
        seen.add(s.store.snapshot());
        for (long rev = s.store.compactRevision(); rev <= s.store.currentRevision(); rev++) {
            seen.add(s.range(Requests.all().toBuilder().setRevision(rev).build()));
            if (rev > s.store.compactRevision()) {
                seen.add(s.store.hashKv(rev));
            }
        }
        return seen;
    }

    @Test
    void aRestoredSnapshotIsTheSameStore() throws IOException {
        try (TestStore from = TestStore.open(source); TestStore to = TestStore.open(target)) {
            history(from);
            to.put("unrelated", "state");
            to.put("more", "state");
            to.store.restore(from.index, from.store.snapshot());
            to.index = from.index;

            assertThat(to.store.consistentIndex()).isEqualTo(from.index);
            assertThat(observable(to)).isEqualTo(observable(from));

            assertThat(to.put("c", "6")).isEqualTo(from.put("c", "6"));
            assertThat(to.txn(TxnRequest.newBuilder().addSuccess(op(put("d", "7"))).build()))
                    .isEqualTo(from.txn(TxnRequest.newBuilder().addSuccess(op(put("d", "7"))).build()));
            assertThat(observable(to)).isEqualTo(observable(from));
        }
        try (TestStore reopened = TestStore.open(target)) {
            assertThat(reopened.store.recoveredIndex()).isEqualTo(9);
            assertThat(reopened.store.currentRevision()).isEqualTo(9);
        }
    }

    @Test
    void aSnapshotIsTheCanonicalEncodingOfEveryStoredRevision() throws IOException {
        try (TestStore s = TestStore.open(source)) {
            history(s);
            String large = "x".repeat(5000);
            s.put("large", large);
            s.put("small", "y");

            ByteString snapshot = s.store.snapshot();
            MvccSnapshot parsed = MvccSnapshot.parseFrom(snapshot);

            assertThat(parsed.toByteString()).as("framed by hand, encoded as protobuf would").isEqualTo(snapshot);
            assertThat(parsed.getRevisionsList()).extracting(StoredRevision::getSub).as("txn changes").contains(0L, 1L);
            assertThat(parsed.getRevisionsList()).extracting(r -> KeyValue.parseFrom(r.getKeyValue()).getValue().toStringUtf8())
                    .as("each value whole, before and after one larger than the reader's array").endsWith("5", large, "y");
        }
    }

    @Test
    void anExportEncodesWhatItCapturedWhileWritesAndCompactionsGoOn() throws IOException {
        try (TestStore s = TestStore.open(source); TestStore same = TestStore.open(target)) {
            history(s);
            history(same);
            ByteString atCapture = same.store.snapshot();
            try (SnapshotExport export = s.store.exportSnapshot()) {
                s.put("c", "6");
                s.compact(s.store.currentRevision());
                s.put("d", "7");
                long heldForTheExport = s.store.storedRevisionCount();
                ByteString.Output counted = ByteString.newOutput();
                export.writeTo(counted);
                assertThat(counted.toByteString()).as("streamed, as the member writes it to its file").isEqualTo(atCapture);
                assertThat(export.encode()).as("the same bytes again").isEqualTo(atCapture);
                assertThat(s.store.storedRevisionCount()).isEqualTo(heldForTheExport);
            }
            same.put("c", "6");
            same.compact(same.store.currentRevision());
            same.put("d", "7");
            assertThat(s.store.storedRevisionCount()).as("obsolete revisions removed once the export closed")
                    .isEqualTo(same.store.storedRevisionCount())
                    .isEqualTo(SnapshotCodec.decode(same.store.snapshot()).entries().size());
            assertThat(observable(s)).isEqualTo(observable(same));
        }
    }

    @Test
    void aStoreClosedWhileAnExportIsOpenSealsWithoutTheRevisionsCompactionRemoved() throws IOException {
        TestStore s = TestStore.open(source);
        history(s);
        long sealedIndex;
        try (SnapshotExport export = s.store.exportSnapshot()) {
            s.put("c", "6");
            s.compact(s.store.currentRevision());
            sealedIndex = s.index;
            s.close();
        }
        try (TestStore reopened = TestStore.open(source); TestStore same = TestStore.open(target)) {
            history(same);
            same.put("c", "6");
            same.compact(same.store.currentRevision());
            assertThat(reopened.store.recoveredIndex()).as("sealed, so recovered").isEqualTo(sealedIndex);
            assertThat(reopened.store.storedRevisionCount()).as("the removals the export deferred were done")
                    .isEqualTo(same.store.storedRevisionCount());
            assertThat(observable(reopened)).isEqualTo(observable(same));
        }
    }

    @Test
    void anEmptyStoreRoundTrips() throws IOException {
        try (TestStore from = TestStore.open(source); TestStore to = TestStore.open(target)) {
            to.put("a", "1");
            to.store.restore(4, from.store.snapshot());
            assertThat(observable(to)).isEqualTo(observable(from));
            assertThat(to.store.consistentIndex()).isEqualTo(4);
        }
    }

    @Test
    void aSnapshotThatDoesNotCheckOutIsRefusedAndChangesNothing() throws IOException {
        try (TestStore s = TestStore.open(source)) {
            history(s);
            List<Object> before = observable(s);
            ByteString good = s.store.snapshot();
            MvccSnapshot parsed = MvccSnapshot.parseFrom(good);
            MvccSnapshot outOfOrder = parsed.toBuilder().addRevisions(parsed.getRevisions(0)).build();
            MvccSnapshot notAKeyValue = parsed.toBuilder().addRevisions(StoredRevision.newBuilder().setMain(9)
                    .setKeyValue(ByteString.copyFromUtf8("\u00ff"))).setCurrentRevision(9).build();

            assertThatThrownBy(() -> s.store.restore(20, ByteString.copyFromUtf8("garbage")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MVCC snapshot does not parse");
            assertThatThrownBy(() -> s.store.restore(20, outOfOrder.toByteString()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("revisions must ascend");
            assertThatThrownBy(() -> s.store.restore(20, notAKeyValue.toByteString()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a KeyValue");
            assertThatThrownBy(() -> s.store.restore(20, parsed.toBuilder().setCompactRevision(99).build()
                    .toByteString())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("need current >= 1 and -1 <= compact <= current");
            assertThat(observable(s)).isEqualTo(before);
        }
    }
}
