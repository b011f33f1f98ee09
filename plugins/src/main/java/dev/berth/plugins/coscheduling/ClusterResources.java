package dev.berth.plugins.coscheduling;

import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.Resource;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Whether the nodes' free resources add up to what a group needs as a whole (upstream's
 * {@code CheckClusterResource}). The group's own placed pods count as free: they are part of what it
 * needs. A rough check before any member is placed: the sum may be spread too thinly to fit a pod.
 */
final class ClusterResources {

    private ClusterResources() {
    }

    /**
     * What a group needs: its {@code minResources}, in the scheduler's units (millicores for CPU), and
     * room for {@code minMember} pods.
     */
    static Map<String, Long> needed(Map<String, Quantity> minResources, int minMember) {
        Map<String, Long> needed = new TreeMap<>();
        minResources.forEach((name, quantity) -> needed.put(name, Resource.toLong(name, quantity)));
        needed.put(Resource.PODS, (long) minMember);
        return needed;
    }

    /** What {@code needed} lacks after taking the free resources of every node; empty when it fits. */
    static Map<String, Long> gap(List<NodeInfo> nodes, Map<String, Long> needed, String pgFullName) {
        Map<String, Long> missing = new TreeMap<>(needed);
        missing.values().removeIf(amount -> amount <= 0);
        for (NodeInfo node : nodes) {
            if (missing.isEmpty()) {
                break;
            }
            Map<String, Long> free = free(node, pgFullName);
            for (String name : List.copyOf(missing.keySet())) {
                long left = missing.get(name) - free.getOrDefault(name, 0L);
                if (left <= 0) {
                    missing.remove(name);
                } else {
                    missing.put(name, left);
                }
            }
        }
        return missing;
    }

    /** A node's allocatable minus what its pods other than the group's request. */
    private static Map<String, Long> free(NodeInfo node, String pgFullName) {
        Resource requested = node.requested().copy();
        int otherPods = 0;
        for (PodInfo pod : node.pods()) {
            if (PodGroup.fullNameOf(pod.pod()).filter(pgFullName::equals).isPresent()) {
                requested.subtract(pod.requests());
            } else {
                otherPods++;
            }
        }
        Resource allocatable = node.allocatable();
        Map<String, Long> free = new LinkedHashMap<>();
        for (String name : List.of(Resource.CPU, Resource.MEMORY, Resource.EPHEMERAL_STORAGE)) {
            free.put(name, allocatable.get(name) - requested.get(name));
        }
        allocatable.scalarResources().forEach((name, amount) -> free.put(name, amount - requested.get(name)));
        free.put(Resource.PODS, allocatable.allowedPodNumber() - otherPods);
        return free;
    }

    /** {@code resource gap: cpu=4, pods=1}, CPU back in cores or millicores as a Quantity prints it. */
    static String describe(Map<String, Long> gap) {
        StringJoiner out = new StringJoiner(", ", "resource gap: ", "");
        gap.forEach((name, amount) -> out.add(name + "=" + (Resource.CPU.equals(name) ? cores(amount) : Long.toString(amount))));
        return out.toString();
    }

    private static String cores(long milliCpu) {
        return milliCpu % 1000 == 0 ? Long.toString(milliCpu / 1000) : milliCpu + "m";
    }
}
