package dev.berth.app.cluster;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * client-go's token-bucket rate limiter: {@code burst} tokens, refilled at {@code qps} a second; each request takes
 * one, waiting for it when none is left. Waits are reserved in arrival order, so concurrent callers queue fairly.
 */
final class TokenBucket {
    private final double tokensPerNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    TokenBucket(ApiRateLimit limit, LongSupplier nanoTime) {
        this.tokensPerNano = limit.qps() / TimeUnit.SECONDS.toNanos(1);
        this.burst = limit.burst();
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    /** Takes a token, possibly one not there yet: returns how long the caller must wait for it, in nanoseconds. */
    synchronized long reserve() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * tokensPerNano);
        last = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / tokensPerNano);
    }

    /** Takes a token, waiting for it. */
    void acquire() {
        long wait = reserve();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                // Only shutdown interrupts a caller: its request goes out at once and fails or is dropped with the client.
                Thread.currentThread().interrupt();
            }
        }
    }
}
