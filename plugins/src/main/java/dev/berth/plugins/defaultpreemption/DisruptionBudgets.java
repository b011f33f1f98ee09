package dev.berth.plugins.defaultpreemption;

import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.Selector;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The cluster's PodDisruptionBudgets (policy/v1), compiled once per preemption attempt, and upstream's
 * {@code filterPodsWithPDBViolation}: which victims would exceed {@code status.disruptionsAllowed}.
 */
final class DisruptionBudgets {

    /** One PDB: where it applies, how many more pods it lets go, and the pods already on their way out. */
    private record Budget(String namespace, Selector selector, int disruptionsAllowed, Set<String> disruptedPods) {
    }

    /** Victims split by whether evicting them exceeds a budget; both keep the input order. */
    record Split(List<PodInfo> violating, List<PodInfo> nonViolating) {
    }

    private final List<Budget> budgets;

    private DisruptionBudgets(List<Budget> budgets) {
        this.budgets = budgets;
    }

    /**
     * Compiles {@code pdbs}. A PDB with a missing, empty or invalid selector matches no pod, as upstream
     * treats it, so it is dropped here.
     */
    static DisruptionBudgets of(List<PodDisruptionBudget> pdbs) {
        List<Budget> budgets = new ArrayList<>();
        for (PodDisruptionBudget pdb : pdbs) {
            Selector selector;
            try {
                selector = Selector.of(pdb.getSpec() == null ? null : pdb.getSpec().getSelector());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (selector.isNothing() || selector.isEverything()) {
                continue;
            }
            var status = pdb.getStatus();
            int allowed = status == null || status.getDisruptionsAllowed() == null ? 0 : status.getDisruptionsAllowed();
            Map<String, String> disrupted = status == null ? null : status.getDisruptedPods();
            budgets.add(new Budget(pdb.getMetadata().getNamespace(), selector, allowed,
                    disrupted == null ? Set.of() : Set.copyOf(disrupted.keySet())));
        }
        return new DisruptionBudgets(List.copyOf(budgets));
    }

    /**
     * Splits {@code pods} (taken from one node) into those whose eviction would exceed a budget and the
     * rest. Each budget's allowance is spent in list order; a pod the budget already counts as disrupted
     * does not spend it again.
     */
    Split split(List<PodInfo> pods) {
        int[] allowed = new int[budgets.size()];
        for (int i = 0; i < allowed.length; i++) {
            allowed[i] = budgets.get(i).disruptionsAllowed();
        }
        List<PodInfo> violating = new ArrayList<>();
        List<PodInfo> nonViolating = new ArrayList<>();
        for (PodInfo pi : pods) {
            var meta = pi.pod().getMetadata();
            boolean violates = false;
            // A pod without labels matches no budget.
            if (meta.getLabels() != null && !meta.getLabels().isEmpty()) {
                for (int i = 0; i < allowed.length; i++) {
                    Budget b = budgets.get(i);
                    if (!Objects.equals(b.namespace(), meta.getNamespace()) || !b.selector().matches(meta.getLabels())
                            || b.disruptedPods().contains(meta.getName())) {
                        continue;
                    }
                    allowed[i]--;
                    if (allowed[i] < 0) {
                        violates = true;
                    }
                }
            }
            (violates ? violating : nonViolating).add(pi);
        }
        return new Split(violating, nonViolating);
    }
}
