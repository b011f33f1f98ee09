package dev.berth.shim;

import static org.awaitility.Awaitility.await;

import dev.berth.shim.resource.ResourceCatalog;
import dev.berth.store.LoopbackPorts;
import dev.berth.store.StoreServer;
import dev.berth.store.client.InProcessStoreClient;
import dev.berth.store.raft.RoleKind;
import dev.berth.store.server.StoreNodeConfig;
import dev.berth.store.wal.WalOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

/** A single-member store (fast Raft timing, loopback only) with the shim in front of it, for one test class. */
final class ShimFixture implements AutoCloseable {
    final StoreServer store;
    final InProcessStoreClient client;
    private final ShimSettings settings;
    private final ShimExtensions extensions;
    ShimServer shim;

    private ShimFixture(StoreServer store, InProcessStoreClient client, ShimSettings settings, ShimExtensions extensions) {
        this.store = store;
        this.client = client;
        this.settings = settings;
        this.extensions = extensions;
        this.shim = startShim();
    }

    static ShimFixture start(Path dir, ShimSettings settings) throws IOException {
        return start(dir, settings, ShimExtensions.none());
    }

    static ShimFixture start(Path dir, ShimSettings settings, ShimExtensions extensions) throws IOException {
        URI peer = URI.create("http://127.0.0.1:" + LoopbackPorts.free());
        StoreNodeConfig node = new StoreNodeConfig("n1", dir.resolve("n1"), peer, peer, Map.of("n1", peer), true,
                "shim-test", Duration.ofMillis(20), 10, 10_000, Duration.ofSeconds(3), WalOptions.defaults());
        StoreServer store = StoreServer.start(new StoreServer.Settings(node, URI.create("http://127.0.0.1:0"), List.of()));
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> store.node().status().role() == RoleKind.LEADER);
            InProcessStoreClient client = InProcessStoreClient.of(store);
            return new ShimFixture(store, client, settings, extensions);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    static ShimFixture start(Path dir) throws IOException {
        return start(dir, ShimExtensions.none());
    }

    static ShimFixture start(Path dir, ShimExtensions extensions) throws IOException {
        return start(dir, ShimSettings.defaults(0).withBookmarkInterval(Duration.ofMillis(500)), extensions);
    }

    /** A shim over the same store with the same settings (on the same port, when the settings fix one). */
    ShimServer startShim() {
        return ShimServer.start(settings, client, ResourceCatalog.standard(), extensions);
    }

    /** Stops the shim, runs {@code whileDown} (the store keeps running), and starts the shim again on its port. */
    void restartShim(Executable whileDown) throws Throwable {
        shim.close();
        whileDown.execute();
        shim = startShim();
    }

    String url() {
        return "http://127.0.0.1:" + shim.port();
    }

    @Override
    public void close() {
        shim.close();
        client.close();
        store.close();
    }
}
