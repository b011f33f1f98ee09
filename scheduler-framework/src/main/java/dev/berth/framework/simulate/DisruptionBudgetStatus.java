package dev.berth.framework.simulate;

import dev.berth.framework.api.Selector;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fills a PodDisruptionBudget's status as the disruption controller would, from the scenario's pods:
 * expected = the pods it selects in its namespace, currentHealthy = those already running on a node,
 * desiredHealthy from {@code minAvailable} (a number or {@code "N%"} of expected, rounded up) or expected
 * minus {@code maxUnavailable}, and disruptionsAllowed = max(0, currentHealthy − desiredHealthy).
 * A status that already gives disruptionsAllowed is kept.
 */
final class DisruptionBudgetStatus {

    private DisruptionBudgetStatus() {
    }

    /**
     * {@code pdb} with its status filled in.
     *
     * @throws ScenarioException for an invalid selector, minAvailable or maxUnavailable
     */
    static PodDisruptionBudget fill(PodDisruptionBudget pdb, List<Pod> pods) {
        if (pdb.getStatus() != null && pdb.getStatus().getDisruptionsAllowed() != null) {
            return pdb;
        }
        var spec = pdb.getSpec();
        Selector selector;
        try {
            selector = Selector.of(spec == null ? null : spec.getSelector());
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(pdb, "spec.selector", e.getMessage());
        }
        int expected = 0;
        int healthy = 0;
        for (Pod pod : pods) {
            Map<String, String> labels = pod.getMetadata().getLabels();
            if (Objects.equals(pod.getMetadata().getNamespace(), pdb.getMetadata().getNamespace())
                    && selector.matches(labels == null ? Map.of() : labels)) {
                expected++;
                String node = pod.getSpec().getNodeName();
                if (node != null && !node.isEmpty()) {
                    healthy++;
                }
            }
        }
        int desired = 0;
        if (spec != null && spec.getMinAvailable() != null) {
            desired = scaled(pdb, "spec.minAvailable", spec.getMinAvailable(), expected);
        } else if (spec != null && spec.getMaxUnavailable() != null) {
            desired = Math.max(0, expected - scaled(pdb, "spec.maxUnavailable", spec.getMaxUnavailable(), expected));
        }
        PodDisruptionBudgetStatus status = pdb.getStatus() == null ? new PodDisruptionBudgetStatus() : pdb.getStatus();
        return new PodDisruptionBudgetBuilder(pdb).withNewStatusLike(status)
                .withExpectedPods(expected)
                .withCurrentHealthy(healthy)
                .withDesiredHealthy(desired)
                .withDisruptionsAllowed(Math.max(0, healthy - desired))
                .endStatus().build();
    }

    /** Upstream's {@code GetScaledValueFromIntOrPercent} rounding up: a number as is, "N%" of {@code total}. */
    private static int scaled(PodDisruptionBudget pdb, String field, IntOrString value, int total) {
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String s = value.getStrVal() == null ? "" : value.getStrVal();
        try {
            if (s.endsWith("%")) {
                int percent = Integer.parseInt(s.substring(0, s.length() - 1));
                return (int) Math.ceil(percent * (double) total / 100);
            }
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new ScenarioException(pdb, field, "invalid value \"" + s + "\": want a number or a percentage like \"50%\"");
        }
    }
}
