package dev.berth.framework.simulate;

import dev.berth.framework.api.ClusterWatcher;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.PodPriority;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nominator: pods not yet on a node whose {@code status.nominatedNodeName} names one, followed through
 * the cluster's pod changes, so nominations the simulator records and those preemption clears both count.
 */
final class Nominations implements ClusterWatcher<Pod> {

    private static final Comparator<PodInfo> HIGHEST_PRIORITY_FIRST =
            Comparator.comparingInt((PodInfo pi) -> PodPriority.of(pi.pod())).reversed();

    /** By pod key, in the order the nominations were made. */
    private final Map<String, PodInfo> nominated = new LinkedHashMap<>();

    @Override
    public void onAdd(Pod pod) {
        track(pod);
    }

    @Override
    public void onUpdate(Pod oldPod, Pod newPod) {
        track(newPod);
    }

    @Override
    public void onDelete(Pod pod) {
        nominated.remove(SimulatedPods.key(pod));
    }

    private void track(Pod pod) {
        String node = pod.getSpec().getNodeName();
        String nominatedNode = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
        boolean pending = node == null || node.isEmpty();
        if (pending && nominatedNode != null && !nominatedNode.isEmpty()) {
            nominated.put(SimulatedPods.key(pod), PodInfo.of(pod));
        } else {
            nominated.remove(SimulatedPods.key(pod));
        }
    }

    /** The pods nominated to {@code nodeName}, highest priority first. */
    List<PodInfo> forNode(String nodeName) {
        return nominated.values().stream()
                .filter(pi -> nodeName.equals(pi.pod().getStatus().getNominatedNodeName()))
                .sorted(HIGHEST_PRIORITY_FIRST)
                .toList();
    }
}
