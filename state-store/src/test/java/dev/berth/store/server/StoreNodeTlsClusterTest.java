package dev.berth.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.berth.store.LoopbackPorts;
import dev.berth.store.raft.RoleKind;
import dev.berth.store.tls.TestCertificates;
import dev.berth.store.tls.TlsSettings;
import dev.berth.store.wal.WalOptions;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three members with https:// peer URLs and --peer-client-cert-auth, and one whose certificate no one trusts. */
class StoreNodeTlsClusterTest {
    @TempDir
    Path dir;
    private Vertx vertx;
    private TestCertificates ca;
    private final Map<String, URI> cluster = new LinkedHashMap<>();
    private final Map<String, StoreNode> nodes = new LinkedHashMap<>();
    private final Map<String, MapStateMachine> machines = new LinkedHashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        ca = TestCertificates.authority(dir, "peer-ca");
        for (String name : List.of("n1", "n2", "n3")) {
            cluster.put(name, URI.create("https://127.0.0.1:" + LoopbackPorts.free()));
        }
    }

    @AfterEach
    void tearDown() {
        nodes.values().forEach(StoreNode::close);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private void start(String name, TestCertificates authority) throws Exception {
        TestCertificates.Issued cert = authority.issue(name);
        StoreNodeConfig config = new StoreNodeConfig(name, dir.resolve(name), cluster.get(name), cluster.get(name), cluster, true,
                "tls", Duration.ofMillis(50), 10, 10_000, Duration.ofSeconds(2), WalOptions.defaults(),
                new TlsSettings(TlsSettings.Kind.PEER, cert.cert(), cert.key(), authority.caFile(), true));
        MapStateMachine machine = new MapStateMachine();
        machines.put(name, machine);
        nodes.put(name, StoreNode.start(config, machine, vertx));
    }

    private StoreNode awaitLeader() {
        await().atMost(Duration.ofSeconds(15)).until(() -> nodes.values().stream().anyMatch(n -> n.status().role() == RoleKind.LEADER));
        return nodes.values().stream().filter(n -> n.status().role() == RoleKind.LEADER).findFirst().orElseThrow();
    }

    @Test
    void membersWithCertificatesFromTheTrustedCaElectALeaderAndReplicate() throws Exception {
        for (String name : cluster.keySet()) {
            start(name, ca);
        }

        awaitLeader().propose(MapStateMachine.put("k", "v")).get(10, TimeUnit.SECONDS);

        for (String name : cluster.keySet()) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(machines.get(name).values).containsEntry("k", "v"));
        }
    }

    @Test
    void aMemberWithACertificateFromAnotherCaNeverJoinsAQuorum() throws Exception {
        start("n1", ca);
        start("n2", ca);
        start("n3", TestCertificates.authority(dir, "other-ca"));

        awaitLeader().propose(MapStateMachine.put("k", "v")).get(10, TimeUnit.SECONDS);
        StoreNode leader = awaitLeader();
        assertThat(leader.name()).isNotEqualTo("n3");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(machines.get("n3").values).as("n3 got no entry from the leader").doesNotContainKey("k");
            assertThat(nodes.get("n3").status().leader()).as("n3 never heard from a leader").isZero();
        });

        // With the other trusted member gone, the leader and the untrusted n3 are no quorum: nothing commits.
        nodes.remove(leader.name().equals("n1") ? "n2" : "n1").close();
        assertThatThrownBy(() -> leader.propose(MapStateMachine.put("k2", "v2")).get(5, TimeUnit.SECONDS))
                .isInstanceOfAny(ExecutionException.class, TimeoutException.class);
        assertThat(machines.get(leader.name()).values).doesNotContainKey("k2");
    }
}
