package dev.berth.framework.queue;

import dev.berth.framework.api.PodPriority;
import dev.berth.framework.api.PodInfo;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which pending pods preemption has nominated to which nodes (upstream's {@code nominator}), so that
 * Filter can keep room for them. Writes are not thread-safe: the scheduling queue guards them with its
 * lock. Reads go to an immutable view published after every change, because Filter asks for every
 * node of every attempt from many threads while nominations change rarely.
 */
final class Nominator {

    private static final Comparator<PodInfo> BY_PRIORITY_DESCENDING =
            Comparator.comparingInt((PodInfo p) -> PodPriority.of(p.pod())).reversed();

    private final Map<String, List<PodInfo>> podsByNode = new HashMap<>();
    private final Map<String, String> nodeByUid = new HashMap<>();
    private volatile Map<String, List<PodInfo>> published = Map.of();

    /**
     * Nominates {@code pod} to {@code nodeName}, replacing its earlier nomination. A null or empty
     * {@code nodeName} means "whatever the pod's status says", as upstream's no-op nominating mode.
     */
    void add(PodInfo pod, String nodeName) {
        delete(pod.uid());
        String node = nodeName == null || nodeName.isEmpty() ? statusNomination(pod.pod()) : nodeName;
        // A bound pod already occupies its node; a nomination on top would count it twice.
        if (node.isEmpty() || isBound(pod.pod())) {
            return;
        }
        nodeByUid.put(pod.uid(), node);
        podsByNode.computeIfAbsent(node, n -> new ArrayList<>()).add(pod);
        publish();
    }

    /**
     * Follows a pod update (upstream's {@code UpdateNominatedPod}): the new status nomination wins,
     * except that an in-memory nomination survives updates in which the status never carried one,
     * because preemption nominates before the API server has recorded it.
     */
    void update(Pod oldPod, PodInfo newPod) {
        String kept = null;
        if (oldPod != null && statusNomination(oldPod).isEmpty() && statusNomination(newPod.pod()).isEmpty()) {
            kept = nodeByUid.get(newPod.uid());
        }
        add(newPod, kept);
    }

    void delete(String uid) {
        String node = nodeByUid.remove(uid);
        if (node == null) {
            return;
        }
        List<PodInfo> pods = podsByNode.get(node);
        pods.removeIf(p -> p.uid().equals(uid));
        if (pods.isEmpty()) {
            podsByNode.remove(node);
        }
        publish();
    }

    private void publish() {
        Map<String, List<PodInfo>> view = new HashMap<>();
        podsByNode.forEach((node, pods) -> {
            List<PodInfo> sorted = new ArrayList<>(pods);
            sorted.sort(BY_PRIORITY_DESCENDING);
            view.put(node, List.copyOf(sorted));
        });
        published = Map.copyOf(view);
    }

    /** The pods nominated to {@code nodeName}, highest priority first (immutable; safe without the queue's lock). */
    List<PodInfo> forNode(String nodeName) {
        return published.getOrDefault(nodeName, List.of());
    }

    private static String statusNomination(Pod pod) {
        String node = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
        return node == null ? "" : node;
    }

    private static boolean isBound(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return node != null && !node.isEmpty();
    }

}
