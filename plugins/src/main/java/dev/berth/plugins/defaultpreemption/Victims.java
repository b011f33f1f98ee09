package dev.berth.plugins.defaultpreemption;

import dev.berth.framework.api.PodPriority;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;

/**
 * How preemption ranks pods: priority, then how long they have run (upstream's {@code PodPriority},
 * {@code GetPodStartTime} and {@code MoreImportantPod}).
 */
final class Victims {

    /**
     * Highest priority first; among equal priorities, the pod that started earlier first. Upstream
     * reprieves victims in this order, so long-running pods survive.
     */
    static final Comparator<Pod> MORE_IMPORTANT_FIRST = Comparator.comparingInt(PodPriority::of).reversed()
            .thenComparingLong(Victims::startTimeNanos);

    private Victims() {
    }

    /**
     * {@code status.startTime} in nanoseconds since the epoch. Upstream takes "now" for a pod that has
     * not started; Berth takes the latest possible instant instead, which orders the same against every
     * real start time and keeps the ordering stable while sorting.
     */
    static long startTimeNanos(Pod pod) {
        String startTime = pod.getStatus() == null ? null : pod.getStatus().getStartTime();
        if (startTime == null || startTime.isEmpty()) {
            return Long.MAX_VALUE;
        }
        try {
            Instant t = Instant.parse(startTime);
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
