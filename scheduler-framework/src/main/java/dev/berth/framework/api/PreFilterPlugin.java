package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/**
 * Runs once per scheduling attempt before Filter (upstream's PreFilter): compute what Filter needs
 * and store it in the {@link CycleState}. Returning {@link Status#skip()} skips this plugin's Filter
 * for the pod; a rejection makes the pod unschedulable without filtering any node.
 */
public interface PreFilterPlugin extends Plugin {

    /**
     * @param nodes every node in the snapshot, in the scheduler's order
     */
    PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes);

    /**
     * Incremental updates of this plugin's PreFilter state when the framework evaluates "what if this
     * pod were added/removed" (nominated pods, preemption dry runs). Plugins whose Filter depends on
     * other pods must provide them.
     */
    default Optional<PreFilterExtensions> preFilterExtensions() {
        return Optional.empty();
    }

    /** Adds or removes a pod from the state computed in PreFilter. */
    interface PreFilterExtensions {

        /** Updates {@code state} as if {@code podInfoToAdd} ran on {@code nodeInfo}. */
        Status addPod(CycleState state, Pod podToSchedule, PodInfo podInfoToAdd, NodeInfo nodeInfo);

        /** Updates {@code state} as if {@code podInfoToRemove} no longer ran on {@code nodeInfo}. */
        Status removePod(CycleState state, Pod podToSchedule, PodInfo podInfoToRemove, NodeInfo nodeInfo);
    }
}
