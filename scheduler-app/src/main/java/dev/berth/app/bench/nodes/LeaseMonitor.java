package dev.berth.app.bench.nodes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Watches the node Leases in {@code kube-node-lease} as the node lifecycle controller does: a node is healthy while a
 * new renewTime keeps arriving within the Lease's leaseDurationSeconds, timed by when this watch sees it. Each renewal
 * seen records its lag behind the heartbeat schedule (time since the previous renewal was seen, minus the interval;
 * never below zero); a Lease seen renewed after longer than its duration, or not renewed for that long at a
 * {@link #sweep()}, has lapsed.
 */
final class LeaseMonitor implements AutoCloseable {
    static final String NAMESPACE = "kube-node-lease";

    /** When a Lease's current renewTime was first seen, and how long it may go unrenewed. */
    private record Seen(long atNanos, ZonedDateTime renewTime, long durationNanos) {
    }

    private final long intervalNanos;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final Set<String> lapsed = ConcurrentHashMap.newKeySet();
    private long[] lags = new long[1024];
    private int renewals;
    private WatchFromNow watch;

    private LeaseMonitor(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Watches from the Leases' current resourceVersion, so only the Leases written from now on are seen. */
    static LeaseMonitor start(KubernetesClient client, Duration interval) {
        LeaseMonitor monitor = new LeaseMonitor(interval);
        monitor.watch = WatchFromNow.start(client.leases().inNamespace(NAMESPACE), "node Leases",
                (action, lease) -> monitor.observe(action, lease.getMetadata().getName(), lease.getSpec().getRenewTime(),
                        Optional.ofNullable(lease.getSpec().getLeaseDurationSeconds()).orElse(0), System.nanoTime()));
        return monitor;
    }

    /** One watch event: a Lease {@code node} with {@code renewTime}, seen at {@code nowNanos}. */
    void observe(Watcher.Action action, String node, ZonedDateTime renewTime, int durationSeconds, long nowNanos) {
        Seen now = new Seen(nowNanos, renewTime, TimeUnit.SECONDS.toNanos(durationSeconds));
        switch (action) {
            case ADDED -> seen.put(node, now);
            case MODIFIED -> {
                Seen before = seen.get(node);
                if (before == null) {
                    seen.put(node, now);
                } else if (!Objects.equals(before.renewTime(), renewTime)) {
                    long gap = nowNanos - before.atNanos();
                    record(Math.max(0, gap - intervalNanos));
                    if (gap > before.durationNanos()) {
                        lapsed.add(node);
                    }
                    seen.put(node, now);
                }
            }
            case DELETED -> seen.remove(node);
            default -> {
            }
        }
    }

    private synchronized void record(long lagNanos) {
        if (renewals == lags.length) {
            lags = Arrays.copyOf(lags, lags.length * 2);
        }
        lags[renewals++] = lagNanos;
    }

    /** Marks lapsed every Lease not renewed for longer than its duration by {@code nowNanos}. */
    void sweep(long nowNanos) {
        seen.forEach((node, last) -> {
            if (nowNanos - last.atNanos() > last.durationNanos()) {
                lapsed.add(node);
            }
        });
    }

    /** The renewal lags seen so far, sorted. */
    synchronized long[] sortedLags() {
        long[] sorted = Arrays.copyOf(lags, renewals);
        Arrays.sort(sorted);
        return sorted;
    }

    /** Nodes whose Lease lapsed at some point, by name. */
    List<String> lapsed() {
        return List.copyOf(new TreeSet<>(lapsed));
    }

    /** Leases seen (created or renewed) and not deleted. */
    int leases() {
        return seen.size();
    }

    /** Why the watch stopped, if it did: then no lapse after that could be seen. */
    Optional<String> failure() {
        return watch.failure();
    }

    @Override
    public void close() {
        watch.close();
    }
}
