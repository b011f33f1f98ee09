package dev.berth.store.mvcc;

import static dev.berth.store.mvcc.Requests.bytes;
import static dev.berth.store.mvcc.Requests.delete;
import static dev.berth.store.mvcc.Requests.op;
import static dev.berth.store.mvcc.Requests.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.store.LoopbackPorts;
import dev.berth.store.StoreServer;
import dev.berth.store.client.InProcessStoreClient;
import dev.berth.store.etcd.mvccpb.KeyValue;
import dev.berth.store.etcd.pb.CompactionRequest;
import dev.berth.store.etcd.pb.LeaseGrantRequest;
import dev.berth.store.etcd.pb.LeaseRevokeRequest;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.RangeRequest;
import dev.berth.store.etcd.pb.TxnRequest;
import dev.berth.store.raft.RoleKind;
import dev.berth.store.server.StoreNodeConfig;
import dev.berth.store.wal.WalOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-member store writes a history that spans snapshots (puts, overwrites, deletes, a txn, a lease and its
 * revoke, a compaction) and closes cleanly; its sealed backend must equal a replay of its snapshot and WAL, and the
 * check must notice one changed value, one revision too many, and a backend no clean close sealed.
 */
class ReplayCheckTest {
    private static final MvccOptions OPTIONS = MvccOptions.defaults();
    private static final int KEYS = 40;

    @TempDir
    Path dir;
    private Path dataDir;
    private long lastRevision;

    @BeforeEach
    void writeHistoryAndCloseCleanly() throws Exception {
        dataDir = dir.resolve("m1");
        URI peer = URI.create("http://127.0.0.1:" + LoopbackPorts.free());
        StoreNodeConfig node = new StoreNodeConfig("m1", dataDir, peer, peer, Map.of("m1", peer), true, "replay-check",
                Duration.ofMillis(20), 10, 25, Duration.ofSeconds(3), WalOptions.defaults());
        try (StoreServer server = StoreServer.start(new StoreServer.Settings(node, URI.create("http://127.0.0.1:0"), List.of()));
                InProcessStoreClient client = InProcessStoreClient.of(server)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> server.node().status().role() == RoleKind.LEADER);
            for (int round = 0; round < 3; round++) {
                for (int k = 0; k < KEYS; k++) {
                    result(client.put(put("key-" + k, "value-" + round + "-" + k)));
                }
            }
            result(client.deleteRange(delete("key-1", "key-2")));
            result(client.txn(TxnRequest.newBuilder().addSuccess(op(put("txn-a", "1"))).addSuccess(op(delete("key-3")))
                    .build()));
            long lease = result(client.leaseGrant(LeaseGrantRequest.newBuilder().setTTL(60).build())).getID();
            result(client.put(PutRequest.newBuilder().setKey(bytes("leased")).setValue(bytes("v")).setLease(lease).build()));
            result(client.leaseRevoke(LeaseRevokeRequest.newBuilder().setID(lease).build()));
            long middle = result(client.range(RangeRequest.newBuilder().setKey(bytes("key-0")).build())).getHeader().getRevision();
            result(client.compact(CompactionRequest.newBuilder().setRevision(middle - 20).build()));
            lastRevision = result(client.put(put("last", "write"))).getHeader().getRevision();
        }
        try (var snapshots = Files.list(dataDir.resolve("member").resolve("snap"))) {
            assertThat(snapshots.toList()).as("the history spans snapshots, so the replay starts from one").isNotEmpty();
        }
    }

    @Test
    void cleanlyClosedBackendEqualsTheReplayAndStaysSealed() throws IOException {
        ReplayCheck.Result result = ReplayCheck.check(dataDir, OPTIONS);

        assertThat(result).isInstanceOf(ReplayCheck.Equal.class);
        ReplayCheck.Equal equal = (ReplayCheck.Equal) result;
        assertThat(equal.currentRevision()).isEqualTo(lastRevision);
        assertThat(equal.revisions()).as("compaction kept the newest revision of each key and everything after").isPositive();
        try (MvccStore reopened = MvccStore.open(dataDir.resolve("member").resolve("mvcc"), OPTIONS)) {
            assertThat(reopened.recoveredIndex()).as("the check put the seal back").isEqualTo(equal.consistentIndex());
        }
    }

    @Test
    void oneChangedValueIsADifference() throws IOException {
        Revision changed = resealAfter(backend -> {
            Revision last = lastStored(backend);
            KeyValue original = KeyValue.parseFrom(backend.get(last));
            backend.remove(last);
            backend.put(last, original.toBuilder().setValue(bytes("not what was written")).build().toByteArray());
            return last;
        });

        ReplayCheck.Result result = ReplayCheck.check(dataDir, OPTIONS);

        assertThat(result).isInstanceOf(ReplayCheck.Differs.class);
        ReplayCheck.Differs differs = (ReplayCheck.Differs) result;
        assertThat(differs.count()).isEqualTo(1);
        assertThat(differs.first()).singleElement().asString().contains("revision " + changed, "other bytes");
    }

    @Test
    void aRevisionTheLogNeverWroteIsADifference() throws IOException {
        resealAfter(backend -> {
            Revision extra = new Revision(lastRevision, 7);
            backend.put(extra, KeyValue.newBuilder().setKey(bytes("ghost")).setModRevision(lastRevision).setVersion(1)
                    .build().toByteArray());
            return extra;
        });

        ReplayCheck.Result result = ReplayCheck.check(dataDir, OPTIONS);

        assertThat(result).isInstanceOf(ReplayCheck.Differs.class);
        assertThat(((ReplayCheck.Differs) result).first()).singleElement().asString().contains("1 revision(s) in the backend");
    }

    @Test
    void backendWithoutASealIsNotCompared() throws IOException {
        try (RevisionBackend backend = RevisionBackend.open(dataDir.resolve("member").resolve("mvcc"), OPTIONS)) {
            assertThat(backend.takeSeal()).as("a crash leaves no seal; take it as a crash would").isPresent();
        }

        ReplayCheck.Result result = ReplayCheck.check(dataDir, OPTIONS);

        assertThat(result).isInstanceOf(ReplayCheck.NotSealed.class);
        assertThat(((ReplayCheck.NotSealed) result).reason()).contains("no seal");
    }

    /** A change to the backend behind the store's back, sealed again so that it passes the seal's own check. */
    @FunctionalInterface
    private interface Tamper {
        Revision apply(RevisionBackend backend) throws IOException;
    }

    private Revision resealAfter(Tamper tamper) throws IOException {
        try (RevisionBackend backend = RevisionBackend.open(dataDir.resolve("member").resolve("mvcc"), OPTIONS)) {
            BackendSeal seal = ((BackendRecovery.Verified) BackendRecovery.check(backend)).seal();
            Revision touched = tamper.apply(backend);
            backend.seal(new BackendSeal(seal.consistentIndex(), seal.currentRevision(), seal.compactRevision(),
                    backend.checksum()));
            return touched;
        }
    }

    private static Revision lastStored(RevisionBackend backend) {
        Revision[] last = {new Revision(0, 0)};
        backend.scan((key, value) -> {
            Revision r = Revision.fromBytes(key);
            if (r.compareTo(last[0]) > 0) {
                last[0] = r;
            }
        });
        return last[0];
    }

    private static <T> T result(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
