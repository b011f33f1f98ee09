package dev.berth.plugins.defaultpreemption;

import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which pods a preemption may evict, for PostFilter plugins that reuse {@link DefaultPreemption}'s
 * dry run, candidate choice and eviction with rules of their own (upstream's {@code preemption.Interface}
 * as out-of-tree plugins such as CapacityScheduling implement it). Get an evaluator with
 * {@link DefaultPreemption#withPolicy}.
 *
 * <p>Every method runs inside the dry run of one node, on copies of the node and the cycle state.
 */
public interface PreemptionPolicy {

    /**
     * Whether the preemptor should wait for earlier victims still terminating on its nominated node
     * instead of preempting again (the second half of upstream's {@code PodEligibleToPreemptOthers}).
     * Not called for a pod with {@code preemptionPolicy: Never} or without a usable nominated node.
     *
     * @return why the pod may not preempt now, or empty if it may
     */
    Optional<String> waitForTerminatingVictims(CycleState state, Pod preemptor, NodeInfo nominatedNode);

    /**
     * Picks the potential victims on one node (a {@link dev.berth.framework.api.PluginStatusException} makes
     * the node no candidate, with its status). The predicate is offered the node's pods least important
     * first; each pod it accepts is removed from the node copy, and through the PreFilter extensions from
     * the state, before the next pod is offered, so its answer may depend on what it accepted already.
     */
    Predicate<PodInfo> potentialVictims(CycleState state, Pod preemptor);

    /**
     * A last check once every potential victim is gone and the preemptor passes the filters: a rejection
     * makes the node no candidate. The default accepts.
     */
    default Status checkWithoutVictims(CycleState state, Pod preemptor) {
        return Status.SUCCESS;
    }

    /**
     * Whether a victim put back during the reprieve may stay, given that the preemptor still passes the
     * filters with it (the state includes it). The default lets it stay.
     */
    default boolean allowsReprieve(CycleState state, Pod preemptor) {
        return true;
    }

    /**
     * Whether the dry run tries every potential node from the first (upstream CapacityScheduling's
     * {@code GetOffsetAndNumCandidates}) rather than a sample from a random offset sized by
     * {@link DefaultPreemptionArgs}. The default samples.
     */
    default boolean dryRunsEveryNode() {
        return false;
    }
}
