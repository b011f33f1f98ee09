package dev.berth.app.bench;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scheduler_perf-style workload: a node template, pods already running (initial pods) and the
 * measured pods. Templates follow upstream's scheduler_perf defaults (nodes: 4 CPU, 32Gi, 110 pods;
 * pods: 100m CPU, 500Mi).
 */
public record Workload(String name, String description, int defaultInitPods) {

    public static final Workload SCHEDULING_BASIC = new Workload("SchedulingBasic",
            "plain pods with CPU and memory requests onto identical nodes", 1000);

    private static final List<Workload> ALL = List.of(SCHEDULING_BASIC);

    public static Optional<Workload> byName(String name) {
        return ALL.stream().filter(w -> w.name.equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(Workload::name).toList();
    }

    /** Node {@code i}: spread over 3 zones so zone-interleaving is exercised. */
    public Node node(int i) {
        return new NodeBuilder().withNewMetadata().withName(String.format("node-%05d", i))
                .withLabels(Map.of("kubernetes.io/hostname", String.format("node-%05d", i),
                        "topology.kubernetes.io/zone", "zone-" + (i % 3)))
                .endMetadata()
                .withNewStatus()
                .withAllocatable(Map.of("cpu", new Quantity("4"), "memory", new Quantity("32Gi"), "pods", new Quantity("110")))
                .withCapacity(Map.of("cpu", new Quantity("4"), "memory", new Quantity("32Gi"), "pods", new Quantity("110")))
                .endStatus().build();
    }

    /** Pod {@code i} of group {@code prefix}, for scheduler {@code schedulerName}. */
    public Pod pod(String prefix, int i, String schedulerName) {
        return new PodBuilder().withNewMetadata().withNamespace("default").withName(prefix + "-" + i)
                .withLabels(Map.of("app", prefix)).endMetadata()
                .withNewSpec().withSchedulerName(schedulerName)
                .addNewContainer().withName("pause").withImage("registry.k8s.io/pause:3.10")
                .withNewResources().withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("500Mi"))).endResources()
                .endContainer().endSpec().build();
    }
}
