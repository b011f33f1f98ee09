package dev.berth.plugins.trimaran.targetloadpacking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.ScorePlugin;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TargetLoadPacking's Score. The first four rows are upstream's {@code TestTargetLoadPackingScoring}
 * (targetloadpacking_test.go: "new node", "hot node", "excess utilization returns min score", "404 resp from
 * watcher") with the same node (1000m), pods and utilisation; the rest cover what upstream tests elsewhere or not at
 * all: the prediction of a container's CPU, pods placed around the measurement, stale and missing metrics.
 */
class TargetLoadPackingTest {

    private static final Instant NOW = Instant.parse("2026-11-26T06:00:00Z");
    private static final Duration FRESH = Duration.ofSeconds(10);

    /** A node's reported utilisation: percent, and how long before NOW it was measured. */
    record Reported(double percent, Duration age) {
    }

    /** A pod this plugin placed on the node: its predicted millicores, how long before NOW. */
    record Placed(String name, String cpuLimit, Duration ago) {
    }

    /**
     * Expected scores follow upstream's curve with target 40: {@code 60 * p / 40 + 40} up to the target (20 % → 70,
     * 25 % → 77.5 → 78, 30 % → 85, 10 % → 55), {@code 40 * (100 - p) / 60} above it (50 % → 33).
     */
    record Case(String name, Pod pod, String nodeCpu, Reported reported, List<Placed> placed, long expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                // upstream's table
                new Case("new node", podWithNoContainers(), "1000m", new Reported(0, FRESH), List.of(), 40),
                new Case("hot node", podWithNoContainers(), "1000m", new Reported(50, FRESH), List.of(), 33),
                new Case("excess utilization returns min score", pod(container("1000m", "1000m")), "1000m",
                        new Reported(30, FRESH), List.of(), ScorePlugin.MIN_NODE_SCORE),
                new Case("404 resp from watcher", podWithNoContainers(), "1000m", null, List.of(), ScorePlugin.MIN_NODE_SCORE),
                // the prediction: limit, else request x 1.5, else the default request of one core; plus overhead
                new Case("a limit is the prediction", pod(container("100m", "200m")), "1000m", new Reported(0, FRESH), List.of(),
                        70),
                new Case("requests only are multiplied by 1.5", pod(container("200m", null)), "1000m", new Reported(0, FRESH),
                        List.of(), 85),
                new Case("no requests or limits predict one core", pod(container(null, null)), "10", new Reported(0, FRESH),
                        List.of(), 55),
                new Case("containers add up, overhead on top", withOverhead(pod(container(null, "1"), container("500m", null)), "250m"),
                        "10", new Reported(5, FRESH), List.of(), 78),
                new Case("on the target scores 100", pod(container(null, "2")), "10", new Reported(20, FRESH), List.of(), 100),
                // metrics Berth reads: stale ones count as missing
                new Case("metrics older than metricsMaxAgeSeconds are missing", podWithNoContainers(), "1000m",
                        new Reported(0, Duration.ofSeconds(301)), List.of(), ScorePlugin.MIN_NODE_SCORE),
                new Case("metrics just within metricsMaxAgeSeconds count", podWithNoContainers(), "1000m",
                        new Reported(0, Duration.ofSeconds(300)), List.of(), 40),
                // pods placed around the measurement (upstream's ScheduledPodsCache)
                new Case("a pod placed after the measurement counts", podWithNoContainers(), "10", new Reported(10, Duration.ofSeconds(30)),
                        List.of(new Placed("p1", "1", Duration.ofSeconds(5))), 70),
                new Case("a pod placed less than 60s before the measurement counts", podWithNoContainers(), "10",
                        new Reported(10, Duration.ofSeconds(30)), List.of(new Placed("p1", "1", Duration.ofSeconds(89))), 70),
                new Case("a pod placed 60s or more before the measurement shows in it", podWithNoContainers(), "10",
                        new Reported(10, Duration.ofSeconds(30)), List.of(new Placed("p1", "1", Duration.ofSeconds(91))), 55),
                new Case("placed pods push a node over the target", podWithNoContainers(), "10", new Reported(10, FRESH),
                        List.of(new Placed("p1", "2", Duration.ofSeconds(5)), new Placed("p2", "2", Duration.ofSeconds(4))),
                        33));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scores(Case c) {
        AtomicReference<Instant> now = new AtomicReference<>(NOW);
        Node node = node("node-1", c.nodeCpu(), c.reported());
        TargetLoadPacking plugin = new TargetLoadPacking(TargetLoadPackingArgs.defaults(), new AnnotationMetricsSource(), now::get);
        for (Placed p : c.placed()) {
            now.set(NOW.minus(p.ago()));
            plugin.reserve(new CycleState(), pod(p.name(), container(null, p.cpuLimit())), "node-1");
        }
        now.set(NOW);
        CycleState state = new CycleState();

        assertThat(plugin.preScore(state, c.pod(), List.of(NodeInfo.of(node))).isSuccess()).isTrue();
        assertThat(plugin.score(state, c.pod(), NodeInfo.of(node))).isEqualTo(c.expected());
    }

    @Test
    void unreserveForgetsThePlacement() {
        AtomicReference<Instant> now = new AtomicReference<>(NOW.minusSeconds(5));
        Node node = node("node-1", "10", new Reported(10, Duration.ofSeconds(30)));
        TargetLoadPacking plugin = new TargetLoadPacking(TargetLoadPackingArgs.defaults(), new AnnotationMetricsSource(), now::get);
        Pod placed = pod("p1", container(null, "1"));
        plugin.reserve(new CycleState(), placed, "node-1");
        now.set(NOW);
        Pod incoming = podWithNoContainers();

        assertThat(plugin.score(new CycleState(), incoming, NodeInfo.of(node))).isEqualTo(70);
        plugin.unreserve(new CycleState(), placed, "node-1");
        assertThat(plugin.score(new CycleState(), incoming, NodeInfo.of(node))).isEqualTo(55);
    }

    @Test
    void aPlacementOnAnotherNodeDoesNotCount() {
        AtomicReference<Instant> now = new AtomicReference<>(NOW);
        Node node = node("node-1", "10", new Reported(10, FRESH));
        TargetLoadPacking plugin = new TargetLoadPacking(TargetLoadPackingArgs.defaults(), new AnnotationMetricsSource(), now::get);
        plugin.reserve(new CycleState(), pod("p1", container(null, "1")), "node-2");

        assertThat(plugin.score(new CycleState(), podWithNoContainers(), NodeInfo.of(node))).isEqualTo(55);
    }

    @Test
    void aMetricsSourceOtherThanAnnotationsIsRead() {
        NodeMetricsSource source = n -> Optional.of(new NodeCpuUtilization(50, NOW));
        TargetLoadPacking plugin = new TargetLoadPacking(TargetLoadPackingArgs.defaults(), source, () -> NOW);

        assertThat(plugin.score(new CycleState(), podWithNoContainers(), NodeInfo.of(node("node-1", "1000m", null)))).isEqualTo(33);
    }

    private static Node node(String name, String cpu, Reported reported) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().withCapacity(Map.of("cpu", new Quantity(cpu), "memory", new Quantity("1Gi")))
                .withAllocatable(Map.of("cpu", new Quantity(cpu), "memory", new Quantity("1Gi"))).endStatus();
        if (reported != null) {
            b.editMetadata().withAnnotations(Map.of(
                    AnnotationMetricsSource.CPU_UTILIZATION, Double.toString(reported.percent()),
                    AnnotationMetricsSource.CPU_UTILIZATION_TIMESTAMP, NOW.minus(reported.age()).toString())).endMetadata();
        }
        return b.build();
    }

    /** Upstream's {@code st.MakePod().Name("p").Obj()}: no containers, so nothing predicted. */
    private static Pod podWithNoContainers() {
        return new PodBuilder().withNewMetadata().withName("p").withNamespace("default").endMetadata().withNewSpec().endSpec().build();
    }

    private static Pod pod(ContainerBuilder... containers) {
        return pod("p", containers);
    }

    private static Pod pod(String name, ContainerBuilder... containers) {
        List<io.fabric8.kubernetes.api.model.Container> built = new ArrayList<>();
        for (int i = 0; i < containers.length; i++) {
            built.add(containers[i].withName("c" + i).build());
        }
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withContainers(built).endSpec().build();
    }

    private static Pod withOverhead(Pod pod, String cpu) {
        pod.getSpec().setOverhead(Map.of("cpu", new Quantity(cpu)));
        return pod;
    }

    private static ContainerBuilder container(String request, String limit) {
        ContainerBuilder c = new ContainerBuilder().withImage("busybox");
        var resources = c.withNewResources();
        if (request != null) {
            resources.addToRequests("cpu", new Quantity(request));
        }
        if (limit != null) {
            resources.addToLimits("cpu", new Quantity(limit));
        }
        return resources.endResources();
    }
}
