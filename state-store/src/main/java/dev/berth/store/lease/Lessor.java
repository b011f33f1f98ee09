package dev.berth.store.lease;

import dev.berth.store.mvcc.Lease;
import dev.berth.store.mvcc.LeaseListener;
import dev.berth.store.mvcc.pb.LeaseCheckpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A member's lessor (etcd's lessor.go, minus the replicated part, which the MVCC store keeps): when each lease
 * expires. Only the leader (the primary lessor) keeps real expiry times; on other members every lease lives
 * forever, so a follower never revokes. A new leader resumes each lease from its last checkpointed remaining TTL
 * plus the election timeout (etcd's Promote), and the leader checkpoints remaining TTLs through Raft every
 * checkpoint interval so that a leader change does not restart long leases from their full TTL.
 *
 * <p>Hears the replicated table through {@link LeaseListener} on the member's apply side and serves keep-alives from the
 * API's event loops; every method is synchronized and short. Time comes from an injected nanosecond clock.
 */
public final class Lessor implements LeaseListener {

    private static final long FOREVER = Long.MAX_VALUE;

    private final LongSupplier nanos;
    private final LeaseSettings settings;
    private final Map<Long, Tracked> leases = new HashMap<>();
    private final Set<Long> revoking = new HashSet<>();
    private boolean primary;
    private long nextCheckpoint;

    /** A lease and when it expires on this member's clock ({@link #FOREVER} unless primary). */
    private record Tracked(Lease lease, long expiresAt) {
    }

    /** How long a lease has left, as TimeToLive reports it. */
    public record Remaining(Lease lease, long ttlSeconds) {
    }

    public Lessor(LongSupplier nanos, LeaseSettings settings) {
        this.nanos = nanos;
        this.settings = settings;
    }

    public synchronized boolean isPrimary() {
        return primary;
    }

    /** Becomes the primary lessor: every lease runs from its checkpointed remaining TTL plus {@code extend}. */
    public synchronized void promote(Duration extend) {
        primary = true;
        long now = nanos.getAsLong();
        leases.replaceAll((id, tracked) -> new Tracked(tracked.lease(),
                now + extend.toNanos() + seconds(remainingOrTtl(tracked.lease()))));
        nextCheckpoint = now + settings.checkpointInterval().toNanos();
    }

    /** Stops being primary: leases live forever here until this member leads again. */
    public synchronized void demote() {
        primary = false;
        revoking.clear();
        leases.replaceAll((id, tracked) -> new Tracked(tracked.lease(), FOREVER));
    }

    /** etcd's Renew: the lease runs for its full TTL again, if this member leads and the lease is alive. */
    public synchronized Renewal renew(long id) {
        if (!primary) {
            return new Renewal.NotLeader();
        }
        Tracked tracked = leases.get(id);
        long now = nanos.getAsLong();
        if (tracked == null || tracked.expiresAt() <= now) {
            return new Renewal.NotFound();
        }
        Lease lease = tracked.lease();
        leases.put(id, new Tracked(lease, now + seconds(lease.ttl())));
        return new Renewal.Renewed(lease.ttl(), lease.remainingTtl() > 0);
    }

    /** How long lease {@code id} has left on the primary; empty if unknown; {@code NotLeader} is the caller's check. */
    public synchronized Optional<Remaining> remaining(long id) {
        Tracked tracked = leases.get(id);
        if (tracked == null) {
            return Optional.empty();
        }
        long left = Math.max(0, tracked.expiresAt() - nanos.getAsLong());
        return Optional.of(new Remaining(tracked.lease(), TimeUnit.NANOSECONDS.toSeconds(left)));
    }

    /**
     * The expired leases to revoke, each handed out once until {@link #revokeFailed} or its revoke is applied;
     * empty unless primary.
     */
    public synchronized List<Long> takeExpired() {
        if (!primary) {
            return List.of();
        }
        long now = nanos.getAsLong();
        List<Long> expired = new ArrayList<>();
        leases.forEach((id, tracked) -> {
            if (tracked.expiresAt() <= now && revoking.add(id)) {
                expired.add(id);
            }
        });
        expired.sort(null);
        return expired;
    }

    /** A revoke proposal failed: the lease may be handed out again. */
    public synchronized void revokeFailed(long id) {
        revoking.remove(id);
    }

    /**
     * The checkpoints to propose if the checkpoint interval has passed: the remaining TTL of every lease that has
     * run for at least a second; empty unless primary.
     */
    public synchronized List<LeaseCheckpoint> takeDueCheckpoints() {
        long now = nanos.getAsLong();
        if (!primary || now < nextCheckpoint) {
            return List.of();
        }
        nextCheckpoint = now + settings.checkpointInterval().toNanos();
        List<LeaseCheckpoint> due = new ArrayList<>();
        leases.values().stream().sorted((a, b) -> Long.compare(a.lease().id(), b.lease().id())).forEach(tracked -> {
            long left = TimeUnit.NANOSECONDS.toSeconds(Math.max(0, tracked.expiresAt() - now));
            if (left > 0 && left < tracked.lease().ttl()) {
                due.add(LeaseCheckpoint.newBuilder().setID(tracked.lease().id()).setRemainingTTL(left).build());
            }
        });
        return due;
    }

    @Override
    public synchronized void granted(Lease lease) {
        Tracked known = leases.get(lease.id());
        long expiresAt = known != null ? known.expiresAt()
                : primary ? nanos.getAsLong() + seconds(lease.ttl()) : FOREVER;
        leases.put(lease.id(), new Tracked(lease, expiresAt));
    }

    @Override
    public synchronized void renewed(Lease lease) {
        Tracked known = leases.get(lease.id());
        if (known == null) {
            return;
        }
        long now = nanos.getAsLong();
        boolean runs = primary && known.expiresAt() > now;
        leases.put(lease.id(), new Tracked(lease, runs ? now + seconds(lease.ttl()) : known.expiresAt()));
    }

    @Override
    public synchronized void revoked(long id) {
        leases.remove(id);
        revoking.remove(id);
    }

    @Override
    public synchronized void replaced(Collection<Lease> replacement) {
        leases.clear();
        revoking.clear();
        long now = nanos.getAsLong();
        for (Lease lease : replacement) {
            leases.put(lease.id(), new Tracked(lease, primary ? now + seconds(remainingOrTtl(lease)) : FOREVER));
        }
    }

    private static long remainingOrTtl(Lease lease) {
        return lease.remainingTtl() > 0 ? lease.remainingTtl() : lease.ttl();
    }

    private static long seconds(long seconds) {
        return TimeUnit.SECONDS.toNanos(seconds);
    }
}
