package dev.berth.plugins.trimaran.targetloadpacking;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pods this plugin placed lately, by node, with what they are predicted to use (upstream's
 * {@code PodAssignEventHandler} cache). A node's utilisation is measured now and then; a pod placed shortly before
 * the measurement, or after it, may not show in it yet, so Score adds these pods' predictions on top. Entries older
 * than any measurement still read (the metrics' maximum age plus the reporting interval) are dropped.
 *
 * <p>Reserve and Unreserve write from the scheduling thread; Score reads in parallel: each node's list is
 * immutable and replaced atomically.
 */
final class RecentPlacements {

    private record Placement(String podKey, long milliCpu, Instant placedAt) {
    }

    private final Map<String, List<Placement>> byNode = new ConcurrentHashMap<>();
    private final InstantSource clock;
    private final Duration keep;
    private Instant lastSweep;

    RecentPlacements(InstantSource clock, Duration keep) {
        this.clock = clock;
        this.keep = keep;
        this.lastSweep = clock.instant();
    }

    /** Records that {@code podKey}, predicted to use {@code milliCpu}, was placed on {@code node} now. */
    synchronized void add(String node, String podKey, long milliCpu) {
        Instant now = clock.instant();
        Instant horizon = now.minus(keep);
        byNode.compute(node, (n, list) -> {
            List<Placement> next = new ArrayList<>(list == null ? 0 : list.size() + 1);
            if (list != null) {
                list.stream().filter(p -> p.placedAt().isAfter(horizon) && !p.podKey().equals(podKey)).forEach(next::add);
            }
            next.add(new Placement(podKey, milliCpu, now));
            return List.copyOf(next);
        });
        // Nodes that get no more pods would keep their old entries; a sweep once per horizon bounds them.
        if (lastSweep.isBefore(horizon)) {
            byNode.replaceAll((n, list) -> list.stream().filter(p -> p.placedAt().isAfter(horizon)).toList());
            byNode.values().removeIf(List::isEmpty);
            lastSweep = now;
        }
    }

    /** Forgets {@code podKey} on {@code node} (its binding failed); nothing when it was never recorded. */
    synchronized void remove(String node, String podKey) {
        byNode.computeIfPresent(node, (n, list) -> {
            List<Placement> next = list.stream().filter(p -> !p.podKey().equals(podKey)).toList();
            return next.isEmpty() ? null : next;
        });
    }

    /** The predicted CPU, in millicores, of the pods placed on {@code node} after {@code since}. */
    long milliCpuPlacedAfter(String node, Instant since) {
        long sum = 0;
        for (Placement p : byNode.getOrDefault(node, List.of())) {
            if (p.placedAt().isAfter(since)) {
                sum += p.milliCpu();
            }
        }
        return sum;
    }
}
