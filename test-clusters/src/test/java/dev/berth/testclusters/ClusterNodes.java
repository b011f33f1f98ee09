package dev.berth.testclusters;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the suite reads about the nodes of whatever cluster it runs on, so pods are sized from real capacity: which
 * nodes take ordinary pods, and how much CPU is left on one.
 */
final class ClusterNodes {
    static final String HOSTNAME_LABEL = "kubernetes.io/hostname";
    private static final Set<String> REPELLING_EFFECTS = Set.of("NoSchedule", "NoExecute");

    private ClusterNodes() {
    }

    /** Every node, whatever its state: the N of "0/N nodes are available". */
    static int count(KubernetesClient client) {
        return client.nodes().list().getItems().size();
    }

    /**
     * Ready, not cordoned and without taints that repel pods (kind's control plane has one), sorted by name. The
     * shim leaves out an empty spec where kube-apiserver writes {@code spec: {}}.
     */
    static List<Node> schedulable(KubernetesClient client) {
        return client.nodes().list().getItems().stream()
                .filter(n -> n.getSpec() == null || !Boolean.TRUE.equals(n.getSpec().getUnschedulable())
                        && (n.getSpec().getTaints() == null || n.getSpec().getTaints().stream()
                        .noneMatch(t -> REPELLING_EFFECTS.contains(t.getEffect()))))
                .filter(n -> n.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                .sorted(Comparator.comparing(n -> n.getMetadata().getName()))
                .toList();
    }

    static List<String> names(List<Node> nodes) {
        return nodes.stream().map(n -> n.getMetadata().getName()).toList();
    }

    static long allocatableCpuMillis(Node node) {
        return millis(node.getStatus().getAllocatable().get("cpu"));
    }

    /** Allocatable CPU minus what the pods bound to the node and not finished request. */
    static long freeCpuMillis(KubernetesClient client, Node node) {
        long requested = client.pods().inAnyNamespace().withField("spec.nodeName", node.getMetadata().getName())
                .list().getItems().stream()
                .filter(p -> p.getStatus() == null || !Set.of("Succeeded", "Failed").contains(p.getStatus().getPhase()))
                .mapToLong(ClusterNodes::requestedCpuMillis).sum();
        return allocatableCpuMillis(node) - requested;
    }

    private static long requestedCpuMillis(Pod pod) {
        return pod.getSpec().getContainers().stream().map(Container::getResources)
                .filter(r -> r != null && r.getRequests() != null)
                .map(r -> r.getRequests().getOrDefault("cpu", Quantity.parse("0")))
                .mapToLong(ClusterNodes::millis).sum();
    }

    private static long millis(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity).multiply(BigDecimal.valueOf(1000)).longValue();
    }

    /** A node selector that pins a pod to {@code node}. */
    static Map<String, String> on(Node node) {
        return Map.of(HOSTNAME_LABEL, node.getMetadata().getLabels().get(HOSTNAME_LABEL));
    }
}
