package dev.berth.store.transport;

import static dev.berth.store.transport.TestNode.LOOPBACK;
import static dev.berth.store.transport.TestNode.join;
import static dev.berth.store.transport.TestNode.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.store.tls.TestCertificates;
import dev.berth.store.tls.TlsSettings;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport over TLS with --peer-client-cert-auth: a sender that trusts the receiver's CA gets its messages in
 * only with a client certificate from the CA the receiver trusts. (In a cluster the receiver would not trust the
 * stranger's server certificate either; here only the receiving side's check is in play.)
 */
class PeerTransportTlsTest {
    @TempDir
    Path dir;
    private Vertx vertx;
    private TestCertificates ca;
    private final List<TestNode> nodes = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        ca = TestCertificates.authority(dir, "peer-ca");
    }

    @AfterEach
    void tearDown() {
        nodes.forEach(TestNode::close);
        join(vertx.close());
    }

    private TestNode start(long id, TestCertificates.Issued cert, boolean listenTls) {
        TlsSettings tls = new TlsSettings(TlsSettings.Kind.PEER, cert.cert(), cert.key(), ca.caFile(), true);
        TestNode node = TestNode.start(vertx, id, options(0).withTls(tls, listenTls));
        nodes.add(node);
        return node;
    }

    @Test
    void aSenderWithACertificateFromTheTrustedCaIsHeard() throws Exception {
        TestNode receiver = start(1, ca.issue("receiver"), true);
        TestNode sender = start(2, ca.issue("sender"), false);

        sender.transport().addPeer(1, LOOPBACK, receiver.port(), true);
        sender.send(List.of(sender.append(1, 1, 10)));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(receiver.received()).hasSize(1));
    }

    @Test
    void aSenderWithACertificateFromAnotherCaIsRefused() throws Exception {
        TestNode receiver = start(1, ca.issue("receiver"), true);
        TestNode stranger = start(2, TestCertificates.authority(dir, "other-ca").issue("stranger"), false);

        stranger.transport().addPeer(1, LOOPBACK, receiver.port(), true);
        for (int i = 1; i <= 20; i++) {
            stranger.send(List.of(stranger.append(1, i, 10)));
            Thread.sleep(100);
        }

        assertThat(receiver.received()).as("nothing from a peer the receiver does not trust").isEmpty();
    }
}
