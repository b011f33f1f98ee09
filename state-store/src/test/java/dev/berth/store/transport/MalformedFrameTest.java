package dev.berth.store.transport;

import static dev.berth.store.transport.TestNode.LOOPBACK;
import static dev.berth.store.transport.TestNode.join;
import static dev.berth.store.transport.TestNode.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.berth.store.raft.pb.Message;
import io.vertx.core.Vertx;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What a node does when something other than a well-behaved peer writes to its port. */
class MalformedFrameTest {

    private static final Duration DELIVERY = Duration.ofSeconds(10);

    private static Vertx vertx;
    private final Logger serverLog = (Logger) LoggerFactory.getLogger(InboundServer.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private TestNode a;
    private TestNode b;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        join(vertx.close());
    }

    @BeforeEach
    void connectAToB() {
        logged.start();
        serverLog.addAppender(logged);
        a = TestNode.start(vertx, 1, options(0));
        b = TestNode.start(vertx, 2, options(0).withMaxFrameBytes(1 << 20));
        a.transport().addPeer(2, LOOPBACK, b.port());
        a.transport().send(a.append(2, 1, 10));
        await().atMost(DELIVERY).until(() -> b.received().size() == 1);
    }

    @AfterEach
    void close() {
        serverLog.detachAppender(logged);
        a.close();
        b.close();
    }

    @Test
    void closesAConnectionAnnouncingAFrameOverTheLimit() throws IOException {
        try (Socket raw = new Socket(LOOPBACK, b.port())) {
            new DataOutputStream(raw.getOutputStream()).writeInt((1 << 20) + 1);

            assertClosedByPeer(raw);
            assertWarned(raw, "frame length 1048577 exceeds maxFrameBytes 1048576");
        }
        assertBStillServesA();
    }

    @Test
    void closesAConnectionAnnouncingANegativeLength() throws IOException {
        try (Socket raw = new Socket(LOOPBACK, b.port())) {
            new DataOutputStream(raw.getOutputStream()).writeInt(-1);

            assertClosedByPeer(raw);
            assertWarned(raw, "frame length 4294967295 exceeds maxFrameBytes");
        }
        assertBStillServesA();
    }

    @Test
    void closesAConnectionSendingAnUnparseablePayload() throws IOException {
        try (Socket raw = new Socket(LOOPBACK, b.port())) {
            DataOutputStream out = new DataOutputStream(raw.getOutputStream());
            // Tag 0x0F: field 1 with wire type 7, which protobuf does not define.
            out.writeInt(4);
            out.write(new byte[] {0x0F, 0x0F, 0x0F, 0x0F});
            out.flush();

            assertClosedByPeer(raw);
            assertWarned(raw, "unparseable Message of 4 bytes");
        }
        assertBStillServesA();
    }

    @Test
    void acceptsAFrameWrittenByHandAsTheWireFormatSays() throws IOException {
        Message message = a.append(2, 7, 300);
        byte[] payload = message.toByteArray();
        try (Socket raw = new Socket(LOOPBACK, b.port())) {
            DataOutputStream out = new DataOutputStream(raw.getOutputStream());
            out.writeInt(payload.length);
            out.write(payload);
            out.writeInt(0);
            out.flush();

            await().atMost(DELIVERY).until(() -> b.received().size() == 3);
        }
        assertThat(b.received().subList(1, 3)).containsExactly(message, Message.getDefaultInstance());
        assertThat(logged.list).noneMatch(e -> e.getLevel() == Level.WARN);
    }

    private void assertBStillServesA() {
        Message after = a.append(2, 2, 10);
        a.transport().send(after);
        await().atMost(DELIVERY).until(() -> b.received().size() == 2);
        assertThat(b.received().get(1)).isEqualTo(after);
        assertThat(a.unreachable()).isEmpty();
    }

    private void assertWarned(Socket raw, String reason) {
        await().atMost(DELIVERY).untilAsserted(() -> assertThat(logged.list)
                .anySatisfy(e -> {
                    assertThat(e.getLevel()).isEqualTo(Level.WARN);
                    assertThat(e.getFormattedMessage())
                            .contains(LOOPBACK + ":" + raw.getLocalPort())
                            .contains(reason);
                }));
    }

    /** The peer closed the socket: reading ends, by end of stream or by reset, well before the timeout. */
    private static void assertClosedByPeer(Socket raw) throws IOException {
        raw.setSoTimeout((int) DELIVERY.toMillis());
        InputStream in = raw.getInputStream();
        try {
            assertThat(in.read()).isEqualTo(-1);
        } catch (SocketException reset) {
            assertThat(reset.getMessage()).containsIgnoringCase("reset");
        }
    }
}
