package dev.berth.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.store.LoopbackPorts;
import dev.berth.store.StoreServer;
import dev.berth.store.raft.RoleKind;
import dev.berth.store.server.StoreNodeConfig;
import dev.berth.store.tls.TestCertificates;
import dev.berth.store.tls.TlsSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** etcdctl 3.4 against a store member serving its client URL over TLS, with and without client certificates. */
class EtcdctlTlsTest {
    @TempDir
    Path dir;
    private TestCertificates ca;
    private TestCertificates.Issued serverCert;
    private StoreServer server;
    private Etcdctl etcdctl;

    @BeforeEach
    void certificates() throws Exception {
        ca = TestCertificates.authority(dir, "client-ca");
        serverCert = ca.issue("server");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(boolean clientCertAuth) throws Exception {
        URI peer = URI.create("http://127.0.0.1:" + LoopbackPorts.free());
        URI client = URI.create("https://127.0.0.1:" + LoopbackPorts.free());
        StoreNodeConfig config = StoreNodeConfig.of("s1", dir.resolve("s1"), peer, Map.of("s1", peer));
        TlsSettings tls = new TlsSettings(TlsSettings.Kind.CLIENT, serverCert.cert(), serverCert.key(), ca.caFile(), clientCertAuth);
        server = StoreServer.start(new StoreServer.Settings(config, client, List.of(client.toString()), tls,
                EtcdApiServer.DEFAULT_MAX_REQUEST_BYTES));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.node().status().role() == RoleKind.LEADER);
        etcdctl = new Etcdctl("https://127.0.0.1:" + server.clientPort(), dir);
    }

    /** Runs etcdctl with short timeouts (a refused TLS handshake looks like a dial timeout) and requires it to fail. */
    private void refused(String... args) throws Exception {
        String[] withTimeouts = Stream.concat(Stream.of("--dial-timeout=2s", "--command-timeout=3s"), Stream.of(args))
                .toArray(String[]::new);
        Etcdctl.Result result = etcdctl.runAllowingFailure(withTimeouts);
        assertThat(result.exitCode()).as("etcdctl %s must fail", String.join(" ", args)).isNotZero();
    }

    @Test
    void etcdctlTrustingTheCaPutsAndGetsAndOneThatDoesNotIsRefused() throws Exception {
        start(false);

        assertThat(etcdctl.run("--cacert=" + ca.caFile(), "put", "foo", "bar")).isEqualTo("OK\n");
        assertThat(etcdctl.run("--cacert=" + ca.caFile(), "get", "foo")).isEqualTo("foo\nbar\n");

        // Without --cacert etcdctl 3.4 speaks plain HTTP/2 unless told --insecure-transport=false; either way it fails.
        // It hides the x509 error behind a dial timeout, so skipping verification shows the certificate was the reason.
        refused("--insecure-transport=false", "get", "foo");
        assertThat(etcdctl.run("--insecure-transport=false", "--insecure-skip-tls-verify", "get", "foo", "--print-value-only"))
                .isEqualTo("bar\n");
        refused("get", "foo");
    }

    @Test
    void withClientCertAuthOnlyAClientCertificateFromTheTrustedCaGetsIn() throws Exception {
        start(true);
        TestCertificates.Issued client = ca.issue("client");
        TestCertificates.Issued stranger = TestCertificates.authority(dir, "other-ca").issue("stranger");

        refused("--cacert=" + ca.caFile(), "put", "foo", "bar");
        refused("--cacert=" + ca.caFile(), "--cert=" + stranger.cert(), "--key=" + stranger.key(), "put", "foo", "bar");
        assertThat(server.store().currentRevision()).as("no write got through").isEqualTo(1);

        assertThat(etcdctl.run("--cacert=" + ca.caFile(), "--cert=" + client.cert(), "--key=" + client.key(),
                "put", "foo", "bar")).isEqualTo("OK\n");
        assertThat(etcdctl.run("--cacert=" + ca.caFile(), "--cert=" + client.cert(), "--key=" + client.key(),
                "get", "foo", "--print-value-only")).isEqualTo("bar\n");
    }
}
