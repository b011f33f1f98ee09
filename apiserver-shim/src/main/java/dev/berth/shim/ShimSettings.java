package dev.berth.shim;

import java.time.Duration;

/**
 * How the shim serves: where it listens (loopback by default; port 0 picks a free one), how long it waits for the
 * store, how often watches get bookmarks, how long a watch lasts without a client timeout, and the largest request
 * body (kube-apiserver's 3 MiB).
 */
public record ShimSettings(String host, int port, Duration storeTimeout, Duration bookmarkInterval,
                           Duration watchTimeout, long maxBodyBytes) {
    public static final long DEFAULT_MAX_BODY_BYTES = 3L * 1024 * 1024;

    public ShimSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
        }
    }

    /** 127.0.0.1 on {@code port}, 10 s store timeout, bookmarks every minute, 30-minute watches, 3 MiB bodies. */
    public static ShimSettings defaults(int port) {
        return defaults("127.0.0.1", port);
    }

    /** {@link #defaults(int)} on {@code host}. */
    public static ShimSettings defaults(String host, int port) {
        return new ShimSettings(host, port, Duration.ofSeconds(10), Duration.ofMinutes(1),
                Duration.ofMinutes(30), DEFAULT_MAX_BODY_BYTES);
    }

    public ShimSettings withBookmarkInterval(Duration interval) {
        return new ShimSettings(host, port, storeTimeout, interval, watchTimeout, maxBodyBytes);
    }
}
