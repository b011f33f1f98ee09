package dev.berth.testclusters;

import static dev.berth.testclusters.TestPods.BERTH;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Berth as a secondary scheduler: it binds the pods that name it, leaves the others alone, and says why it cannot. */
class SecondarySchedulerIT extends EndToEndTest {
    @Test
    void bindsPodsForBerthAndLeavesOtherSchedulersPodsAlone() throws InterruptedException {
        List<String> ours = IntStream.range(0, 6).mapToObj(i -> "berth-" + i).toList();
        List<String> theirs = List.of("other-0", "other-1");
        theirs.forEach(n -> TestPods.create(client, namespace.name(), TestPods.pod(n, "someone-else", 10)));
        ours.forEach(n -> TestPods.create(client, namespace.name(), TestPods.pod(n, BERTH, 10)));

        List<Pod> bound = TestPods.awaitBound(client, namespace.name(), ours);
        List<String> nodes = ClusterNodes.names(ClusterNodes.schedulable(client));
        assertThat(bound).allSatisfy(p -> {
            assertThat(nodes).contains(p.getSpec().getNodeName());
            assertThat(TestPods.podScheduled(p)).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
        });
        // Berth had as long as it took to bind six pods, and then some, to touch the others; it must not have.
        Thread.sleep(Duration.ofSeconds(2).toMillis());
        for (String name : theirs) {
            Pod other = TestPods.get(client, namespace.name(), name).orElseThrow();
            assertThat(other.getSpec().getNodeName()).as(name + " is not Berth's").isNull();
            assertThat(TestPods.podScheduled(other)).as(name + " has no PodScheduled condition from Berth").isEmpty();
        }
    }

    @Test
    void aPodNoNodeCanTakeIsMarkedUnschedulableWithUpstreamsMessage() {
        long largest = ClusterNodes.schedulable(client).stream().mapToLong(ClusterNodes::allocatableCpuMillis).max()
                .orElseThrow();
        TestPods.create(client, namespace.name(), TestPods.pod("too-big", BERTH, largest + 1000));

        PodCondition condition = TestPods.awaitUnschedulable(client, namespace.name(), "too-big");
        int nodes = ClusterNodes.count(client);
        assertThat(condition.getReason()).isEqualTo("Unschedulable");
        assertThat(condition.getMessage()).startsWith("0/" + nodes + " nodes are available: ")
                .contains("Insufficient cpu");
        assertThat(TestPods.get(client, namespace.name(), "too-big").orElseThrow().getSpec().getNodeName()).isNull();
    }
}
