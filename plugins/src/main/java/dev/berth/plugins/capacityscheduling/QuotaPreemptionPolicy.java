package dev.berth.plugins.capacityscheduling;

import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PluginStatusException;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.PodPriority;
import dev.berth.framework.api.Resource;
import dev.berth.framework.api.StateKey;
import dev.berth.framework.api.Status;
import dev.berth.plugins.defaultpreemption.DefaultPreemption;
import dev.berth.plugins.defaultpreemption.PreemptionPolicy;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Preemption inside the quota rules (upstream CapacityScheduling's {@code preemptor}):
 * <ul>
 *   <li>A pod whose quota, with it, goes above min may only preempt pods of its own namespace with lower
 *       priority: what it asks for is borrowed, so it takes from itself.</li>
 *   <li>A pod whose quota stays within min may preempt pods of other quotas that borrow (are above their
 *       min), whatever their priority, until those quotas are back at min: it takes back what it is
 *       guaranteed.</li>
 *   <li>A pod of no quota may preempt only pods of no quota with lower priority.</li>
 * </ul>
 * Pods of no quota are never preempted by pods of a quota. A node is no candidate when, without its
 * victims, the preemptor would still break its max or the cluster's sum of mins; a victim put back that
 * would break them again stays a victim.
 */
final class QuotaPreemptionPolicy implements PreemptionPolicy {

    static final String QUOTA_EXCEEDED = "global quota max exceeded";

    @Override
    public Optional<String> waitForTerminatingVictims(CycleState state, Pod preemptor, NodeInfo nominatedNode) {
        Optional<ElasticQuotaInfos> read = state.read(CapacityScheduling.SNAPSHOT_KEY);
        Optional<PreFilterState> preFilter = state.read(CapacityScheduling.PRE_FILTER_KEY);
        if (read.isEmpty() || preFilter.isEmpty()) {
            return Optional.empty();
        }
        ElasticQuotaInfos quotas = read.get();
        String namespace = preemptor.getMetadata().getNamespace();
        int priority = PodPriority.of(preemptor);
        ElasticQuotaInfo own = quotas.get(namespace);
        boolean borrowing = own != null && own.usedOverMinWith(preFilter.get().nominatedInQuotaWithPod());
        for (PodInfo pi : nominatedNode.pods()) {
            Pod p = pi.pod();
            if (p.getMetadata().getDeletionTimestamp() == null) {
                continue;
            }
            ElasticQuotaInfo theirs = quotas.get(p.getMetadata().getNamespace());
            boolean sameNamespace = namespace.equals(p.getMetadata().getNamespace());
            boolean lowerPriority = PodPriority.of(p) < priority;
            boolean waits = own == null
                    ? theirs == null && lowerPriority
                    : theirs != null && (sameNamespace ? lowerPriority : !borrowing && theirs.usedOverMin());
            if (waits) {
                return Optional.of(DefaultPreemption.NOT_ELIGIBLE_TERMINATING_POD);
            }
        }
        return Optional.empty();
    }

    @Override
    public Predicate<PodInfo> potentialVictims(CycleState state, Pod preemptor) {
        ElasticQuotaInfos quotas = required(state, CapacityScheduling.SNAPSHOT_KEY);
        PreFilterState preFilter = required(state, CapacityScheduling.PRE_FILTER_KEY);
        String namespace = preemptor.getMetadata().getNamespace();
        int priority = PodPriority.of(preemptor);
        ElasticQuotaInfo own = quotas.get(namespace);
        if (own == null) {
            return pi -> quotas.get(pi.pod().getMetadata().getNamespace()) == null && PodPriority.of(pi.pod()) < priority;
        }
        // Decided once per node: removing the preemptor's own pods must not switch it to taking from others.
        boolean borrowing = own.usedOverMinWith(preFilter.nominatedInQuotaWithPod());
        return pi -> {
            String theirNamespace = pi.pod().getMetadata().getNamespace();
            ElasticQuotaInfo theirs = quotas.get(theirNamespace);
            if (theirs == null) {
                return false;
            }
            boolean sameNamespace = namespace.equals(theirNamespace);
            // The quotas change as victims are removed, so a borrowing quota gives up pods only down to its min.
            return borrowing ? sameNamespace && PodPriority.of(pi.pod()) < priority : !sameNamespace && theirs.usedOverMin();
        };
    }

    @Override
    public Status checkWithoutVictims(CycleState state, Pod preemptor) {
        PreFilterState preFilter = required(state, CapacityScheduling.PRE_FILTER_KEY);
        return breaksQuota(state, preemptor, preFilter.podRequest(), preFilter.podRequest())
                ? Status.unschedulable(QUOTA_EXCEEDED) : Status.SUCCESS;
    }

    @Override
    public boolean allowsReprieve(CycleState state, Pod preemptor) {
        PreFilterState preFilter = required(state, CapacityScheduling.PRE_FILTER_KEY);
        return !breaksQuota(state, preemptor, preFilter.nominatedInQuotaWithPod(), preFilter.nominatedWithPod());
    }

    /** Every potential node is tried, from the first (upstream's {@code GetOffsetAndNumCandidates} returns 0, n). */
    @Override
    public boolean dryRunsEveryNode() {
        return true;
    }

    /** Whether the preemptor's quota would go above max with {@code inQuota}, or all quotas above their mins with {@code overall}. */
    private static boolean breaksQuota(CycleState state, Pod preemptor, Resource inQuota,
                                       Resource overall) {
        ElasticQuotaInfos quotas = required(state, CapacityScheduling.SNAPSHOT_KEY);
        ElasticQuotaInfo own = quotas.get(preemptor.getMetadata().getNamespace());
        return own != null && (own.usedOverMaxWith(inQuota) || quotas.aggregatedUsedOverMinWith(overall));
    }

    private static <T extends CycleState.StateData> T required(CycleState state, StateKey<T> key) {
        return state.read(key).orElseThrow(
                () -> new PluginStatusException(Status.unschedulable("Failed to read " + key.name() + " from cycleState")));
    }
}
