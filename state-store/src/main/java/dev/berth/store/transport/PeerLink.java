package dev.berth.store.transport;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound side of one peer: its bounded queue and the single connection that drains it. The link
 * keeps itself connected for as long as it exists, reconnecting with {@link Backoff} while frames wait in
 * the queue, and it writes only while Vert.x's write queue has room so a slow peer backs up into the
 * bounded queue rather than into unbounded socket buffers. Frames written to a connection that then
 * breaks are lost; the peer is reported unreachable and Raft retransmits.
 *
 * <p>{@link #offer} and {@link #close} may be called from any thread; everything else runs on the
 * link's context, which owns the connection state.
 */
final class PeerLink {

    private static final Logger LOG = LoggerFactory.getLogger(PeerLink.class);
    /** Small frames are coalesced into writes of up to this many bytes, saving a flush per message. */
    private static final int MAX_BATCH_BYTES = 64 * 1024;

    private final long peerId;
    private final PeerAddress address;
    private final Vertx vertx;
    private final Context context;
    private final NetClient client;
    private final ConnectOptions connectOptions;
    private final OutboundQueue queue;
    private final PeerCounters counters;
    private final UnreachableReporter reporter;
    private final Backoff backoff;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile boolean closed;

    private NetSocket socket;
    /** The snapshot on its way to the peer, written piece by piece whenever the queue is empty. */
    private SnapshotStream snapshot;
    private boolean connecting;
    private boolean down;
    private long reconnectTimer = -1;

    /** @param tls how to connect if the peer's address says TLS */
    PeerLink(long peerId, PeerAddress address, Context context, NetClient client, ClientSSLOptions tls,
             TransportOptions options, PeerCounters counters, UnreachableReporter reporter) {
        this.peerId = peerId;
        this.address = address;
        this.vertx = context.owner();
        this.context = context;
        this.client = client;
        this.connectOptions = new ConnectOptions().setHost(address.host()).setPort(address.port()).setSsl(address.tls());
        if (address.tls()) {
            connectOptions.setSslOptions(tls);
        }
        this.queue = new OutboundQueue(options.maxQueuedMessages(), options.maxQueuedBytes());
        this.counters = counters;
        this.reporter = reporter;
        this.backoff = new Backoff(options.reconnectInitialDelay(), options.reconnectMaxDelay(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    PeerAddress address() {
        return address;
    }

    /** Begins connecting; the link then stays connected until {@link #close()}. */
    void start() {
        context.runOnContext(v -> connect());
    }

    /** Queues {@code frame} for the peer; false if the queue is full or the link closed. Any thread. */
    boolean offer(Buffer frame) {
        if (!queue.offer(frame)) {
            return false;
        }
        if (drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                drainScheduled.set(false);
                drain();
            });
        }
        return true;
    }

    /**
     * Sends {@code stream} to the peer between its queued messages; its outcome completes once the last piece is
     * written to the connection. It fails at once if the peer is not connected or another snapshot is still on its
     * way to it, and later if the connection breaks or the link closes first: Raft then waits for the peer to answer
     * before it sends a snapshot again, rather than holding one for a peer that is down. Any thread.
     */
    Future<Void> send(SnapshotStream stream) {
        context.runOnContext(v -> {
            if (closed || socket == null) {
                drop(stream, "peer " + peerId + " at " + address + (closed ? " was removed" : " is not connected"));
            } else if (snapshot != null) {
                drop(stream, "another snapshot (" + snapshot.progress() + ") is still on its way to peer " + peerId);
            } else {
                snapshot = stream;
                drain();
            }
        });
        return stream.outcome();
    }

    PeerStats stats() {
        return counters.snapshot(peerId, queue.size(), queue.bytes());
    }

    /** Discards the queue (counted as dropped) and closes the connection. Any thread. */
    Future<Void> close() {
        closed = true;
        counters.dropped(queue.close());
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            if (reconnectTimer != -1) {
                vertx.cancelTimer(reconnectTimer);
                reconnectTimer = -1;
            }
            abandonSnapshot("the link to peer " + peerId + " was closed");
            NetSocket open = socket;
            socket = null;
            if (open == null) {
                done.complete();
            } else {
                open.close().onComplete(ar -> done.complete());
            }
        });
        return done.future();
    }

    private void connect() {
        if (closed || socket != null || connecting) {
            return;
        }
        connecting = true;
        client.connect(connectOptions).onComplete(ar -> {
            connecting = false;
            if (ar.succeeded()) {
                onConnected(ar.result());
            } else {
                onConnectFailed(ar.cause());
            }
        });
    }

    private void onConnected(NetSocket opened) {
        if (closed) {
            opened.close();
            return;
        }
        socket = opened;
        backoff.reset();
        if (down) {
            down = false;
            LOG.info("peer {} at {} reachable again, {} messages queued", peerId, address, queue.size());
        } else {
            LOG.debug("connected to peer {} at {}", peerId, address);
        }
        // Connections are one-directional: the peer answers on the connection it opened to us.
        opened.handler(ignored -> { });
        opened.exceptionHandler(e -> LOG.debug("connection to peer {} at {} failed: {}", peerId, address, e.toString()));
        opened.closeHandler(v -> onDisconnected(opened));
        opened.drainHandler(v -> drain());
        drain();
    }

    private void onConnectFailed(Throwable cause) {
        if (!closed) {
            markDown("connect failed: " + cause.getMessage());
            scheduleReconnect();
        }
    }

    private void onDisconnected(NetSocket closedSocket) {
        if (socket != closedSocket) {
            return;
        }
        socket = null;
        abandonSnapshot("the connection to peer " + peerId + " at " + address + " closed");
        if (!closed) {
            markDown("connection closed");
            scheduleReconnect();
        }
    }

    /** Reports the peer unreachable once per outage; retries within the outage only log at debug. */
    private void markDown(String why) {
        if (down) {
            LOG.debug("peer {} at {} still unreachable: {}", peerId, address, why);
            return;
        }
        down = true;
        LOG.info("peer {} at {} unreachable ({}); reconnecting with backoff, {} messages queued",
                peerId, address, why, queue.size());
        reporter.report(peerId);
    }

    private void scheduleReconnect() {
        reconnectTimer = vertx.setTimer(backoff.nextDelayMillis(), id -> {
            reconnectTimer = -1;
            connect();
        });
    }

    private void drain() {
        NetSocket open = socket;
        if (open == null) {
            return;
        }
        while (!open.writeQueueFull()) {
            List<Buffer> batch = queue.pollBatch(MAX_BATCH_BYTES);
            if (!batch.isEmpty()) {
                open.write(concat(batch));
                counters.sent(batch.size());
            } else if (snapshot != null) {
                writeSnapshotPiece(open);
            } else {
                return;
            }
        }
    }

    /** Writes the next piece of the snapshot; after the last, reports the stream's outcome once it is written. */
    private void writeSnapshotPiece(NetSocket open) {
        SnapshotStream stream = snapshot;
        Future<Void> written = open.write(stream.next());
        if (!stream.hasNext()) {
            snapshot = null;
            written.onComplete(ar -> {
                if (ar.succeeded()) {
                    counters.sent(1);
                    stream.delivered();
                } else {
                    drop(stream, "writing its last piece failed: " + ar.cause().getMessage());
                }
            });
        }
    }

    private void abandonSnapshot(String why) {
        if (snapshot != null) {
            drop(snapshot, why);
            snapshot = null;
        }
    }

    /** Counts {@code stream} as a dropped message and fails it, saying {@code why}. */
    private void drop(SnapshotStream stream, String why) {
        counters.dropped(1);
        stream.fail(why);
    }

    private static Buffer concat(List<Buffer> frames) {
        if (frames.size() == 1) {
            return frames.get(0);
        }
        int length = 0;
        for (Buffer frame : frames) {
            length += frame.length();
        }
        Buffer joined = Buffer.buffer(length);
        for (Buffer frame : frames) {
            joined.appendBuffer(frame);
        }
        return joined;
    }
}
