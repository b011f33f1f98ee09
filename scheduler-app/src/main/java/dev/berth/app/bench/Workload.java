package dev.berth.app.bench;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A scheduler_perf-style workload: a node template, pods already running (initial pods) and the
 * measured pods, after upstream's {@code test/integration/scheduler_perf} templates: nodes with 4 CPU,
 * 32Gi and 110 pods spread over three zones; pods of 100m CPU and 500Mi.
 *
 * @param measuredShape turns a plain pod into this workload's measured pod
 * @param maxMeasuredPerNode how many measured pods one node can hold at most (0 = no limit), to size runs
 */
public record Workload(String name, String description, int defaultInitPods, UnaryOperator<PodBuilder> measuredShape,
                       int maxMeasuredPerNode) {

    static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    static final String HOSTNAME_LABEL = "kubernetes.io/hostname";

    public static final Workload SCHEDULING_BASIC = new Workload("SchedulingBasic",
            "plain pods with CPU and memory requests", 1000, b -> b, 0);

    /** Upstream's pod-with-pod-anti-affinity.yaml: required anti-affinity to its own color per hostname. */
    public static final Workload SCHEDULING_POD_ANTI_AFFINITY = new Workload("SchedulingPodAntiAffinity",
            "pods with required pod anti-affinity (one per node by hostname)", 1000,
            b -> b.editMetadata().addToLabels(Map.of("color", "green", "name", "test")).endMetadata()
                    .editSpec().withAffinity(new AffinityBuilder().withNewPodAntiAffinity()
                            .addToRequiredDuringSchedulingIgnoredDuringExecution(new PodAffinityTermBuilder()
                                    .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("color", "green")).build())
                                    .withTopologyKey(HOSTNAME_LABEL).build())
                            .endPodAntiAffinity().build()).endSpec(), 1);

    /** Upstream's pod-with-topology-spreading.yaml: maxSkew 5 over hostname and zone, DoNotSchedule. */
    public static final Workload TOPOLOGY_SPREADING = new Workload("TopologySpreading",
            "pods with hard topology spread constraints over hostname and zone", 1000,
            b -> b.editMetadata().addToLabels("foo", "bar").endMetadata()
                    .editSpec().withTopologySpreadConstraints(spread(HOSTNAME_LABEL), spread(ZONE_LABEL)).endSpec(), 0);

    private static final List<Workload> ALL = List.of(SCHEDULING_BASIC, SCHEDULING_POD_ANTI_AFFINITY, TOPOLOGY_SPREADING);

    private static io.fabric8.kubernetes.api.model.TopologySpreadConstraint spread(String key) {
        return new TopologySpreadConstraintBuilder().withMaxSkew(5).withTopologyKey(key).withWhenUnsatisfiable("DoNotSchedule")
                .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("foo", "bar")).build()).build();
    }

    public static Optional<Workload> byName(String name) {
        return ALL.stream().filter(w -> w.name.equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(Workload::name).toList();
    }

    /** Node {@code i}: spread over 3 zones, as upstream's labelNodePrepareStrategy does. */
    public Node node(int i) {
        String name = String.format("node-%05d", i);
        Map<String, Quantity> resources = Map.of("cpu", new Quantity("4"), "memory", new Quantity("32Gi"), "pods", new Quantity("110"));
        return new NodeBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of(HOSTNAME_LABEL, name, ZONE_LABEL, "zone-" + (i % 3)))
                .endMetadata()
                .withNewStatus().withAllocatable(resources).withCapacity(resources).endStatus().build();
    }

    /** An initial pod: a plain pod (upstream's init pods of these workloads are plain or their own shape in another namespace). */
    public Pod initPod(int i, String schedulerName) {
        return plainPod("init", i, schedulerName).build();
    }

    /** Measured pod {@code i}. */
    public Pod measuredPod(int i, String schedulerName) {
        return measuredShape.apply(plainPod("measured", i, schedulerName)).build();
    }

    private static PodBuilder plainPod(String prefix, int i, String schedulerName) {
        return new PodBuilder().withNewMetadata().withNamespace("default").withName(prefix + "-" + i)
                .withLabels(new java.util.HashMap<>(Map.of("app", prefix))).endMetadata()
                .withNewSpec().withSchedulerName(schedulerName)
                .addNewContainer().withName("pause").withImage("registry.k8s.io/pause:3.10")
                .withNewResources().withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("500Mi"))).endResources()
                .endContainer().endSpec();
    }
}
