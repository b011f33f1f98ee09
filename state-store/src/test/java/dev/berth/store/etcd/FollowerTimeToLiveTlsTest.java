package dev.berth.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.store.LoopbackPorts;
import dev.berth.store.StoreServer;
import dev.berth.store.raft.RoleKind;
import dev.berth.store.server.StoreNodeConfig;
import dev.berth.store.tls.TestCertificates;
import dev.berth.store.tls.TlsSettings;
import dev.berth.store.wal.WalOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three members serving their client URLs over TLS with {@code --client-cert-auth}: etcdctl asks a follower for a
 * lease's time to live, which only the leader's lessor knows, so the follower forwards it to the leader's client URL
 * with its own certificate (as an etcd follower does). Without that certificate the leader refuses the call and the
 * follower answers "not leader".
 */
class FollowerTimeToLiveTlsTest {
    private static final Pattern GRANTED = Pattern.compile("lease ([0-9a-f]+) granted with TTL\\(60s\\)");

    @TempDir
    Path dir;
    private final List<StoreServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(StoreServer::close);
    }

    @Test
    void aFollowerForwardsTimeToLiveToTheLeaderOverMutualTls() throws Exception {
        TestCertificates ca = TestCertificates.authority(dir, "client-ca");
        Map<String, URI> peers = new LinkedHashMap<>();
        for (String name : List.of("m1", "m2", "m3")) {
            peers.put(name, URI.create("http://127.0.0.1:" + LoopbackPorts.free()));
        }
        for (String name : peers.keySet()) {
            TestCertificates.Issued cert = ca.issue(name);
            URI client = URI.create("https://127.0.0.1:" + LoopbackPorts.free());
            StoreNodeConfig node = new StoreNodeConfig(name, dir.resolve(name), peers.get(name), peers.get(name), peers,
                    true, "ttl-tls", Duration.ofMillis(20), 10, 10_000, Duration.ofSeconds(3), WalOptions.defaults());
            servers.add(StoreServer.start(new StoreServer.Settings(node, client, List.of(client.toString()),
                    new TlsSettings(TlsSettings.Kind.CLIENT, cert.cert(), cert.key(), ca.caFile(), true),
                    EtcdApiServer.DEFAULT_MAX_REQUEST_BYTES)));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> servers.stream()
                .anyMatch(s -> s.node().status().role() == RoleKind.LEADER));
        StoreServer follower = servers.stream().filter(s -> s.node().status().role() != RoleKind.LEADER)
                .findFirst().orElseThrow();
        TestCertificates.Issued user = ca.issue("user");
        Etcdctl etcdctl = new Etcdctl("https://127.0.0.1:" + follower.clientPort(), dir);
        String[] tls = {"--cacert=" + ca.caFile(), "--cert=" + user.cert(), "--key=" + user.key()};

        Matcher granted = GRANTED.matcher(etcdctl.run(with(tls, "lease", "grant", "60")));
        assertThat(granted.find()).isTrue();
        String id = granted.group(1);

        // The leader's client URL reaches the follower's member table once the leader has published it.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Etcdctl.Result ttl = etcdctl.runAllowingFailure(with(tls, "lease", "timetolive", id));
            assertThat(ttl.exitCode()).as("etcdctl lease timetolive on a follower: %s", ttl.stderr()).isZero();
            assertThat(ttl.stdout()).containsPattern("lease " + id + " granted with TTL\\(60s\\), remaining\\((5\\d|60)s\\)");
        });
    }

    private static String[] with(String[] tls, String... args) {
        String[] all = new String[tls.length + args.length];
        System.arraycopy(tls, 0, all, 0, tls.length);
        System.arraycopy(args, 0, all, tls.length, args.length);
        return all;
    }
}
