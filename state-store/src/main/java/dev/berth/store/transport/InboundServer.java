package dev.berth.store.transport;

import dev.berth.store.raft.pb.Message;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening side of the transport: accepts the connections peers open to this node (over TLS, refusing
 * peers without a certificate from the trusted CA when so configured) and decodes their frames. A connection that sends a bad frame is closed on its own; the others keep flowing. It
 * tracks its connections so that closing the transport also ends them, which is how peers learn that
 * this node went away.
 */
final class InboundServer {

    private static final Logger LOG = LoggerFactory.getLogger(InboundServer.class);

    private final NetServer server;
    private final int maxFrameBytes;
    private final Consumer<Message> onMessage;
    private final Set<NetSocket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** @param onMessage receives each decoded message on the event loop of the connection it came on */
    InboundServer(Vertx vertx, TransportOptions options, Consumer<Message> onMessage) {
        this.maxFrameBytes = options.maxFrameBytes();
        this.onMessage = onMessage;
        NetServerOptions serverOptions = new NetServerOptions()
                .setHost(options.host())
                .setPort(options.port())
                .setTcpNoDelay(true)
                .setTcpKeepAlive(true);
        this.server = vertx.createNetServer(options.tlsListener() ? options.tls().serverOptions(serverOptions) : serverOptions);
        server.connectHandler(this::accept);
        server.exceptionHandler(InboundServer::onHandshakeFailure);
    }

    /** Binds the listening socket; the future fails if the address cannot be bound. */
    Future<Void> listen() {
        return server.listen().mapEmpty();
    }

    int actualPort() {
        return server.actualPort();
    }

    /** Stops listening and closes every accepted connection. */
    Future<Void> close() {
        closed = true;
        List<Future<?>> closing = new ArrayList<>();
        closing.add(server.close());
        for (NetSocket connection : connections) {
            closing.add(connection.close());
        }
        return Future.join(closing).mapEmpty();
    }

    /**
     * A failed TLS handshake (a peer certificate from another CA, on either side) never reaches accept(); as etcd
     * does, say so, once per attempt, which the peer's reconnect backoff spaces out. Connections dropped mid-handshake are
     * only debug noise.
     */
    private static void onHandshakeFailure(Throwable e) {
        if (e instanceof SSLHandshakeException) {
            LOG.warn("TLS handshake with a connecting peer failed: {}", e.getMessage());
        } else {
            LOG.debug("peer connection failed before it was accepted: {}", e.toString());
        }
    }

    private void accept(NetSocket connection) {
        connections.add(connection);
        if (closed) {
            connections.remove(connection);
            connection.close();
            return;
        }
        String remote = String.valueOf(connection.remoteAddress());
        LOG.debug("accepted peer connection from {}", remote);
        connection.closeHandler(v -> {
            connections.remove(connection);
            LOG.debug("peer connection from {} closed", remote);
        });
        connection.exceptionHandler(e -> LOG.debug("peer connection from {} failed: {}", remote, e.toString()));
        connection.handler(new FrameDecoder(maxFrameBytes, new SnapshotAssembler(onMessage, remote), reason -> {
            LOG.warn("closing peer connection from {}: {}", remote, reason);
            connection.close();
        }));
    }
}
