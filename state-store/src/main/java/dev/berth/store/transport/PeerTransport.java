package dev.berth.store.transport;

import dev.berth.store.raft.pb.Message;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries Raft messages between the nodes of a store cluster, one instance per node. Raft tolerates lost,
 * duplicated and reordered messages but must never be blocked by a slow peer, so delivery here is best
 * effort and {@link #send} never waits: each peer has a bounded queue drained by one outbound TCP
 * connection, and when a message cannot be queued it is dropped and the peer reported to the
 * {@link UnreachableListener}, after which Raft probes and retransmits. Messages to one peer leave in the
 * order they were sent.
 *
 * <p>Connections are one-directional: this node writes to a peer only on the connection it opened to
 * the peer's listening address, and receives only on connections peers opened to it. Each message is a
 * frame of a 4-byte big-endian length and the {@link Message}'s protobuf bytes; a connection sending a
 * frame longer than {@link TransportOptions#maxFrameBytes()} or one that does not parse is closed. Snapshots, which
 * may be far larger than a frame, go by {@link #sendSnapshot} in pieces that the receiver joins before handing on.
 *
 * <p>TLS, as etcd's peer URLs use it: the listener serves TLS when {@link TransportOptions#tlsListener()} (requiring
 * a client certificate from the trusted CA if {@link dev.berth.store.tls.TlsSettings#clientCertAuth()}), and a
 * connection to a peer added with {@code tls} verifies the peer's certificate and host name and presents this
 * node's certificate.
 *
 * <p>Threading: {@link #send}, {@link #addPeer}, {@link #removePeer} and {@link #stats} may be called from
 * any thread. The inbound handler runs on the event loop of the connection the message came on, so it may
 * be called concurrently for different peers, but in order for any one peer; it must not block. The
 * unreachable listener runs on the transport's own context: the one current when the transport was
 * built, or a new event loop if it was built outside Vert.x. The transport does not own the
 * {@link Vertx} instance and never closes it.
 */
public final class PeerTransport {

    private static final Logger LOG = LoggerFactory.getLogger(PeerTransport.class);

    private final TransportOptions options;
    private final Consumer<Message> inboundHandler;
    private final Context context;
    private final NetClient client;
    private final ClientSSLOptions clientTls;
    private final InboundServer server;
    private final UnreachableReporter reporter;
    private final Map<Long, PeerLink> links = new ConcurrentHashMap<>();
    private final Map<Long, PeerCounters> counters = new ConcurrentHashMap<>();
    private volatile int boundPort = -1;
    private volatile boolean closed;
    private boolean started;
    private Future<Void> closing;

    /**
     * Builds the transport; it accepts nothing until {@link #start()}, though peers may be added before.
     *
     * @param inboundHandler receives every message peers send to this node, on an event-loop thread
     * @param unreachable    told when a message to a peer may have been lost
     */
    public PeerTransport(Vertx vertx, TransportOptions options, Consumer<Message> inboundHandler,
                         UnreachableListener unreachable) {
        Objects.requireNonNull(vertx, "vertx");
        this.options = Objects.requireNonNull(options, "options");
        this.inboundHandler = Objects.requireNonNull(inboundHandler, "inboundHandler");
        this.context = vertx.getOrCreateContext();
        this.reporter = new UnreachableReporter(context, Objects.requireNonNull(unreachable, "unreachable"));
        this.client = vertx.createNetClient(new NetClientOptions()
                .setConnectTimeout(Math.toIntExact(options.connectTimeout().toMillis()))
                .setTcpNoDelay(true)
                .setTcpKeepAlive(true));
        this.clientTls = options.tls().clientOptions();
        this.server = new InboundServer(vertx, options, this::onInbound);
    }

    /**
     * Starts listening on {@link TransportOptions#host()}:{@link TransportOptions#port()}. The future
     * completes once the socket is bound, or fails naming the address if it cannot be.
     *
     * @throws IllegalStateException if called twice or after {@link #close()}
     */
    public synchronized Future<Void> start() {
        if (closed || started) {
            throw new IllegalStateException("peer transport " + (closed ? "is closed" : "was already started"));
        }
        started = true;
        String address = options.host() + ":" + options.port();
        return server.listen()
                .recover(e -> Future.failedFuture(
                        new IllegalStateException("peer transport cannot listen on " + address + ": " + e.getMessage(), e)))
                .onSuccess(v -> {
                    boundPort = server.actualPort();
                    LOG.info("peer transport listening on {}:{}", options.host(), boundPort);
                });
    }

    /**
     * The port the transport listens on, which is the one chosen by the system if the options said 0.
     *
     * @throws IllegalStateException if {@link #start()} has not completed
     */
    public int actualPort() {
        int port = boundPort;
        if (port < 0) {
            throw new IllegalStateException("peer transport is not listening yet");
        }
        return port;
    }

    /** Adds the peer {@code id} listening at {@code host:port} over plain TCP: {@link #addPeer(long, String, int, boolean)}. */
    public void addPeer(long id, String host, int port) {
        addPeer(id, host, port, false);
    }

    /**
     * Adds the peer {@code id} listening at {@code host:port}, over TLS with {@link TransportOptions#tls()} if
     * {@code tls} (its peer URL is https://), and starts connecting to it. Adding a peer that exists with the same
     * address does nothing; with another address, its old connection and queued messages are dropped and the new
     * address used.
     *
     * @throws IllegalArgumentException if the id is 0 (Raft's "none") or the address is invalid
     * @throws IllegalStateException    if the transport is closed
     */
    public synchronized void addPeer(long id, String host, int port, boolean tls) {
        if (id == 0) {
            throw new IllegalArgumentException("peer id 0 is reserved (Raft's 'no node')");
        }
        PeerAddress address = new PeerAddress(host, port, tls);
        if (closed) {
            throw new IllegalStateException("cannot add peer " + id + " at " + address + ": peer transport is closed");
        }
        PeerLink existing = links.get(id);
        if (existing != null && existing.address().equals(address)) {
            return;
        }
        if (existing != null) {
            existing.close();
            LOG.info("peer {} moved from {} to {}", id, existing.address(), address);
        } else {
            LOG.info("peer {} added at {}", id, address);
        }
        PeerLink link = new PeerLink(id, address, context, client, clientTls, options, countersFor(id), reporter);
        links.put(id, link);
        link.start();
    }

    /** Forgets the peer {@code id}: closes its connection and drops its queued messages. */
    public synchronized void removePeer(long id) {
        PeerLink link = links.remove(id);
        if (link != null) {
            link.close();
            LOG.info("peer {} at {} removed", id, link.address());
        }
    }

    /**
     * Queues {@code message} for the peer {@link Message#getTo()}. Never blocks and never throws for
     * network reasons: if the peer is unknown, the message is larger than
     * {@link TransportOptions#maxFrameBytes()}, or the peer's queue is full, the message is dropped and
     * the peer reported unreachable. After {@link #close()} messages are dropped silently. The message is
     * encoded on the calling thread.
     */
    public void send(Message message) {
        long to = message.getTo();
        if (closed) {
            countersFor(to).dropped(1);
            return;
        }
        PeerLink link = links.get(to);
        if (link == null) {
            LOG.debug("dropping {} to unknown peer {}", message.getType(), to);
            drop(to);
            return;
        }
        int size = message.getSerializedSize();
        if (size > options.maxFrameBytes()) {
            LOG.warn("dropping {} to peer {}: {} bytes exceed maxFrameBytes {}",
                    message.getType(), to, size, options.maxFrameBytes());
            drop(to);
            return;
        }
        if (!link.offer(Frames.encode(message, size))) {
            LOG.debug("dropping {} to peer {}: its queue is full or it was just removed", message.getType(), to);
            drop(to);
        }
    }

    /**
     * Sends the snapshot {@code message} to the peer {@link Message#getTo()} in pieces, between the messages queued
     * for it ({@link SnapshotStream}), so a snapshot of any size gets through frames of at most
     * {@link TransportOptions#maxFrameBytes()} and a queue of {@link TransportOptions#maxQueuedBytes()}. Only one
     * snapshot is on its way to a peer at a time. The future completes once the last piece is written to the
     * peer's connection; it fails, and the peer is counted a drop, if the peer is unknown or not connected, another
     * snapshot is on its way to it, the message carries no snapshot or its metadata alone fills a frame, or the
     * connection breaks first. Raft's leader learns the outcome from it, as etcd's does through
     * {@code ReportSnapshot}.
     */
    public Future<Void> sendSnapshot(Message message) {
        long to = message.getTo();
        SnapshotStream stream;
        try {
            stream = SnapshotStream.of(message, options.maxFrameBytes());
        } catch (IllegalArgumentException unsendable) {
            countersFor(to).dropped(1);
            return Future.failedFuture(unsendable);
        }
        PeerLink link = closed ? null : links.get(to);
        if (link == null) {
            drop(to);
            stream.fail(closed ? "the peer transport is closed" : "peer " + to + " is unknown");
            return stream.outcome();
        }
        return link.send(stream);
    }

    /** What the transport has done for {@code peerId} so far; all zeros for a peer it never saw. */
    public PeerStats stats(long peerId) {
        PeerLink link = links.get(peerId);
        if (link != null) {
            return link.stats();
        }
        PeerCounters peer = counters.get(peerId);
        return peer == null ? new PeerStats(peerId, 0, 0, 0, 0, 0) : peer.snapshot(peerId, 0, 0);
    }

    /** {@link #stats(long)} of every peer the transport has sent to, dropped for or received from. */
    public SortedMap<Long, PeerStats> stats() {
        SortedMap<Long, PeerStats> all = new TreeMap<>();
        for (Long id : counters.keySet()) {
            all.put(id, stats(id));
        }
        return Collections.unmodifiableSortedMap(all);
    }

    /**
     * Stops listening, closes every connection and drops every queued message. The future completes when
     * the sockets are closed; calling it again returns the same future.
     */
    public synchronized Future<Void> close() {
        if (closing != null) {
            return closing;
        }
        closed = true;
        reporter.close();
        List<Future<?>> parts = new ArrayList<>();
        parts.add(server.close());
        for (PeerLink link : links.values()) {
            parts.add(link.close());
        }
        links.clear();
        closing = Future.join(parts)
                .eventually(client::close)
                .<Void>mapEmpty()
                .onComplete(ar -> LOG.info("peer transport on {} closed", options.host()));
        return closing;
    }

    private void onInbound(Message message) {
        countersFor(message.getFrom()).received();
        try {
            inboundHandler.accept(message);
        } catch (RuntimeException e) {
            LOG.warn("inbound handler failed on {} from peer {}", message.getType(), message.getFrom(), e);
        }
    }

    private void drop(long to) {
        countersFor(to).dropped(1);
        reporter.report(to);
    }

    private PeerCounters countersFor(long peerId) {
        return counters.computeIfAbsent(peerId, id -> new PeerCounters());
    }
}
