package dev.berth.plugins.defaultpreemption;

import dev.berth.framework.api.PodPriority;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Picks the node to preempt on (upstream's {@code pickOneNodeForPreemption} with its default score
 * functions). Each rule keeps the candidates with the best score and the next rule breaks ties:
 * <ol>
 *   <li>fewest PodDisruptionBudget violations,</li>
 *   <li>lowest priority of the most important victim,</li>
 *   <li>smallest sum of victim priorities (each shifted by 2^31 so negative priorities do not reward more victims),</li>
 *   <li>fewest victims,</li>
 *   <li>latest earliest start time among the victims of the highest priority (disturb the youngest work),</li>
 *   <li>the first remaining candidate.</li>
 * </ol>
 * Upstream's last rule takes the first of a Go map, which is random; Berth takes the first in candidate order.
 */
final class CandidatePicker {

    private static final List<ToLongFunction<Candidate>> RULES = List.of(
            c -> -c.numPdbViolations(),
            c -> -(long) PodPriority.of(c.victims().get(0)),
            c -> -sumOfShiftedPriorities(c.victims()),
            c -> -(long) c.victims().size(),
            c -> earliestStartOfHighestPriority(c.victims()));

    private CandidatePicker() {
    }

    /** The best candidate; empty only when there are none. Every candidate must have at least one victim. */
    static Optional<Candidate> pick(List<Candidate> candidates) {
        List<Candidate> remaining = candidates;
        for (ToLongFunction<Candidate> rule : RULES) {
            if (remaining.size() <= 1) {
                break;
            }
            List<Candidate> best = new ArrayList<>();
            long bestScore = Long.MIN_VALUE;
            for (Candidate c : remaining) {
                long score = rule.applyAsLong(c);
                if (score > bestScore) {
                    bestScore = score;
                    best.clear();
                }
                if (score == bestScore) {
                    best.add(c);
                }
            }
            remaining = best;
        }
        return remaining.isEmpty() ? Optional.empty() : Optional.of(remaining.get(0));
    }

    private static long sumOfShiftedPriorities(List<Pod> victims) {
        long sum = 0;
        for (Pod p : victims) {
            sum += (long) PodPriority.of(p) + Integer.MAX_VALUE + 1L;
        }
        return sum;
    }

    /** Upstream's {@code GetEarliestPodStartTime}: the earliest start among the victims sharing the top priority. */
    private static long earliestStartOfHighestPriority(List<Pod> victims) {
        int maxPriority = Integer.MIN_VALUE;
        long earliest = Long.MAX_VALUE;
        for (Pod p : victims) {
            int priority = PodPriority.of(p);
            long start = Victims.startTimeNanos(p);
            if (priority > maxPriority) {
                maxPriority = priority;
                earliest = start;
            } else if (priority == maxPriority) {
                earliest = Math.min(earliest, start);
            }
        }
        return earliest;
    }
}
