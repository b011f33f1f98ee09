package dev.berth.store.client;

import static org.awaitility.Awaitility.await;

import dev.berth.store.LoopbackPorts;
import dev.berth.store.StoreServer;
import dev.berth.store.raft.RoleKind;
import dev.berth.store.server.StoreNodeConfig;
import dev.berth.store.wal.WalOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Store members for client tests: fast Raft timing (20 ms ticks, 200 ms election timeout), loopback only. */
final class TestMembers {
    static final Duration LEADER_WAIT = Duration.ofSeconds(15);

    private TestMembers() {
    }

    /**
     * Starts one member per name as one cluster, with data under {@code dir}; the etcd API on a free port, which each
     * member publishes as its client URL.
     */
    static List<StoreServer> start(Path dir, List<String> names) throws IOException {
        Map<String, URI> cluster = new LinkedHashMap<>();
        for (String name : names) {
            cluster.put(name, URI.create("http://127.0.0.1:" + LoopbackPorts.free()));
        }
        List<StoreServer> servers = new ArrayList<>();
        try {
            for (String name : names) {
                StoreNodeConfig node = new StoreNodeConfig(name, dir.resolve(name), cluster.get(name), cluster.get(name),
                        cluster, true, "client-test", Duration.ofMillis(20), 10, 10_000, Duration.ofSeconds(3),
                        WalOptions.defaults());
                String clientUrl = "http://127.0.0.1:" + LoopbackPorts.free();
                servers.add(StoreServer.start(new StoreServer.Settings(node, URI.create(clientUrl), List.of(clientUrl))));
            }
        } catch (IOException | RuntimeException e) {
            servers.forEach(StoreServer::close);
            throw e;
        }
        return servers;
    }

    /** The running member that leads, once one does. */
    static StoreServer awaitLeader(List<StoreServer> servers) {
        await().atMost(LEADER_WAIT).until(() -> leader(servers) != null);
        return leader(servers);
    }

    private static StoreServer leader(List<StoreServer> servers) {
        return servers.stream().filter(s -> s.node().isRunning() && s.node().status().role() == RoleKind.LEADER)
                .findFirst().orElse(null);
    }

    static Endpoint endpoint(StoreServer server) {
        return new Endpoint("127.0.0.1", server.clientPort());
    }
}
