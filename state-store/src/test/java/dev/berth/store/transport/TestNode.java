package dev.berth.store.transport;

import dev.berth.store.LoopbackPorts;
import dev.berth.store.raft.pb.ConfState;
import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.Message;
import dev.berth.store.raft.pb.MessageType;
import dev.berth.store.raft.pb.Snapshot;
import dev.berth.store.raft.pb.SnapshotMetadata;
import com.google.protobuf.ByteString;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A transport on 127.0.0.1 that records what it receives and which peers it reported unreachable. */
record TestNode(long id, PeerTransport transport, List<Message> received, List<Long> unreachable) {

    static final String LOOPBACK = "127.0.0.1";

    /** Options for tests: quick reconnects so restarts are noticed within a test's time budget. */
    static TransportOptions options(int port) {
        return TransportOptions.defaults(LOOPBACK, port)
                .withReconnectDelays(Duration.ofMillis(10), Duration.ofMillis(200))
                .withConnectTimeout(Duration.ofSeconds(2));
    }

    static TestNode start(Vertx vertx, long id, TransportOptions options) {
        TestNode node = build(vertx, id, options);
        join(node.transport.start());
        return node;
    }

    static TestNode build(Vertx vertx, long id, TransportOptions options) {
        List<Message> received = new CopyOnWriteArrayList<>();
        List<Long> unreachable = new CopyOnWriteArrayList<>();
        return new TestNode(id, new PeerTransport(vertx, options, received::add, unreachable::add), received,
                unreachable);
    }

    int port() {
        return transport.actualPort();
    }

    void send(List<Message> messages) {
        messages.forEach(transport::send);
    }

    void close() {
        join(transport.close());
    }

    /** A message of {@code type} from this node to {@code to}, in term 3. */
    private Message.Builder fromHere(MessageType type, long to) {
        return Message.newBuilder().setType(type).setFrom(id).setTo(to).setTerm(3);
    }

    /** An append to {@code to} whose index is {@code index}, carrying one entry of {@code dataBytes} bytes. */
    Message append(long to, long index, int dataBytes) {
        return fromHere(MessageType.MSG_APPEND, to)
                .setIndex(index)
                .addEntries(Entry.newBuilder().setTerm(3).setIndex(index + 1).setData(pattern(index, dataBytes)))
                .build();
    }

    /** A snapshot to {@code to} at {@code index} of three voters, with {@code dataBytes} bytes of data. */
    Message snapshot(long to, long index, int dataBytes) {
        return fromHere(MessageType.MSG_SNAPSHOT, to)
                .setSnapshot(Snapshot.newBuilder()
                        .setMetadata(SnapshotMetadata.newBuilder().setIndex(index).setTerm(3)
                                .setConfState(ConfState.newBuilder().addVoters(1).addVoters(2).addVoters(3)))
                        .setData(pattern(index, dataBytes)))
                .build();
    }

    /** {@code bytes} bytes that differ with {@code seed} and along their length, so misplaced bytes show. */
    private static ByteString pattern(long seed, int bytes) {
        byte[] data = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            data[i] = (byte) (seed * 31 + i + (i >>> 8));
        }
        return ByteString.copyFrom(data);
    }

    /** A port nothing listens on right now, for peers that start later. */
    static int freePort() {
        try {
            return LoopbackPorts.free();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + LOOPBACK, e);
        }
    }

    static <T> T join(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a Vert.x future", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Vert.x future did not complete: " + e, e);
        }
    }
}
