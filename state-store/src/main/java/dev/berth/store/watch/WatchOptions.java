package dev.berth.store.watch;

import java.time.Duration;

/**
 * How the watch hub paces itself: etcd's defaults in production, milliseconds in tests.
 *
 * @param syncInterval how often unsynced watchers catch up from history (etcd: 100 ms)
 * @param progressInterval how often idle synced watchers that asked for progress notifications get one
 *     (etcd: 10 minutes)
 * @param maxPendingResponses how many responses of one watcher may wait to be written before it is moved back to
 *     the unsynced group, so that a slow client never holds up writes
 * @param batchRevisions how many revisions one catch-up round reads from history (etcd: 1000)
 * @param maxResponseBytes above this size, a response to a watch that allows fragments is split
 */
public record WatchOptions(Duration syncInterval, Duration progressInterval, int maxPendingResponses,
        int batchRevisions, int maxResponseBytes) {

    public WatchOptions {
        if (syncInterval.isNegative() || syncInterval.isZero() || progressInterval.isNegative()
                || progressInterval.isZero()) {
            throw new IllegalArgumentException("intervals must be positive: " + syncInterval + ", "
                    + progressInterval);
        }
        if (maxPendingResponses < 1 || batchRevisions < 1 || maxResponseBytes < 1) {
            throw new IllegalArgumentException("limits must be positive: " + maxPendingResponses + ", "
                    + batchRevisions + ", " + maxResponseBytes);
        }
    }

    /** etcd's pacing, with responses split at {@code maxResponseBytes}. */
    public static WatchOptions defaults(int maxResponseBytes) {
        return new WatchOptions(Duration.ofMillis(100), Duration.ofMinutes(10), 1024, 1000, maxResponseBytes);
    }
}
