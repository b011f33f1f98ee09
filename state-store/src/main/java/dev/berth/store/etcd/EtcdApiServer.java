package dev.berth.store.etcd;

import dev.berth.store.tls.TlsSettings;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import io.vertx.grpc.server.Service;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The etcd v3 gRPC API on a client URL, so etcdctl, jetcd and kube-apiserver can talk to a store member: plain
 * HTTP/2 (h2c) on {@code http://} URLs and HTTP/2 over TLS (negotiated with ALPN) on {@code https://} ones, as etcd
 * serves them.
 */
public final class EtcdApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EtcdApiServer.class);
    /** etcd's --max-request-bytes default; larger requests get etcd's error. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 1536 * 1024;
    /** etcd allows this much gRPC framing on top of a request's bytes before the transport refuses it. */
    private static final int GRPC_OVERHEAD_BYTES = 512 * 1024;

    private final HttpServer http;
    private final List<Service> services;

    private EtcdApiServer(HttpServer http, List<Service> services) {
        this.http = http;
        this.services = services;
    }

    /**
     * Listens on {@code clientUrl}'s host and port (port 0 picks a free one) and serves {@code services}, with TLS
     * from {@code tls} if the URL is {@code https://}. A gRPC message larger than {@code maxRequestBytes} plus etcd's
     * allowance for framing is refused by the transport, as etcd's is.
     */
    public static Future<EtcdApiServer> start(Vertx vertx, URI clientUrl, TlsSettings tls, int maxRequestBytes,
            List<Service> services) {
        HttpServerOptions options = new HttpServerOptions().setHost(clientUrl.getHost()).setPort(Math.max(clientUrl.getPort(), 0));
        switch (clientUrl.getScheme()) {
            case "http" -> { }
            case "https" -> tls.serverOptions(options).setUseAlpn(true);
            default -> {
                return Future.failedFuture(new IllegalArgumentException("--listen-client-urls " + clientUrl
                        + ": must start with http:// or https://"));
            }
        }
        int maxMessageBytes = maxRequestBytes + GRPC_OVERHEAD_BYTES;
        GrpcServer grpc = new GrpcGoErrors(GrpcServer.server(vertx, new GrpcServerOptions().setMaxMessageSize(maxMessageBytes)),
                maxMessageBytes);
        services.forEach(grpc::addService);
        return vertx.createHttpServer(options)
                .connectionHandler(EtcdApiServer::coalesceFlushes)
                .requestHandler(grpc)
                .listen()
                .map(server -> new EtcdApiServer(server, services));
    }

    /**
     * Lets the answers that complete in one turn of the connection's event loop leave in one write to the socket.
     * Answers complete on the member's threads, each is handed to the event loop on its own, and Vert.x flushes each
     * one it writes outside a read: with dozens of puts applied in one batch, that was a write system call per answer,
     * about a fifth of the event loops' CPU under load. Netty's handler turns a flush outside a read into one flush
     * scheduled after the tasks already queued (grpc-go's writer batches its frames the same way). The channel is
     * reached through Vert.x's connection class, which is not public API; a connection of another class keeps
     * flushing each answer.
     */
    static void coalesceFlushes(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            base.channel().pipeline().addFirst(new FlushConsolidationHandler(
                    FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
        }
    }

    public int port() {
        return http.actualPort();
    }

    /** Stops listening and closes the services that hold resources of their own (the watch hub's thread). */
    @Override
    public void close() {
        http.close();
        for (Service service : services) {
            if (service instanceof AutoCloseable resource) {
                try {
                    resource.close();
                } catch (Exception e) {
                    LOG.warn("closing {} failed: {}", service.getClass().getSimpleName(), e.toString());
                }
            }
        }
    }
}
