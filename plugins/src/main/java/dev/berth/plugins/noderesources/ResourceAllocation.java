package dev.berth.plugins.noderesources;

import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.Resource;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * The scoring half shared by NodeResourcesFit and NodeResourcesBalancedAllocation (upstream's
 * {@code resourceAllocationScorer}): builds the requested/allocated/allocatable vectors of the
 * configured resources for a node and hands them to an {@link AllocationScorer}.
 *
 * <p>With {@code useRequested} false (Fit), cpu and memory use the non-zero requests of the pod and
 * the node (containers without a request count as 100m / 200Mi) so that best-effort pods still
 * spread; with it true (BalancedAllocation) the real requests are used. Immutable and thread-safe.
 */
final class ResourceAllocation {

    /** How to read one configured resource off a node: resolved once, not per node and call. */
    private enum Kind { CPU, MEMORY, EPHEMERAL_STORAGE, SCALAR }

    private final String[] names;
    private final Kind[] kinds;
    private final boolean[] scalar;
    private final boolean useRequested;
    private final AllocationScorer scorer;

    ResourceAllocation(List<ResourceSpec> resources, boolean useRequested, AllocationScorer scorer) {
        this.names = resources.stream().map(ResourceSpec::name).toArray(String[]::new);
        this.scalar = new boolean[names.length];
        this.kinds = new Kind[names.length];
        for (int i = 0; i < names.length; i++) {
            scalar[i] = Resource.isScalarResourceName(names[i]);
            kinds[i] = switch (names[i]) {
                case Resource.CPU -> Kind.CPU;
                case Resource.MEMORY -> Kind.MEMORY;
                case Resource.EPHEMERAL_STORAGE -> Kind.EPHEMERAL_STORAGE;
                default -> Kind.SCALAR;
            };
        }
        this.useRequested = useRequested;
        this.scorer = scorer;
    }

    /** The pod's request of each configured resource (parses the pod: call from PreScore). */
    long[] podRequests(Pod pod) {
        Resource requests = useRequested ? Resource.podRequests(pod) : Resource.podNonZeroRequests(pod);
        long[] out = new long[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = requests.get(names[i]);
        }
        return out;
    }

    /** True if the pod requests none of the configured resources. */
    static boolean isBestEffort(long[] podRequests) {
        for (long r : podRequests) {
            if (r != 0) {
                return false;
            }
        }
        return true;
    }

    long score(NodeInfo nodeInfo, long[] podRequests) {
        int n = names.length;
        long[] requested = new long[n];
        long[] allocated = new long[n];
        long[] allocatable = new long[n];
        Resource nodeRequested = useRequested ? nodeInfo.requested() : nodeInfo.nonZeroRequested();
        Resource nodeAllocatable = nodeInfo.allocatable();
        for (int i = 0; i < n; i++) {
            // A scalar resource the pod does not ask for must not make nodes that have it look busier or freer.
            if (podRequests[i] == 0 && scalar[i]) {
                continue;
            }
            long capacity;
            long used;
            switch (kinds[i]) {
                case CPU -> {
                    capacity = nodeAllocatable.milliCpu();
                    used = nodeRequested.milliCpu();
                }
                case MEMORY -> {
                    capacity = nodeAllocatable.memory();
                    used = nodeRequested.memory();
                }
                case EPHEMERAL_STORAGE -> {
                    capacity = nodeAllocatable.ephemeralStorage();
                    used = nodeInfo.requested().ephemeralStorage();
                }
                default -> {
                    Long scalarCapacity = nodeAllocatable.scalarResources().get(names[i]);
                    if (scalarCapacity == null) {
                        continue;
                    }
                    capacity = scalarCapacity;
                    used = nodeInfo.requested().get(names[i]);
                }
            }
            if (capacity == 0) {
                continue;
            }
            allocatable[i] = capacity;
            allocated[i] = used;
            requested[i] = used + podRequests[i];
        }
        return scorer.score(requested, allocated, allocatable);
    }
}
