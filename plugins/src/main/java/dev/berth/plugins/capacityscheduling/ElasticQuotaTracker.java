package dev.berth.plugins.capacityscheduling;

import dev.berth.framework.api.ClusterClient;
import dev.berth.framework.api.ClusterWatcher;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The live quotas and what the pods placed in their namespaces use (upstream's ElasticQuota and pod
 * event handlers of CapacityScheduling): fed by watches on ElasticQuotas and pods, and by Reserve and
 * Unreserve, which count a pod before the cluster reports it bound. Thread-safe: watches deliver on the
 * cluster's threads, Reserve runs on the scheduling loop and Unreserve on binding threads.
 */
final class ElasticQuotaTracker {

    private final ClusterClient cluster;
    private final Map<String, ElasticQuotaInfo> byNamespace = new HashMap<>();

    ElasticQuotaTracker(ClusterClient cluster) {
        this.cluster = cluster;
    }

    /** A copy of every quota, for one scheduling cycle. */
    synchronized ElasticQuotaInfos snapshot() {
        return new ElasticQuotaInfos(byNamespace);
    }

    /** A copy of {@code namespace}'s quota, if it has one. */
    synchronized Optional<ElasticQuotaInfo> get(String namespace) {
        return Optional.ofNullable(byNamespace.get(namespace)).map(ElasticQuotaInfo::copy);
    }

    /** Whether {@code namespace} has a quota. */
    synchronized boolean hasQuota(String namespace) {
        return byNamespace.containsKey(namespace);
    }

    /** Counts a pod that Reserve placed; a namespace without a quota is not tracked. */
    synchronized void reserve(Pod pod) {
        ElasticQuotaInfo info = byNamespace.get(pod.getMetadata().getNamespace());
        if (info != null) {
            info.addPodIfNotPresent(pod);
        }
    }

    /** Stops counting a pod whose placement was undone. */
    synchronized void unreserve(Pod pod) {
        ElasticQuotaInfo info = byNamespace.get(pod.getMetadata().getNamespace());
        if (info != null) {
            info.deletePodIfPresent(pod);
        }
    }

    /** The first quota of a namespace counts; a later one is ignored, as upstream allows one per namespace. */
    synchronized void addQuota(ElasticQuota eq) {
        byNamespace.putIfAbsent(eq.getMetadata().getNamespace(), infoOf(eq));
    }

    /** New bounds; what the namespace's pods use is kept. */
    synchronized void updateQuota(ElasticQuota eq) {
        ElasticQuotaInfo fresh = infoOf(eq);
        byNamespace.merge(eq.getMetadata().getNamespace(), fresh, (old, ignored) -> old.withBoundsOf(fresh));
    }

    synchronized void deleteQuota(ElasticQuota eq) {
        byNamespace.remove(eq.getMetadata().getNamespace());
    }

    /**
     * Counts a pod placed on a node. A pod seen before its namespace's quota (the two watches are not
     * ordered) makes the tracker look the quota up in the cluster's cache, as upstream's lister does.
     */
    synchronized void addPod(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        ElasticQuotaInfo info = byNamespace.get(namespace);
        if (info == null) {
            Optional<ElasticQuota> eq = cluster.list(ElasticQuota.class).stream()
                    .filter(q -> namespace.equals(q.getMetadata().getNamespace())).findFirst();
            if (eq.isEmpty()) {
                return;
            }
            info = infoOf(eq.get());
            byNamespace.put(namespace, info);
        }
        info.addPodIfNotPresent(pod);
    }

    /**
     * A placed pod that finished (any phase but Pending or Running) no longer uses its quota; a pod that
     * was already finished changes nothing (upstream's {@code updatePod}). A pod without a phase counts as
     * Pending, which is what the API server would have defaulted it to.
     */
    synchronized void updatePod(Pod oldPod, Pod newPod) {
        if (finished(oldPod) || !finished(newPod)) {
            return;
        }
        ElasticQuotaInfo info = byNamespace.get(newPod.getMetadata().getNamespace());
        if (info != null) {
            info.deletePodIfPresent(newPod);
        }
    }

    synchronized void deletePod(Pod pod) {
        unreserve(pod);
    }

    private static boolean finished(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return phase != null && !phase.isEmpty() && !"Pending".equals(phase) && !"Running".equals(phase);
    }

    private static ElasticQuotaInfo infoOf(ElasticQuota eq) {
        ElasticQuotaSpec spec = eq.getSpec();
        return ElasticQuotaInfo.of(eq.getMetadata().getNamespace(), spec == null ? null : spec.min(), spec == null ? null : spec.max());
    }

    /** Feeds ElasticQuota events into the tracker. */
    ClusterWatcher<ElasticQuota> quotaWatcher() {
        return new ClusterWatcher<>() {
            @Override
            public void onAdd(ElasticQuota eq) {
                addQuota(eq);
            }

            @Override
            public void onUpdate(ElasticQuota oldEq, ElasticQuota newEq) {
                updateQuota(newEq);
            }

            @Override
            public void onDelete(ElasticQuota eq) {
                deleteQuota(eq);
            }
        };
    }

    /**
     * Feeds the events of placed pods into the tracker; a pod that becomes placed counts as added and one
     * that stops being placed as deleted, as upstream's filtering event handler delivers them.
     */
    ClusterWatcher<Pod> podWatcher() {
        return new ClusterWatcher<>() {
            @Override
            public void onAdd(Pod pod) {
                if (placed(pod)) {
                    addPod(pod);
                }
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                boolean was = placed(oldPod);
                boolean is = placed(newPod);
                if (was && is) {
                    updatePod(oldPod, newPod);
                } else if (is) {
                    addPod(newPod);
                } else if (was) {
                    deletePod(oldPod);
                }
            }

            @Override
            public void onDelete(Pod pod) {
                if (placed(pod)) {
                    deletePod(pod);
                }
            }
        };
    }

    /** Whether {@code pod} is on a node, so counts in its quota. */
    static boolean placed(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
    }
}
