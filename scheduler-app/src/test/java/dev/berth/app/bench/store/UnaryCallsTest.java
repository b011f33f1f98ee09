package dev.berth.app.bench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.berth.store.LoopbackPorts;
import dev.berth.store.StoreServer;
import dev.berth.store.etcd.pb.KVGrpcClient;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.RangeRequest;
import dev.berth.store.etcd.pb.RangeResponse;
import dev.berth.store.raft.RoleKind;
import dev.berth.store.server.StoreNodeConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's unary calls against an in-process Berth member, and on the wire against a bare HTTP/2 server. */
class UnaryCallsTest {
    @TempDir
    Path dir;

    private Vertx vertx;
    private UnaryCalls unary;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        unary = new UnaryCalls(UnaryCalls.http2Client(vertx));
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void putsAndReadsBackAndReportsTheServersError() throws Exception {
        try (StoreServer server = member()) {
            SocketAddress address = SocketAddress.inetSocketAddress(server.clientPort(), "127.0.0.1");
            ByteString key = ByteString.copyFromUtf8("k");

            result(unary.call(address, KVGrpcClient.Put, PutRequest.newBuilder().setKey(key)
                    .setValue(ByteString.copyFromUtf8("v")).build()));
            RangeResponse read = result(unary.call(address, KVGrpcClient.Range, RangeRequest.newBuilder().setKey(key).build()));

            assertThat(read.getKvs(0).getValue().toStringUtf8()).isEqualTo("v");
            assertThatThrownBy(() -> result(unary.call(address, KVGrpcClient.Range, RangeRequest.newBuilder().setKey(key)
                    .setRevision(1_000_000).build())))
                    .hasMessageContaining("/etcdserverpb.KV/Range: gRPC status 11: etcdserver: mvcc: required revision is a future revision");
        }
    }

    /**
     * The request's message ends the stream: a server that has answered never waits for a last empty frame, so
     * grpc-go has no stream to reset (see {@link UnaryCalls}).
     */
    @Test
    void theMessageAndTheEndOfTheRequestTravelInOneFrame() throws Exception {
        List<String> dataFrames = new CopyOnWriteArrayList<>();
        try (AnsweringHttp2Server server = new AnsweringHttp2Server(dataFrames)) {
            result(unary.call(server.address(), KVGrpcClient.Put, PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("k")).build()));

            assertThat(dataFrames).containsExactly("8 bytes, end of stream");
        }
    }

    /**
     * Calls made from a thread outside Vert.x, each answered in one flush (headers, message and trailers arrive
     * together), 64 in flight as the bench keeps them: every one completes. A response handler attached one step
     * too late misses the end of such an answer, and its call never completes.
     */
    @Test
    void everyCallCompletesWhenTheWholeAnswerArrivesAtOnce() throws Exception {
        int calls = 20_000;
        try (AnsweringHttp2Server server = new AnsweringHttp2Server(new CopyOnWriteArrayList<>())) {
            Semaphore inFlight = new Semaphore(64);
            CountDownLatch completed = new CountDownLatch(calls);
            PutRequest put = PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("k")).build();
            for (int i = 0; i < calls; i++) {
                assertThat(inFlight.tryAcquire(10, TimeUnit.SECONDS)).as("a slot free within 10 s, call %d", i).isTrue();
                unary.call(server.address(), KVGrpcClient.Put, put).onComplete(answered -> {
                    completed.countDown();
                    inFlight.release();
                });
            }

            assertThat(completed.await(30, TimeUnit.SECONDS)).as("%d of %d calls still open", completed.getCount(), calls).isTrue();
        }
    }

    private StoreServer member() throws IOException {
        URI peer = URI.create("http://127.0.0.1:" + LoopbackPorts.free());
        StoreServer server = StoreServer.start(new StoreServer.Settings(StoreNodeConfig.of("m1", dir.resolve("m1"), peer,
                Map.of("m1", peer)), URI.create("http://127.0.0.1:0"), List.of()));
        await().atMost(Duration.ofSeconds(15)).until(() -> server.node().status().role() == RoleKind.LEADER);
        return server;
    }

    private static <T> T result(Future<T> future) throws InterruptedException, ExecutionException, TimeoutException {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
