package dev.berth.store.transport;

import dev.berth.store.tls.TlsSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * The tunables of a {@link PeerTransport}. They bound what a slow or dead peer can cost this node: a
 * peer's outbound queue never holds more than {@code maxQueuedMessages} messages nor more than
 * {@code maxQueuedBytes} bytes of frames, and no frame larger than {@code maxFrameBytes} is sent or
 * accepted. Start from {@link #defaults(String, int)} and change fields with the {@code with} methods.
 *
 * @param host                  the address the transport listens on
 * @param port                  the port it listens on; 0 picks a free one ({@link PeerTransport#actualPort()})
 * @param maxFrameBytes         the largest encoded Message sent or accepted, in bytes
 * @param maxQueuedMessages     how many messages may wait for one peer
 * @param maxQueuedBytes        how many bytes of frames may wait for one peer
 * @param reconnectInitialDelay the first delay before reconnecting to a peer; it doubles on each failure
 * @param reconnectMaxDelay     the cap of the reconnect delay
 * @param connectTimeout        how long one connection attempt may take
 * @param tls                   the peer certificates: served by the listener when {@code tlsListener}, and used to
 *                              connect to peers added with {@code tls} (their URLs are https://)
 * @param tlsListener           whether the listener serves TLS (this node's peer URL is https://)
 */
public record TransportOptions(String host, int port, int maxFrameBytes, int maxQueuedMessages, long maxQueuedBytes,
                               Duration reconnectInitialDelay, Duration reconnectMaxDelay, Duration connectTimeout,
                               TlsSettings tls, boolean tlsListener) {

    public static final int DEFAULT_MAX_FRAME_BYTES = 64 << 20;
    public static final int DEFAULT_MAX_QUEUED_MESSAGES = 4096;
    public static final long DEFAULT_MAX_QUEUED_BYTES = 64L << 20;
    public static final Duration DEFAULT_RECONNECT_INITIAL_DELAY = Duration.ofMillis(50);
    public static final Duration DEFAULT_RECONNECT_MAX_DELAY = Duration.ofSeconds(2);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** Vert.x takes the connect timeout as an int of milliseconds. */
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

    /** @throws IllegalArgumentException naming the first field that is out of range */
    public TransportOptions {
        if (host == null || host.isBlank()) {
            throw invalid("host", "must not be blank", host);
        }
        if (port < 0 || port > 65_535) {
            throw invalid("port", "must be in 0..65535", port);
        }
        if (maxFrameBytes <= 0) {
            throw invalid("maxFrameBytes", "must be > 0", maxFrameBytes);
        }
        if (maxQueuedMessages <= 0) {
            throw invalid("maxQueuedMessages", "must be > 0", maxQueuedMessages);
        }
        if (maxQueuedBytes <= 0) {
            throw invalid("maxQueuedBytes", "must be > 0", maxQueuedBytes);
        }
        requirePositive("reconnectInitialDelay", reconnectInitialDelay);
        requirePositive("reconnectMaxDelay", reconnectMaxDelay);
        requirePositive("connectTimeout", connectTimeout);
        if (connectTimeout.compareTo(MAX_CONNECT_TIMEOUT) > 0) {
            throw invalid("connectTimeout", "must be at most " + MAX_CONNECT_TIMEOUT, connectTimeout);
        }
        if (reconnectMaxDelay.compareTo(reconnectInitialDelay) < 0) {
            throw invalid("reconnectMaxDelay", "must be >= reconnectInitialDelay " + reconnectInitialDelay,
                    reconnectMaxDelay);
        }
        if (tls == null) {
            throw invalid("tls", "must be set (TlsSettings.none for plain TCP)", null);
        }
        if (tlsListener && !tls.hasCertificate()) {
            throw invalid("tls", "needs a certificate and key for a TLS listener", tls);
        }
    }

    /** Options listening on {@code host:port} over plain TCP with every other field at its default. */
    public static TransportOptions defaults(String host, int port) {
        return new TransportOptions(host, port, DEFAULT_MAX_FRAME_BYTES, DEFAULT_MAX_QUEUED_MESSAGES,
                DEFAULT_MAX_QUEUED_BYTES, DEFAULT_RECONNECT_INITIAL_DELAY, DEFAULT_RECONNECT_MAX_DELAY,
                DEFAULT_CONNECT_TIMEOUT, TlsSettings.none(TlsSettings.Kind.PEER), false);
    }

    public TransportOptions withMaxFrameBytes(int value) {
        return new TransportOptions(host, port, value, maxQueuedMessages, maxQueuedBytes, reconnectInitialDelay,
                reconnectMaxDelay, connectTimeout, tls, tlsListener);
    }

    public TransportOptions withMaxQueuedMessages(int value) {
        return new TransportOptions(host, port, maxFrameBytes, value, maxQueuedBytes, reconnectInitialDelay,
                reconnectMaxDelay, connectTimeout, tls, tlsListener);
    }

    public TransportOptions withMaxQueuedBytes(long value) {
        return new TransportOptions(host, port, maxFrameBytes, maxQueuedMessages, value, reconnectInitialDelay,
                reconnectMaxDelay, connectTimeout, tls, tlsListener);
    }

    public TransportOptions withReconnectDelays(Duration initial, Duration max) {
        return new TransportOptions(host, port, maxFrameBytes, maxQueuedMessages, maxQueuedBytes, initial, max,
                connectTimeout, tls, tlsListener);
    }

    public TransportOptions withConnectTimeout(Duration value) {
        return new TransportOptions(host, port, maxFrameBytes, maxQueuedMessages, maxQueuedBytes,
                reconnectInitialDelay, reconnectMaxDelay, value, tls, tlsListener);
    }

    /** These options with peer certificates {@code value}, served by the listener if {@code listener} is true. */
    public TransportOptions withTls(TlsSettings value, boolean listener) {
        return new TransportOptions(host, port, maxFrameBytes, maxQueuedMessages, maxQueuedBytes,
                reconnectInitialDelay, reconnectMaxDelay, connectTimeout, value, listener);
    }

    private static void requirePositive(String field, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw invalid(field, "must be a positive duration", value);
        }
    }

    private static IllegalArgumentException invalid(String field, String rule, Object value) {
        return new IllegalArgumentException(
                "TransportOptions." + field + " " + rule + ", got " + Objects.toString(value));
    }
}
