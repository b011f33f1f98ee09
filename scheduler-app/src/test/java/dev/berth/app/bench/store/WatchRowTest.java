package dev.berth.app.bench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.store.LoopbackPorts;
import dev.berth.store.StoreServer;
import dev.berth.store.raft.RoleKind;
import dev.berth.store.server.StoreNodeConfig;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch row against an in-process one-member Berth store, with the client the benchmark uses. */
class WatchRowTest {
    @TempDir
    Path dir;

    private StoreServer server;
    private Vertx vertx;

    @BeforeEach
    void start() throws IOException {
        URI peer = URI.create("http://127.0.0.1:" + LoopbackPorts.free());
        server = StoreServer.start(new StoreServer.Settings(StoreNodeConfig.of("m1", dir.resolve("m1"), peer, Map.of("m1", peer)),
                URI.create("http://127.0.0.1:0"), List.of()));
        // The row's puts are not retried: a put before the member has elected itself would fail the row.
        await().atMost(Duration.ofSeconds(15)).until(() -> server.node().status().role() == RoleKind.LEADER);
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        server.close();
    }

    /**
     * A watch response may be larger than a gRPC client's default message limit (Vert.x: 256 KiB): a watcher that
     * catches up gets up to 1,000 revisions in one response, as from etcd. etcd's own client accepts up to 2 GiB; the
     * benchmark's client must too, or a stream dies on its first large response and its events go missing.
     */
    @Test
    void everyWatcherGetsEveryEventEvenInResponsesOverTheGrpcDefaultLimit() throws Exception {
        Endpoints endpoints = new Endpoints(BenchClient.create(vertx),
                List.of(SocketAddress.inetSocketAddress(server.clientPort(), "127.0.0.1")), 0);
        Workload workload = new Workload(2, 3, 3, 8, 300_000, 3, 50, Duration.ofSeconds(30));

        Measurement measured = new WatchRow().measure(endpoints, workload);

        assertThat(measured.requestsPerSecond()).isPositive();
    }
}
