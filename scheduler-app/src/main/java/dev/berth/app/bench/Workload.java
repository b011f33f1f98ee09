package dev.berth.app.bench;

import dev.berth.plugins.coscheduling.PodGroup;
import dev.berth.plugins.coscheduling.PodGroupSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A scheduler_perf-style workload, read from a workload file ({@link WorkloadReader}): a node template, the pods
 * already there (initial pods) and the measured pods, with upstream's sizes.
 *
 * @param ciFloor       kube-scheduler's CI floor for this workload in pods/s (0: none published)
 * @param warmupPods    measured pods of a warm-up run at the first (smallest) size: HotSpot compiles a method with its
 *                      optimizing compiler only after thousands of calls, and much of the full stack's code runs once
 *                      or twice per pod, so a warm-up as short as the measured phase leaves it compiling meanwhile
 * @param zones         values of {@value #ZONE_LABEL} given to the nodes in turn (upstream's labelNodePrepareStrategy);
 *                      empty: no zone label
 * @param priorityClasses created before any pod; templates name them, as pods on a real API server must
 * @param churn         objects created and deleted while measuring, or null
 * @param profile       the scheduler profile's YAML (plugins, pluginConfig) this workload needs, or null for the default
 */
public record Workload(String name, String description, double ciFloor, List<Size> sizes, int warmupPods, Node nodeTemplate,
                       List<String> zones, List<PriorityClass> priorityClasses, PodSet initPods, PodSet measurePods, Churn churn, String profile) {

    static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    static final String HOSTNAME_LABEL = "kubernetes.io/hostname";

    /** How a set of pods gets onto nodes: the {@code placement} of a workload file's initial pods. */
    public enum Placement {
        /**
         * Created pending and bound by the scheduler before the measured pods come, as scheduler_perf's
         * {@code createPods} op waits for them: the measured pods then meet a warmed-up scheduler.
         */
        SCHEDULED,
        /** Created already bound to the nodes in turn: quicker to set up, but the scheduler starts cold. */
        BOUND,
        /** Created pending and not waited for (pods that stay unschedulable, as Unschedulable's). */
        PENDING
    }

    /** One of upstream's sizes, e.g. 5000Nodes. */
    public record Size(String name, int nodes, int initPods, int measurePods) {
    }

    /**
     * Pods made from one template.
     *
     * @param namespace     where they are created
     * @param placement     how the pods get onto nodes (initial pods; measured pods are always {@link Placement#SCHEDULED})
     * @param maxPerNode    how many of them one node can hold at most (0: no limit), to refuse runs that cannot finish
     * @param groupSize     0, or the PodGroup minMember: consecutive pods form gangs of this many
     */
    public record PodSet(String namespace, Pod template, Placement placement, int maxPerNode, int groupSize) {

        /** Pod {@code i}: the template named {@code generateName + i}. */
        Pod pod(int i, String schedulerName) {
            PodBuilder pod = new PodBuilder(template).editMetadata().withNamespace(namespace)
                    .withName(template.getMetadata().getGenerateName() + i).withGenerateName(null).endMetadata()
                    .editSpec().withSchedulerName(schedulerName).endSpec();
            if (groupSize > 0) {
                pod.editMetadata().addToLabels(PodGroup.LABEL, groupName(i / groupSize)).endMetadata();
            }
            return pod.build();
        }

        /** The PodGroups {@code count} pods of this set belong to (none unless it forms gangs). */
        List<PodGroup> podGroups(int count) {
            if (groupSize == 0) {
                return List.of();
            }
            int groups = (count + groupSize - 1) / groupSize;
            return IntStream.range(0, groups).mapToObj(g -> {
                PodGroup group = new PodGroup();
                group.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(groupName(g)).build());
                int members = Math.min(groupSize, count - g * groupSize);
                group.setSpec(new PodGroupSpec(members, null, null));
                return group;
            }).toList();
        }

        private String groupName(int g) {
            return template.getMetadata().getGenerateName() + "group-" + g;
        }
    }

    /** Upstream's churn op in mode recreate: every interval, each template's previous object goes and a new one comes. */
    public record Churn(Duration interval, List<HasMetadata> templates) {
    }

    /** The size to take counts from for {@code nodes} nodes: the largest not above it, else the smallest. */
    public Size sizeFor(int nodes) {
        return sizes.stream().filter(s -> s.nodes() <= nodes).max(Comparator.comparingInt(Size::nodes))
                .orElseGet(() -> sizes.stream().min(Comparator.comparingInt(Size::nodes)).orElseThrow());
    }

    /** {@code count} scaled from {@code size}'s nodes to {@code nodes}, so pods per node stay as upstream has them. */
    static int scaled(int count, Size size, int nodes) {
        return (int) Math.ceil((double) count * nodes / size.nodes());
    }

    /** Node {@code i}: the template with its name, hostname and zone. */
    public Node node(int i) {
        String nodeName = nodeName(i);
        NodeBuilder node = new NodeBuilder(nodeTemplate).editOrNewMetadata().withName(nodeName)
                .addToLabels(HOSTNAME_LABEL, nodeName).endMetadata();
        if (!zones.isEmpty()) {
            node.editMetadata().addToLabels(ZONE_LABEL, zones.get(i % zones.size())).endMetadata();
        }
        return node.build();
    }

    public String nodeName(int i) {
        return String.format("node-%05d", i);
    }

    /** Initial pod {@code i}, bound to its node when the workload's initial pods are {@link Placement#BOUND}. */
    public Pod initPod(int i, int nodes, String schedulerName) {
        Pod pod = initPods.pod(i, schedulerName);
        if (initPods.placement() == Placement.BOUND) {
            pod.getSpec().setNodeName(nodeName(i % nodes));
        }
        return pod;
    }

    public Pod measuredPod(int i, String schedulerName) {
        return measurePods.pod(i, schedulerName);
    }
}
