package dev.berth.framework.cache;

import dev.berth.framework.api.NodeInfo;
import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Nodes and pods for the cache tests. */
final class CacheFixtures {

    private CacheFixtures() {
    }

    /** A node with 4 CPUs and 8Gi allocatable, in {@code zone} of region {@code r} ({@code ""}: no zone labels), with 100-byte images. */
    static Node node(String name, String zone, String... images) {
        return node(name, zone, "4", List.of(images));
    }

    /** A node with {@code cpu} allocatable and one 100-byte image per entry of {@code images}. */
    static Node node(String name, String zone, String cpu, List<String> images) {
        Map<String, String> labels = new HashMap<>();
        if (!zone.isEmpty()) {
            labels.put(NodeTree.REGION_LABEL, "r");
            labels.put(NodeTree.ZONE_LABEL, zone);
        }
        List<ContainerImage> containerImages = images.stream()
                .map(image -> new ContainerImage(List.of(image), 100L))
                .toList();
        return new NodeBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewStatus()
                .withAllocatable(Map.of("cpu", new Quantity(cpu), "memory", new Quantity("8Gi"), "pods", new Quantity("110")))
                .withImages(containerImages)
                .endStatus()
                .build();
    }

    /** A pod bound to {@code nodeName} requesting {@code milliCpu} and 1Mi of memory. */
    static Pod pod(String uid, String nodeName, long milliCpu) {
        return podBuilder(uid, nodeName, milliCpu).build();
    }

    /** Like {@link #pod} with a required pod anti-affinity term (which also counts as affinity). */
    static Pod antiAffinityPod(String uid, String nodeName, long milliCpu) {
        return podBuilder(uid, nodeName, milliCpu)
                .editSpec().withNewAffinity().withNewPodAntiAffinity()
                .withRequiredDuringSchedulingIgnoredDuringExecution(term())
                .endPodAntiAffinity().endAffinity().endSpec()
                .build();
    }

    /** Like {@link #pod} with a required pod affinity term. */
    static Pod affinityPod(String uid, String nodeName, long milliCpu) {
        return podBuilder(uid, nodeName, milliCpu)
                .editSpec().withNewAffinity().withNewPodAffinity()
                .withRequiredDuringSchedulingIgnoredDuringExecution(term())
                .endPodAffinity().endAffinity().endSpec()
                .build();
    }

    /** The same pod bound to another node. */
    static Pod onNode(Pod pod, String nodeName) {
        return new PodBuilder(pod).editSpec().withNodeName(nodeName).endSpec().build();
    }

    /** The node names of {@code infos}, in order. */
    static List<String> names(List<NodeInfo> infos) {
        return infos.stream().map(NodeInfo::nodeName).toList();
    }

    private static PodAffinityTerm term() {
        return new PodAffinityTermBuilder()
                .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", "web")).build())
                .withTopologyKey(NodeTree.ZONE_LABEL)
                .build();
    }

    private static PodBuilder podBuilder(String uid, String nodeName, long milliCpu) {
        return new PodBuilder()
                .withNewMetadata().withNamespace("ns").withName("pod-" + uid).withUid(uid).withLabels(Map.of("app", "web")).endMetadata()
                .withNewSpec()
                .withNodeName(nodeName)
                .addNewContainer().withName("c").withImage("img")
                .withNewResources().withRequests(Map.of("cpu", new Quantity(milliCpu + "m"), "memory", new Quantity("1Mi"))).endResources()
                .endContainer()
                .endSpec();
    }
}
