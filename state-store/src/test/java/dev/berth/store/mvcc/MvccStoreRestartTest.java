package dev.berth.store.mvcc;

import static dev.berth.store.mvcc.Requests.bytes;
import static dev.berth.store.mvcc.Requests.delete;
import static dev.berth.store.mvcc.Requests.get;
import static dev.berth.store.mvcc.Requests.op;
import static dev.berth.store.mvcc.Requests.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.store.etcd.pb.RangeResponse;
import dev.berth.store.etcd.pb.TxnRequest;
import dev.berth.store.mvcc.pb.InternalRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cleanly closed store reopens with its state and consistent index; anything else (a crash, a damaged or
 * truncated file) reopens empty with index 0, so that the member rebuilds it from Raft.
 */
class MvccStoreRestartTest {

    private static final String MARKER = "value-that-marks-its-bytes";

    @TempDir
    Path dir;

    @TempDir
    Path crashed;

    /** Writes, deletes, a txn and a compaction: revisions 2 to 7, compacted at 3. */
    private static void history(TestStore s) {
        s.put("a", "1");
        s.put("b", MARKER);
        s.compact(3);
        s.delete(delete("a"));
        s.txn(TxnRequest.newBuilder().addSuccess(op(put("c", "3"))).addSuccess(op(put("a", "4"))).build());
        s.put(put("d", "5").toBuilder().setLease(12).build());
        s.put("b", "6");
    }

    /** What a client could observe of the store. */
    private static List<Object> observable(TestStore s) {
        List<Object> seen = new ArrayList<>();
        seen.add(s.store.currentRevision());
        seen.add(s.store.compactRevision());
        seen.add(s.store.hash());
        for (long rev = s.store.compactRevision(); rev <= s.store.currentRevision(); rev++) {
            seen.add(s.range(Requests.all().toBuilder().setRevision(rev).build()));
            seen.add(s.store.hashKv(rev == s.store.compactRevision() ? 0 : rev));
        }
        return seen;
    }

    @Test
    void aCleanCloseIsRecoveredWithItsIndex() throws IOException {
        List<Object> before;
        long lastIndex;
        try (TestStore s = TestStore.open(dir)) {
            history(s);
            before = observable(s);
            lastIndex = s.index;
        }
        try (TestStore s = TestStore.open(dir)) {
            assertThat(s.store.recoveredIndex()).isEqualTo(lastIndex);
            assertThat(s.store.consistentIndex()).isEqualTo(lastIndex);
            assertThat(observable(s)).isEqualTo(before);
            assertThatThrownBy(() -> s.store.apply(lastIndex, InternalRequest.newBuilder().setPut(put("x", "y"))
                    .build().toByteString())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("at or below the consistent index " + lastIndex);
            assertThat(s.put("a", "again").getHeader().getRevision()).isEqualTo(8);
            assertThat(s.range(get("a")).getKvs(0).getVersion()).isEqualTo(2);
            assertThat(s.range(get("a")).getKvs(0).getCreateRevision()).isEqualTo(5);
        }
        try (TestStore s = TestStore.open(dir)) {
            assertThat(s.store.recoveredIndex()).isEqualTo(lastIndex + 1);
            assertThat(s.store.currentRevision()).isEqualTo(8);
        }
    }

    @Test
    void aStoreThatWasNeverClosedReopensEmpty() throws IOException {
        try (TestStore s = TestStore.open(dir)) {
            history(s);
            copyBackend(dir, crashed);
        }
        assertEmpty(crashed);
    }

    @Test
    void aCrashAfterACleanReopenIsNotTakenForACleanClose() throws IOException {
        try (TestStore s = TestStore.open(dir)) {
            history(s);
        }
        try (TestStore s = TestStore.open(dir)) {
            assertThat(s.store.recoveredIndex()).isPositive();
            copyBackend(dir, crashed);
        }
        assertEmpty(crashed);
    }

    @Test
    void aDamagedValueDiscardsTheBackend() throws IOException {
        try (TestStore s = TestStore.open(dir)) {
            history(s);
        }
        Path file = dir.resolve(RevisionBackend.FILE_NAME);
        byte[] content = Files.readAllBytes(file);
        int at = indexOf(content, MARKER.getBytes(StandardCharsets.UTF_8));
        assertThat(at).isNotNegative();
        content[at + 3] ^= 0x20;
        Files.write(file, content);
        assertEmpty(dir);
    }

    @Test
    void aTruncatedFileDiscardsTheBackend() throws IOException {
        try (TestStore s = TestStore.open(dir)) {
            history(s);
        }
        Path file = dir.resolve(RevisionBackend.FILE_NAME);
        byte[] content = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(content, 100));
        assertEmpty(dir);
    }

    @Test
    void aDirectoryServesOneStoreAtATime() throws IOException {
        try (TestStore s = TestStore.open(dir)) {
            assertThatThrownBy(() -> TestStore.open(dir)).isInstanceOf(IOException.class)
                    .hasMessageContaining("MVCC directory " + dir + " is in use");
        }
    }

    @Test
    void aClosedStoreRefusesRequests() throws IOException {
        TestStore s = TestStore.open(dir);
        s.close();
        s.close();
        assertThatThrownBy(() -> s.range(get("a"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void aStoreThatFailedIsNotSealed() throws IOException {
        MvccOptions tiny = new MvccOptions(1, 1024, 1024);
        long index = 0;
        try (MvccStore store = MvccStore.open(dir, tiny)) {
            com.google.protobuf.ByteString value = com.google.protobuf.ByteString.copyFrom(new byte[900]);
            assertThatThrownBy(() -> {
                for (long i = 1; i <= 1_000_000; i++) {
                    store.apply(i, InternalRequest.newBuilder().setPut(dev.berth.store.etcd.pb.PutRequest.newBuilder()
                            .setKey(bytes("k" + i)).setValue(value)).build().toByteString());
                }
            }).isInstanceOf(IllegalStateException.class).hasMessageContaining("failed applying index");
            index = store.consistentIndex();
            assertThatThrownBy(() -> store.range(get("k1"))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("has failed; restart the member or restore a snapshot");
        }
        assertThat(index).isLessThan(1_000_000);
        try (MvccStore reopened = MvccStore.open(dir, tiny)) {
            assertThat(reopened.recoveredIndex()).isZero();
        }
    }

    @Test
    void optionsWhoseLayoutCannotHoldTheLargestKeyValueAreRefused() {
        assertThatThrownBy(() -> MvccStore.open(dir, new MvccOptions(16, 8, 8 << 20)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no room for a KeyValue of maxKeyValueBytes");
    }

    private static void assertEmpty(Path dir) throws IOException {
        try (TestStore s = TestStore.open(dir)) {
            assertThat(s.store.recoveredIndex()).isZero();
            assertThat(s.store.currentRevision()).isEqualTo(1);
            assertThat(s.store.compactRevision()).isEqualTo(-1);
            RangeResponse all = s.range(Requests.all());
            assertThat(all.getKvsList()).isEmpty();
            assertThat(SnapshotCodec.decode(s.store.snapshot()).entries()).isEmpty();
            assertThat(s.put("a", "1").getHeader().getRevision()).isEqualTo(2);
        }
    }

    private static void copyBackend(Path from, Path to) throws IOException {
        Files.copy(from.resolve(RevisionBackend.FILE_NAME), to.resolve(RevisionBackend.FILE_NAME));
    }

    private static int indexOf(byte[] content, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= content.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (content[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
