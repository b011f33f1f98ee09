package dev.berth.store.client;

import java.time.Duration;

/**
 * How hard {@link RemoteStoreClient} tries.
 *
 * @param callTimeout the overall deadline of one call, all attempts and back-off included; also how long a watch
 *     keeps trying to resume after it lost its member
 * @param attemptTimeout the most one attempt may take; above the members' request timeout (etcd and Berth: 5 s
 *     plus the election timeout), so that a member answers "timed out" itself before the client gives up on it
 * @param maxAttempts attempts per call (or per watch resumption), the first included
 * @param backoff the pause after every endpoint has failed once, doubling each round up to {@code maxBackoff}
 * @param maxBackoff the longest pause between rounds
 */
public record ClientOptions(Duration callTimeout, Duration attemptTimeout, int maxAttempts, Duration backoff,
        Duration maxBackoff) {

    public ClientOptions {
        if (!positive(callTimeout) || !positive(attemptTimeout) || !positive(backoff) || !positive(maxBackoff)) {
            throw new IllegalArgumentException("timeouts and back-off must be positive: call " + callTimeout + ", attempt "
                    + attemptTimeout + ", back-off " + backoff + " up to " + maxBackoff);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    /** 15 s per call, 7 s per attempt, 10 attempts, back-off from 100 ms to 1 s: rides out one leader election. */
    public static ClientOptions defaults() {
        return new ClientOptions(Duration.ofSeconds(15), Duration.ofSeconds(7), 10, Duration.ofMillis(100),
                Duration.ofSeconds(1));
    }

    /** The pause before attempt {@code attempt} (0-based) of a call over {@code endpoints} endpoints. */
    Duration pauseBefore(int attempt, int endpoints) {
        if (attempt == 0 || attempt % endpoints != 0) {
            return Duration.ZERO;
        }
        int round = Math.min(attempt / endpoints - 1, 20);
        Duration pause = backoff.multipliedBy(1L << round);
        return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }
}
