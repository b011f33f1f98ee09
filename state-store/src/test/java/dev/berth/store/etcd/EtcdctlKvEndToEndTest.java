package dev.berth.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.berth.store.LoopbackPorts;
import dev.berth.store.StoreServer;
import dev.berth.store.mvcc.MvccStore;
import dev.berth.store.mvcc.RequestChecks;
import dev.berth.store.raft.RoleKind;
import dev.berth.store.server.StoreNodeConfig;
import dev.berth.store.wal.WalOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real etcdctl 3.4 against a one-member Berth store: KV, txn, compaction, members and status. */
class EtcdctlKvEndToEndTest {
    @TempDir
    Path dir;
    private StoreServer server;
    private Etcdctl etcdctl;

    @BeforeEach
    void start() throws IOException {
        URI peer = URI.create("http://127.0.0.1:" + LoopbackPorts.free());
        URI client = URI.create("http://127.0.0.1:" + LoopbackPorts.free());
        StoreNodeConfig config = new StoreNodeConfig("s1", dir.resolve("s1"), peer, peer, Map.of("s1", peer), true, "e2e",
                Duration.ofMillis(20), 10, 10_000, Duration.ofSeconds(5), WalOptions.defaults());
        server = StoreServer.start(new StoreServer.Settings(config, client, List.of(client.toString())));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.node().status().role() == RoleKind.LEADER);
        etcdctl = new Etcdctl("127.0.0.1:" + server.clientPort(), dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void putGetPrefixRevisionDeleteAndCompaction() throws Exception {
        assertThat(etcdctl.run("put", "foo", "bar")).isEqualTo("OK\n");
        long firstRevision = server.store().currentRevision();
        assertThat(etcdctl.run("put", "foo2", "baz")).isEqualTo("OK\n");
        assertThat(etcdctl.run("put", "foo", "bar2")).isEqualTo("OK\n");

        assertThat(etcdctl.run("get", "--prefix", "foo")).isEqualTo("foo\nbar2\nfoo2\nbaz\n");
        assertThat(etcdctl.run("get", "foo", "--rev=" + firstRevision)).isEqualTo("foo\nbar\n");
        assertThat(etcdctl.run("get", "--prefix", "foo", "--keys-only", "--limit=1")).isEqualTo("foo\n\n");
        assertThat(etcdctl.run("del", "foo")).isEqualTo("1\n");
        assertThat(etcdctl.run("get", "foo")).isEmpty();

        long compactTo = server.store().currentRevision();
        assertThat(etcdctl.run("compaction", String.valueOf(compactTo))).isEqualTo("compacted revision " + compactTo + "\n");
        Etcdctl.Result compacted = etcdctl.runAllowingFailure("get", "foo", "--rev=" + firstRevision);
        assertThat(compacted.exitCode()).isNotZero();
        assertThat(compacted.stderr()).contains("required revision has been compacted");
    }

    @Test
    void txnTakesTheBranchItsComparesChoose() throws Exception {
        etcdctl.run("put", "user", "alice");
        String ops = "value(\"user\") = \"alice\"\n\nput result yes\n\nput result no\n\n";

        assertThat(etcdctl.runWithInput(ops, "txn").stdout()).isEqualTo("SUCCESS\n\nOK\n");
        assertThat(etcdctl.run("get", "result", "--print-value-only")).isEqualTo("yes\n");

        etcdctl.run("put", "user", "bob");
        assertThat(etcdctl.runWithInput(ops, "txn").stdout()).isEqualTo("FAILURE\n\nOK\n");
        assertThat(etcdctl.run("get", "result", "--print-value-only")).isEqualTo("no\n");
    }

    @Test
    void txnOverEtcdsDefaultOpLimitIsRefused() throws Exception {
        String puts = IntStream.rangeClosed(1, RequestChecks.DEFAULT_MAX_TXN_OPS + 1)
                .mapToObj(i -> "put key" + i + " v\n").collect(Collectors.joining());

        Etcdctl.Result refused = etcdctl.runWithInput("\n" + puts + "\n\n", "txn");

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("etcdserver: too many operations in txn request");
        assertThat(etcdctl.run("get", "key1")).as("nothing of the refused txn was applied").isEmpty();
    }

    @Test
    void memberListAndEndpointStatus() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> !server.node().members().get(0).getClientUrlsList().isEmpty());

        assertThat(etcdctl.run("member", "list")).contains("s1", "started", "http://127.0.0.1:" + server.clientPort());
        assertThat(etcdctl.run("endpoint", "status")).contains("3.4.23", "true");
        Etcdctl.Result health = etcdctl.runAllowingFailure("endpoint", "health");
        assertThat(health.exitCode()).isZero();
        assertThat(health.stdout() + health.stderr()).contains("is healthy");
    }

    @Test
    void maintenanceHashesDefragAlarmsAndSnapshot() throws Exception {
        etcdctl.run("put", "a", "1");
        etcdctl.run("put", "b", "2");

        assertThat(etcdctl.run("endpoint", "hashkv", "-w", "json")).contains("\"hash\":" + store().hashKv(0).getHash());
        assertThat(etcdctl.run("defrag")).contains("Finished defragmenting etcd member");
        assertThat(etcdctl.run("alarm", "list")).isEmpty();

        Path saved = dir.resolve("backup.db");
        assertThat(etcdctl.run("snapshot", "save", saved.toString())).contains("Snapshot saved at " + saved);
        byte[] bytes = Files.readAllBytes(saved);
        byte[] body = Arrays.copyOf(bytes, bytes.length - 32);
        assertThat(body.length % 512).isZero();
        assertThat(Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length))
                .as("the stream ends with the SHA-256 of everything before it, as etcd's does")
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(body));
        int length = (int) ByteBuffer.wrap(body).getLong();
        assertThat(ByteString.copyFrom(body, Long.BYTES, length)).isEqualTo(store().snapshot());
    }

    private MvccStore store() {
        return server.store();
    }

    @Test
    void badRequestsGetEtcdsErrors() throws Exception {
        Etcdctl.Result future = etcdctl.runAllowingFailure("get", "foo", "--rev=1000");
        assertThat(future.exitCode()).isNotZero();
        assertThat(future.stderr()).contains("required revision is a future revision");
    }

}
