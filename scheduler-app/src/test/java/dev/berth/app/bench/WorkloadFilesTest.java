package dev.berth.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every shipped workload file parses and carries upstream's sizes and kube-scheduler's CI floor (issue 8). */
class WorkloadFilesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // name,                     smallest size nodes, floor, measured pods' namespace, initial pods' placement
            "SchedulingBasic,            500,  270, default, SCHEDULED",
            "SchedulingPodAntiAffinity,  500,   60, sched-1, SCHEDULED",
            "SchedulingPodAffinity,      500,   35, sched-1, SCHEDULED",
            "SchedulingNodeAffinity,     500,  220, default, SCHEDULED",
            "TopologySpreading,          500,   85, default, SCHEDULED",
            "PreferredTopologySpreading, 500,  125, default, SCHEDULED",
            "PreemptionBasic,            500,   18, default, SCHEDULED",
            "Unschedulable,              500,  140, default, PENDING",
            "SchedulingWithMixedChurn,   1000, 265, default, SCHEDULED",
            "Coscheduling,               500,    0, default, SCHEDULED",
    })
    void parsesWithUpstreamSizesAndFloor(String name, int smallestNodes, double floor, String namespace, Workload.Placement placement) {
        Workload w = Workloads.byName(name);
        assertThat(w.name()).isEqualTo(name);
        assertThat(w.ciFloor()).isEqualTo(floor);
        assertThat(w.sizes()).extracting(Workload.Size::nodes).containsExactly(smallestNodes, 5000);
        assertThat(w.measurePods().namespace()).isEqualTo(namespace);
        assertThat(w.node(7).getMetadata().getName()).isEqualTo("node-00007");
        assertThat(w.node(7).getMetadata().getLabels()).containsEntry(Workload.HOSTNAME_LABEL, "node-00007");
        assertThat(w.node(7).getStatus().getAllocatable()).containsKeys("cpu", "memory", "pods");
        assertThat(w.measuredPod(3, "s").getMetadata().getName()).endsWith("-3");
        assertThat(w.measuredPod(3, "s").getSpec().getSchedulerName()).isEqualTo("s");
        assertThat(w.measuredPod(3, "s").getSpec().getNodeName()).isNull();
        if (w.initPods() != null) {
            assertThat(w.initPods().placement()).isEqualTo(placement);
            assertThat(w.initPod(12, 10, "s").getSpec().getNodeName()).isNull();
        }
    }

    @Test
    void everyFileInTheWorkloadDirectoryIsListed() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources", WorkloadReader.RESOURCE_DIR))) {
            assertThat(files.map(p -> p.getFileName().toString().replace(".yaml", "")))
                    .containsExactlyInAnyOrderElementsOf(Workloads.NAMES);
        }
    }

    @ParameterizedTest(name = "{0} nodes → size {1}, {2} initial and {3} measured pods")
    @CsvSource({
            "5000, 5000Nodes, 1000, 1000",
            "500,  500Nodes,  500,  1000",
            "20,   500Nodes,  20,   40",
            "1000, 500Nodes,  1000, 2000",
            "9000, 5000Nodes, 1800, 1800",
    })
    void countsScaleFromTheNearestSizeBelow(int nodes, String size, int init, int measured) {
        Workload w = Workloads.byName("SchedulingBasic");
        Workload.Size chosen = w.sizeFor(nodes);
        assertThat(chosen.name()).isEqualTo(size);
        assertThat(Workload.scaled(chosen.initPods(), chosen, nodes)).isEqualTo(init);
        assertThat(Workload.scaled(chosen.measurePods(), chosen, nodes)).isEqualTo(measured);
    }

    @Test
    void gangPodsCarryTheirGroupAndGroupsCountTheRest() {
        Workload w = Workloads.byName("Coscheduling");
        assertThat(w.measuredPod(9, "s").getMetadata().getLabels())
                .containsEntry(dev.berth.plugins.coscheduling.PodGroup.LABEL, "gang-group-1");
        assertThat(w.measurePods().podGroups(20)).extracting(g -> g.minMember()).containsExactly(8, 8, 4);
    }
}
