package dev.berth.plugins.capacityscheduling;

import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.Resource;
import java.util.HashMap;
import java.util.Map;

/**
 * The quotas by namespace as one scheduling cycle sees them (upstream's {@code ElasticQuotaInfos} in its
 * {@code ElasticQuotaSnapshotState}): a copy of the live quotas taken at PreFilter, which the PreFilter
 * extensions change as preemption's dry run removes and adds pods.
 */
final class ElasticQuotaInfos implements CycleState.StateData {

    private final Map<String, ElasticQuotaInfo> byNamespace;

    ElasticQuotaInfos(Map<String, ElasticQuotaInfo> byNamespace) {
        this.byNamespace = new HashMap<>();
        byNamespace.forEach((ns, info) -> this.byNamespace.put(ns, info.copy()));
    }

    /** The quota of {@code namespace}, or {@code null} if it has none. */
    ElasticQuotaInfo get(String namespace) {
        return byNamespace.get(namespace);
    }

    /**
     * Whether the sum of every quota's used plus {@code request} is above the sum of their mins (upstream's
     * {@code aggregatedUsedOverMinWith}): the pod would borrow what another quota is guaranteed.
     */
    boolean aggregatedUsedOverMinWith(Resource request) {
        Resource used = new Resource();
        Resource min = new Resource();
        for (ElasticQuotaInfo info : byNamespace.values()) {
            used.add(info.used());
            min.add(info.min());
        }
        used.add(request);
        return ElasticQuotaInfo.exceeds(used, new Resource(), min, ElasticQuotaInfo.LOWER_BOUND_OF_MIN);
    }

    @Override
    public ElasticQuotaInfos copy() {
        return new ElasticQuotaInfos(byNamespace);
    }
}
