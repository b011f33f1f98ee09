package dev.berth.store.lease;

import dev.berth.store.server.StoreNodeConfig;
import java.time.Duration;

/**
 * How the lessor keeps time, derived from the member's Raft timing as etcd 3.4 derives it, so that a lease cannot
 * expire while a leader change is still possible inside its TTL.
 *
 * @param minTtlSeconds the shortest TTL a grant gets: {@code ceil((3 * electionTicks / 2) * heartbeat)} seconds
 * @param promotionExtension what a new leader adds to every lease's remaining TTL: the election timeout
 * @param checkpointInterval how often the leader checkpoints remaining TTLs through Raft (etcd's 5 minutes)
 * @param tickInterval how often the member checks for expired leases and due checkpoints (etcd's 500 ms)
 */
public record LeaseSettings(long minTtlSeconds, Duration promotionExtension, Duration checkpointInterval,
        Duration tickInterval) {

    /** etcd's checkpoint interval, {@code --experimental-lease-checkpoint-interval}. */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofMinutes(5);

    public LeaseSettings {
        if (minTtlSeconds < 1 || promotionExtension.isNegative() || checkpointInterval.isNegative()
                || checkpointInterval.isZero() || tickInterval.isNegative() || tickInterval.isZero()) {
            throw new IllegalArgumentException("lease settings need a minimum TTL of at least 1 s and positive"
                    + " intervals; got " + minTtlSeconds + " s, " + promotionExtension + ", " + checkpointInterval
                    + ", " + tickInterval);
        }
    }

    /** etcd's lessor settings for a member with {@code config}'s heartbeat and election timeout. */
    public static LeaseSettings of(StoreNodeConfig config, Duration checkpointInterval) {
        Duration minTtl = config.tickInterval().multipliedBy((3L * config.electionTicks()) / 2);
        long minTtlSeconds = Math.max(1, (minTtl.toMillis() + 999) / 1000);
        Duration electionTimeout = config.tickInterval().multipliedBy(config.electionTicks());
        return new LeaseSettings(minTtlSeconds, electionTimeout, checkpointInterval, Duration.ofMillis(500));
    }
}
