package dev.berth.store.transport;

import static dev.berth.store.transport.TestNode.LOOPBACK;
import static dev.berth.store.transport.TestNode.join;
import static dev.berth.store.transport.TestNode.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.berth.store.raft.pb.Message;
import dev.berth.store.raft.pb.MessageType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PeerTransportTest {

    private static final Duration DELIVERY = Duration.ofSeconds(20);

    private static Vertx vertx;
    private final List<TestNode> nodes = new ArrayList<>();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        join(vertx.close());
    }

    @AfterEach
    void closeNodes() {
        nodes.forEach(TestNode::close);
    }

    private TestNode start(long id, TransportOptions options) {
        TestNode node = TestNode.start(vertx, id, options);
        nodes.add(node);
        return node;
    }

    private static List<Message> appends(TestNode from, long to, int firstIndex, int count, int dataBytes) {
        List<Message> messages = new ArrayList<>();
        for (int i = firstIndex; i < firstIndex + count; i++) {
            messages.add(from.append(to, i, dataBytes));
        }
        return messages;
    }

    @Test
    void exchangesMessagesBothWaysInOrderWithContentIntact() throws InterruptedException {
        TestNode a = start(1, options(0));
        TestNode b = start(2, options(0));
        a.transport().addPeer(2, LOOPBACK, b.port());
        b.transport().addPeer(1, LOOPBACK, a.port());
        List<Message> toB = new ArrayList<>();
        List<Message> toA = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int dataBytes = i % 50 == 0 ? 300_000 : (i % 7) * 100;
            toB.add(a.append(2, i, dataBytes));
            toA.add(b.append(1, i, dataBytes));
        }

        Thread senderToA = new Thread(() -> toA.forEach(b.transport()::send));
        senderToA.start();
        toB.forEach(a.transport()::send);
        senderToA.join(DELIVERY.toMillis());

        await().atMost(DELIVERY).untilAsserted(() -> {
            assertThat(b.received()).hasSize(300);
            assertThat(a.received()).hasSize(300);
        });
        assertThat(b.received()).containsExactlyElementsOf(toB);
        assertThat(a.received()).containsExactlyElementsOf(toA);
        assertThat(a.transport().stats(2)).isEqualTo(new PeerStats(2, 300, 0, 300, 0, 0));
        assertThat(b.transport().stats(1)).isEqualTo(new PeerStats(1, 300, 0, 300, 0, 0));
        assertThat(a.unreachable()).isEmpty();
        assertThat(b.unreachable()).isEmpty();
    }

    @Test
    void deliversABurstLargerThanTheSocketBuffersCompletelyAndInOrder() {
        TestNode a = start(1, options(0));
        TestNode b = start(2, options(0));
        a.transport().addPeer(2, LOOPBACK, b.port());
        List<Message> burst = appends(a, 2, 0, 400, 64 * 1024);

        burst.forEach(a.transport()::send);

        await().atMost(DELIVERY).until(() -> b.received().size() == burst.size());
        assertThat(b.received()).containsExactlyElementsOf(burst);
        assertThat(a.transport().stats(2).dropped()).isZero();
    }

    @Test
    void queuesWhileThePeerIsDownAndDeliversOnceItListens() {
        int port = TestNode.freePort();
        TestNode a = start(1, options(0));
        a.transport().addPeer(2, LOOPBACK, port);
        List<Message> early = appends(a, 2, 0, 20, 100);

        early.forEach(a.transport()::send);

        await().atMost(DELIVERY).until(() -> a.unreachable().contains(2L));
        assertThat(a.transport().stats(2).queuedMessages()).isEqualTo(20);
        TestNode b = start(2, options(port));
        await().atMost(DELIVERY).until(() -> b.received().size() == 20);
        assertThat(b.received()).containsExactlyElementsOf(early);
        assertThat(a.transport().stats(2)).isEqualTo(new PeerStats(2, 20, 0, 0, 0, 0));
    }

    @Test
    void reportsALostPeerOnceAndReconnectsWhenItRestarts() {
        TestNode a = start(1, options(0));
        TestNode b = start(2, options(0));
        int port = b.port();
        a.transport().addPeer(2, LOOPBACK, port);
        a.send(appends(a, 2, 0, 50, 500));
        await().atMost(DELIVERY).until(() -> b.received().size() == 50);

        b.close();
        await().atMost(DELIVERY).until(() -> a.unreachable().contains(2L));
        List<Message> whileDown = appends(a, 2, 50, 30, 500);
        a.send(whileDown);
        TestNode restarted = start(2, options(port));

        await().atMost(DELIVERY).until(() -> restarted.received().size() == 30);
        assertThat(restarted.received()).containsExactlyElementsOf(whileDown);
        assertThat(a.unreachable()).containsExactly(2L);
        assertThat(a.transport().stats(2).sent()).isEqualTo(80);
    }

    @Test
    void dropsWhatExceedsTheMessageBoundAndReportsThePeer() {
        int port = TestNode.freePort();
        TestNode a = start(1, options(0).withMaxQueuedMessages(50));
        a.transport().addPeer(2, LOOPBACK, port);
        List<Message> messages = appends(a, 2, 0, 80, 10);

        a.send(messages);

        PeerStats stats = a.transport().stats(2);
        assertThat(stats.queuedMessages()).isEqualTo(50);
        assertThat(stats.dropped()).isEqualTo(30);
        await().atMost(DELIVERY).until(() -> a.unreachable().contains(2L));
        TestNode b = start(2, options(port));
        await().atMost(DELIVERY).until(() -> b.received().size() == 50);
        assertThat(b.received()).containsExactlyElementsOf(messages.subList(0, 50));
    }

    @Test
    void dropsWhatExceedsTheByteBound() {
        TestNode a = start(1, options(0).withMaxQueuedBytes(10_000));
        a.transport().addPeer(2, LOOPBACK, TestNode.freePort());
        List<Message> messages = appends(a, 2, 1, 30, 1000);
        int frameBytes = Frames.HEADER_BYTES + messages.get(0).getSerializedSize();
        int fitting = 10_000 / frameBytes;

        a.send(messages);

        PeerStats stats = a.transport().stats(2);
        assertThat(stats.queuedMessages()).isEqualTo(fitting);
        assertThat(stats.queuedBytes()).isEqualTo((long) fitting * frameBytes).isLessThanOrEqualTo(10_000);
        assertThat(stats.dropped()).isEqualTo(30 - fitting);
        await().atMost(DELIVERY).until(() -> a.unreachable().contains(2L));
    }

    @Test
    void removedPeerGetsNothingMoreAndCanBeAddedBack() {
        TestNode a = start(1, options(0));
        TestNode b = start(2, options(0));
        a.transport().addPeer(2, LOOPBACK, b.port());
        a.transport().send(a.append(2, 0, 10));
        await().atMost(DELIVERY).until(() -> b.received().size() == 1);

        a.transport().removePeer(2);
        a.send(appends(a, 2, 1, 5, 10));

        assertThat(a.transport().stats(2).dropped()).isEqualTo(5);
        await().atMost(DELIVERY).until(() -> a.unreachable().contains(2L));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> b.received().size() == 1);

        a.transport().addPeer(2, LOOPBACK, b.port());
        Message again = a.append(2, 6, 10);
        a.transport().send(again);
        await().atMost(DELIVERY).until(() -> b.received().size() == 2);
        assertThat(b.received().get(1)).isEqualTo(again);
    }

    @Test
    void dropsMessagesToAnUnknownPeerAndReportsIt() {
        TestNode a = start(1, options(0));

        a.transport().send(a.append(99, 0, 10));

        assertThat(a.transport().stats(99).dropped()).isEqualTo(1);
        await().atMost(DELIVERY).until(() -> a.unreachable().contains(99L));
    }

    @Test
    void dropsAMessageLargerThanTheFrameLimitBeforeSendingIt() {
        TestNode a = start(1, options(0).withMaxFrameBytes(1024));
        TestNode b = start(2, options(0));
        a.transport().addPeer(2, LOOPBACK, b.port());
        Message small = a.append(2, 1, 100);

        a.transport().send(a.append(2, 0, 2000));
        a.transport().send(small);

        await().atMost(DELIVERY).until(() -> b.received().size() == 1);
        assertThat(b.received()).containsExactly(small);
        assertThat(a.transport().stats(2).dropped()).isEqualTo(1);
        await().atMost(DELIVERY).until(() -> a.unreachable().contains(2L));
    }

    @Test
    void aFailingInboundHandlerDoesNotStopDelivery() {
        List<Message> accepted = new CopyOnWriteArrayList<>();
        PeerTransport b = new PeerTransport(vertx, options(0), m -> {
            if (m.getIndex() == 0) {
                throw new IllegalStateException("handler rejects index 0");
            }
            accepted.add(m);
        }, peer -> { });
        try {
            join(b.start());
            TestNode a = start(1, options(0));
            a.transport().addPeer(2, LOOPBACK, b.actualPort());

            a.send(appends(a, 2, 0, 3, 10));

            await().atMost(DELIVERY).until(() -> accepted.size() == 2);
            assertThat(accepted).extracting(Message::getIndex).containsExactly(1L, 2L);
            assertThat(b.stats(1).received()).isEqualTo(3);
        } finally {
            join(b.close());
        }
    }

    @Test
    void closedTransportDropsAndRefusesMembershipChanges() {
        TestNode a = start(1, options(0));
        a.transport().addPeer(2, LOOPBACK, TestNode.freePort());
        a.transport().send(a.append(2, 0, 10));

        a.close();
        a.transport().send(a.append(2, 1, 10));

        assertThat(a.transport().stats(2).dropped()).isEqualTo(2);
        assertThat(a.transport().close()).isSameAs(a.transport().close());
        assertThatThrownBy(() -> a.transport().addPeer(3, LOOPBACK, 1234))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("peer 3");
        assertThatThrownBy(() -> a.transport().start()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reportsWhenItCannotListen() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            PeerTransport clash = new PeerTransport(vertx, options(taken.getLocalPort()), m -> { }, peer -> { });

            assertThatThrownBy(() -> join(clash.start()))
                    .hasMessageContaining("cannot listen on " + LOOPBACK + ":" + taken.getLocalPort());
            join(clash.close());
        }
    }

    @Test
    void rejectsInvalidPeers() {
        PeerTransport transport = new PeerTransport(vertx, options(0), m -> { }, peer -> { });
        try {
            assertThatThrownBy(() -> transport.actualPort()).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> transport.addPeer(0, LOOPBACK, 1234))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("peer id 0");
            assertThatThrownBy(() -> transport.addPeer(2, LOOPBACK, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
            assertThatThrownBy(() -> transport.addPeer(2, " ", 1234))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host");
        } finally {
            join(transport.close());
        }
    }

    // ---- snapshots, streamed in pieces ---------------------------------------------------------------

    /** Nodes 1 and 2 with {@code options}, 1 connected to 2 (a first append went through). */
    private List<TestNode> connectedPair(TransportOptions options) {
        TestNode a = start(1, options);
        TestNode b = start(2, options);
        a.transport().addPeer(2, LOOPBACK, b.port());
        a.transport().send(a.append(2, 0, 10));
        await().atMost(DELIVERY).until(() -> b.received().size() == 1);
        return List.of(a, b);
    }

    private static Throwable failure(Future<Void> future) {
        await().atMost(DELIVERY).until(future::isComplete);
        assertThat(future.failed()).as("the snapshot is reported not sent").isTrue();
        return future.cause();
    }

    @Test
    void aSnapshotLargerThanAFrameAndThePeersQueueArrivesWholeAmongOtherMessages() {
        List<TestNode> pair = connectedPair(options(0).withMaxFrameBytes(16 * 1024).withMaxQueuedBytes(64 * 1024));
        TestNode a = pair.get(0);
        TestNode b = pair.get(1);
        Message snapshot = a.snapshot(2, 500, 1_000_000);
        List<Message> appends = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            appends.add(a.append(2, i, 100));
        }

        Future<Void> sent = a.transport().sendSnapshot(snapshot);
        a.send(appends);

        join(sent);
        await().atMost(DELIVERY).until(() -> b.received().size() == 1 + 1 + appends.size());
        assertThat(b.received()).filteredOn(m -> m.getType() == MessageType.MSG_SNAPSHOT).containsExactly(snapshot);
        assertThat(b.received()).filteredOn(m -> m.getType() == MessageType.MSG_APPEND).endsWith(
                appends.toArray(Message[]::new));
        assertThat(a.transport().stats(2).sent()).isEqualTo(1 + 1 + appends.size());
        assertThat(b.transport().stats(1).received()).isEqualTo(1 + 1 + appends.size());
    }

    @Test
    void aSnapshotAboveTheDefaultFrameLimitArrivesWhole() {
        List<TestNode> pair = connectedPair(options(0));
        TestNode a = pair.get(0);
        TestNode b = pair.get(1);
        Message snapshot = a.snapshot(2, 500, TransportOptions.DEFAULT_MAX_FRAME_BYTES + 1_000_000);

        join(a.transport().sendSnapshot(snapshot));

        await().atMost(DELIVERY).until(() -> b.received().size() == 2);
        Message received = b.received().get(1);
        assertThat(received.getSnapshot().getMetadata()).isEqualTo(snapshot.getSnapshot().getMetadata());
        assertThat(received.getSnapshot().getData().size()).isEqualTo(snapshot.getSnapshot().getData().size());
        assertThat(received.equals(snapshot)).as("the received snapshot equals the one sent").isTrue();
    }

    @Test
    void aSnapshotToAPeerThatIsNotConnectedOrUnknownFailsAndCountsAsDropped() {
        TestNode a = start(1, options(0));
        a.transport().addPeer(2, LOOPBACK, TestNode.freePort());

        assertThat(failure(a.transport().sendSnapshot(a.snapshot(2, 500, 100)))).hasMessageContaining("not connected");
        assertThat(failure(a.transport().sendSnapshot(a.snapshot(3, 500, 100)))).hasMessageContaining("unknown");
        assertThat(a.transport().stats(2).dropped()).isEqualTo(1);
        assertThat(a.transport().stats(3).dropped()).isEqualTo(1);
    }

    @Test
    void aMessageWithoutASnapshotIsNotStreamedAndCountsAsDropped() {
        TestNode a = start(1, options(0));
        a.transport().addPeer(2, LOOPBACK, TestNode.freePort());

        assertThat(failure(a.transport().sendSnapshot(a.append(2, 1, 10)))).hasMessageContaining("MSG_APPEND");
        assertThat(a.transport().stats(2).dropped()).isEqualTo(1);
    }

    @Test
    void onlyOneSnapshotIsOnItsWayToAPeerAtATime() {
        List<TestNode> pair = connectedPair(options(0).withMaxFrameBytes(16 * 1024));
        TestNode a = pair.get(0);
        TestNode b = pair.get(1);
        Message first = a.snapshot(2, 500, 8_000_000);

        Future<Void> sending = a.transport().sendSnapshot(first);
        Future<Void> second = a.transport().sendSnapshot(a.snapshot(2, 501, 100));

        assertThat(failure(second)).hasMessageContaining("another snapshot");
        join(sending);
        await().atMost(DELIVERY).until(() -> b.received().size() == 2);
        assertThat(b.received().get(1).equals(first)).as("the first snapshot arrives whole").isTrue();
    }

    @Test
    void aConnectionLostDuringTheStreamFailsItAndTheReceiverHoldsNothing() {
        List<TestNode> pair = connectedPair(options(0).withMaxFrameBytes(16 * 1024));
        TestNode a = pair.get(0);
        TestNode b = pair.get(1);

        Future<Void> sending = a.transport().sendSnapshot(a.snapshot(2, 500, 32_000_000));
        b.close();

        assertThat(failure(sending)).hasMessageContaining("peer 2");
        assertThat(b.received()).hasSize(1);
        assertThat(a.transport().stats(2).dropped()).isEqualTo(1);
    }
}
