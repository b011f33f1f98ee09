package dev.berth.store.client;

import io.vertx.core.net.SocketAddress;
import java.net.URI;

/** A member's client URL, as etcd clients are given them: {@code http://host:port} or {@code host:port}. */
public record Endpoint(String host, int port) {

    public Endpoint {
        if (host == null || host.isEmpty() || port < 1 || port > 65_535) {
            throw new IllegalArgumentException("an endpoint needs a host and a port in 1..65535, got " + host + ":" + port);
        }
    }

    /**
     * Parses {@code http://host:port} or {@code host:port}.
     *
     * @throws IllegalArgumentException for another scheme (TLS is not served yet) or a missing port
     */
    public static Endpoint parse(String text) {
        URI uri = URI.create(text.contains("://") ? text : "http://" + text);
        if (!"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("endpoint " + text + ": only http:// is served so far (no TLS yet)");
        }
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("endpoint " + text + " needs a host and a port, e.g. http://127.0.0.1:2379");
        }
        return new Endpoint(uri.getHost(), uri.getPort());
    }

    SocketAddress address() {
        return SocketAddress.inetSocketAddress(port, host);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
