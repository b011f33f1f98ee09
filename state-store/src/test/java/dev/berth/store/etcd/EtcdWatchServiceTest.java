package dev.berth.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.berth.store.LoopbackPorts;
import dev.berth.store.StoreServer;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.WatchCreateRequest;
import dev.berth.store.etcd.pb.WatchGrpcClient;
import dev.berth.store.etcd.pb.WatchRequest;
import dev.berth.store.etcd.pb.WatchResponse;
import dev.berth.store.mvcc.pb.InternalRequest;
import dev.berth.store.server.StoreNodeConfig;
import dev.berth.store.wal.WalOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.client.GrpcClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watch end to end: a single-member store server, watched by the real etcdctl 3.4 and by the generated client. */
class EtcdWatchServiceTest {

    private static final Path ETCDCTL = Path.of("/usr/bin/etcdctl");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private StoreServer server;

    @BeforeEach
    void start() throws IOException {
        URI peer = URI.create("http://127.0.0.1:" + LoopbackPorts.free());
        StoreNodeConfig node = new StoreNodeConfig("m1", dir.resolve("m1"), peer, peer, Map.of("m1", peer), true,
                "watch-test", Duration.ofMillis(20), 10, 10_000, Duration.ofSeconds(5), WalOptions.defaults());
        server = StoreServer.start(new StoreServer.Settings(node, URI.create("http://127.0.0.1:0"), List.of()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void etcdctlWatchPrintsHistoricalAndNewEvents() throws Exception {
        assertThat(Files.isExecutable(ETCDCTL))
                .as("%s is missing: apt-get install etcd-client (etcdctl 3.4; CI installs it)", ETCDCTL)
                .isTrue();
        put("foo", "one");
        put("foo", "two");
        ProcessBuilder builder = new ProcessBuilder(ETCDCTL.toString(), "--endpoints=127.0.0.1:" + server.clientPort(),
                "watch", "foo", "--rev=2").redirectErrorStream(true);
        builder.environment().put("ETCDCTL_API", "3");
        Process etcdctl = builder.start();
        StringBuffer output = new StringBuffer();
        Thread reader = new Thread(() -> copy(etcdctl.getInputStream(), output), "etcdctl-output");
        reader.setDaemon(true);
        reader.start();
        try {
            await(() -> output.toString().contains("PUT\nfoo\ntwo\n"), output);
            put("foo", "three");
            await(() -> output.toString().contains("PUT\nfoo\nthree\n"), output);
            assertThat(output.toString()).startsWith("PUT\nfoo\none\nPUT\nfoo\ntwo\nPUT\nfoo\nthree\n");
        } finally {
            etcdctl.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void generatedClientWatchesFromARevision() throws Exception {
        put("foo", "one");
        Vertx vertx = Vertx.vertx();
        try {
            WatchGrpcClient client = WatchGrpcClient.create(GrpcClient.client(vertx),
                    SocketAddress.inetSocketAddress(server.clientPort(), "127.0.0.1"));
            List<WatchResponse> responses = new CopyOnWriteArrayList<>();
            Promise<WriteStream<WatchRequest>> requests = Promise.promise();
            vertx.runOnContext(ignored -> client.watch(requests)
                    .onSuccess(stream -> stream.handler(responses::add)));
            WriteStream<WatchRequest> out = requests.future().toCompletionStage().toCompletableFuture()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            out.write(WatchRequest.newBuilder().setCreateRequest(WatchCreateRequest.newBuilder()
                    .setKey(bytes("foo")).setStartRevision(2).setPrevKv(true)).build());
            await(() -> responses.size() >= 2, responses);
            put("foo", "two");
            await(() -> responses.size() >= 3, responses);

            assertThat(responses.get(0).getCreated()).isTrue();
            assertThat(responses.get(1).getEvents(0).getKv().getValue().toStringUtf8()).isEqualTo("one");
            WatchResponse live = responses.get(2);
            assertThat(live.getHeader().getRevision()).isEqualTo(3);
            assertThat(live.getHeader().getMemberId()).isEqualTo(server.node().id());
            assertThat(live.getEvents(0).getKv().getValue().toStringUtf8()).isEqualTo("two");
            assertThat(live.getEvents(0).getPrevKv().getValue().toStringUtf8()).isEqualTo("one");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Proposes a put, retrying while the single member is still electing itself. */
    private void put(String key, String value) throws InterruptedException {
        ByteString command = InternalRequest.newBuilder()
                .setPut(PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes(value))).build().toByteString();
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int attempt = 0; attempt < 200 && System.nanoTime() < deadline; attempt++) {
            try {
                server.node().propose(command).get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("put " + key + " was not applied within " + WAIT);
    }

    private static void await(BooleanSupplier condition, Object shown) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("condition not met within %s; saw %s", WAIT, shown).isTrue();
    }

    private static void copy(InputStream in, StringBuffer into) {
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException processGone) {
            return;
        }
    }


    private static ByteString bytes(String s) {
        return ByteString.copyFromUtf8(s);
    }
}
