package dev.berth.plugins.capacityscheduling;

import dev.berth.framework.api.Resource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One namespace's quota and what its placed pods use (upstream's {@code ElasticQuotaInfo}). Not
 * thread-safe: {@link ElasticQuotaTracker} guards the live ones, and a cycle works on its own copy.
 */
final class ElasticQuotaInfo {

    /** What an unset {@code max} allows of CPU, memory and ephemeral storage, and of any extended resource max does not name. */
    static final long UPPER_BOUND_OF_MAX = Long.MAX_VALUE;
    /** What an unset {@code min} guarantees, and what min guarantees of an extended resource it does not name. */
    static final long LOWER_BOUND_OF_MIN = 0;

    private final String namespace;
    /** Keys of the pods counted in {@link #used}, so a pod is never counted twice. */
    private final Set<String> pods;
    private final Resource min;
    private final Resource max;
    private final Resource used;

    ElasticQuotaInfo(String namespace, Resource min, Resource max, Resource used, Set<String> pods) {
        this.namespace = namespace;
        this.min = min;
        this.max = max;
        this.used = used;
        this.pods = new HashSet<>(pods);
    }

    /** A quota with nothing used yet (upstream's {@code newElasticQuotaInfo}); unset bounds get upstream's defaults. */
    static ElasticQuotaInfo of(String namespace, Map<String, Quantity> min, Map<String, Quantity> max) {
        return new ElasticQuotaInfo(namespace, min == null ? bound(LOWER_BOUND_OF_MIN) : Resource.of(min),
                max == null ? bound(UPPER_BOUND_OF_MAX) : Resource.of(max), new Resource(), Set.of());
    }

    /** Upstream's {@code makeResourceListForBound}: CPU, memory and ephemeral storage all at {@code bound}. */
    private static Resource bound(long bound) {
        Resource r = new Resource(bound, bound);
        r.set(Resource.EPHEMERAL_STORAGE, bound);
        return r;
    }

    /** The key a pod is counted under: its UID, as upstream's {@code GetPodKey}. */
    static String podKey(Pod pod) {
        String uid = pod.getMetadata().getUid();
        return uid == null || uid.isEmpty() ? pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() : uid;
    }

    String namespace() {
        return namespace;
    }

    Resource min() {
        return min;
    }

    Resource max() {
        return max;
    }

    Resource used() {
        return used;
    }

    Set<String> pods() {
        return Set.copyOf(pods);
    }

    /** A copy the caller may change without touching this one. */
    ElasticQuotaInfo copy() {
        return new ElasticQuotaInfo(namespace, min.copy(), max.copy(), used.copy(), pods);
    }

    /** The same quota with new bounds, keeping what its pods use (upstream's {@code updateElasticQuota}). */
    ElasticQuotaInfo withBoundsOf(ElasticQuotaInfo bounds) {
        return new ElasticQuotaInfo(namespace, bounds.min.copy(), bounds.max.copy(), used.copy(), pods);
    }

    /** Counts {@code pod}'s requests as used, unless it is counted already. */
    void addPodIfNotPresent(Pod pod) {
        if (pods.add(podKey(pod))) {
            used.add(Resource.podRequests(pod));
        }
    }

    /** Stops counting {@code pod}'s requests, if they were counted. */
    void deletePodIfPresent(Pod pod) {
        if (pods.remove(podKey(pod))) {
            used.subtract(Resource.podRequests(pod));
        }
    }

    /** Whether used plus {@code request} is above min in any resource {@link #exceeds} compares. */
    boolean usedOverMinWith(Resource request) {
        return exceeds(request, used, min, LOWER_BOUND_OF_MIN);
    }

    /** Whether used plus {@code request} is above max in any resource {@link #exceeds} compares. */
    boolean usedOverMaxWith(Resource request) {
        return exceeds(request, used, max, UPPER_BOUND_OF_MAX);
    }

    /** Whether the quota borrows: used is above min in any resource {@link #exceeds} compares. */
    boolean usedOverMin() {
        return exceeds(used, new Resource(), min, LOWER_BOUND_OF_MIN);
    }

    /**
     * Upstream's {@code cmp2}: whether {@code x1 + x2 > limit} in CPU, memory, ephemeral storage or pods, or
     * in an extended resource that {@code x1} names ({@code x2}'s other extended resources are not compared);
     * an extended resource {@code limit} does not name is limited by {@code bound}.
     */
    static boolean exceeds(Resource x1, Resource x2, Resource limit, long bound) {
        if (x1.milliCpu() + x2.milliCpu() > limit.milliCpu()
                || x1.memory() + x2.memory() > limit.memory()
                || x1.ephemeralStorage() + x2.ephemeralStorage() > limit.ephemeralStorage()
                || x1.allowedPodNumber() + x2.allowedPodNumber() > limit.allowedPodNumber()) {
            return true;
        }
        for (Map.Entry<String, Long> e : x1.scalarResources().entrySet()) {
            long limitOf = limit.scalarResources().getOrDefault(e.getKey(), bound);
            if (e.getValue() + x2.get(e.getKey()) > limitOf) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "ElasticQuotaInfo{" + namespace + ", min=" + min + ", max=" + max + ", used=" + used + ", pods=" + pods + "}";
    }
}
