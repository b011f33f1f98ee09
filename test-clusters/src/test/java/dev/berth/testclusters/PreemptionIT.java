package dev.berth.testclusters;

import static dev.berth.testclusters.TestPods.BERTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DefaultPreemption through the API: two low-priority pods fill most of one node's free CPU; a high-priority pod pinned
 * to that node does not fit beside both, so Berth evicts (deletes) a victim and binds the high-priority pod there.
 */
class PreemptionIT extends EndToEndTest {
    private String low;
    private String high;

    @BeforeEach
    void createPriorityClasses() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        low = priorityClass("e2e-low-" + suffix, 10);
        high = priorityClass("e2e-high-" + suffix, 100_000);
    }

    @AfterEach
    void deletePriorityClasses() {
        client.scheduling().v1().priorityClasses().withName(low).delete();
        client.scheduling().v1().priorityClasses().withName(high).delete();
    }

    private String priorityClass(String name, int value) {
        client.scheduling().v1().priorityClasses().resource(new PriorityClassBuilder().withNewMetadata().withName(name)
                .endMetadata().withValue(value).withDescription("berth end-to-end suite").build()).create();
        return name;
    }

    @Test
    void aHighPriorityPodEvictsALowerPriorityVictimAndIsBound() {
        Node node = ClusterNodes.schedulable(client).get(0);
        long free = ClusterNodes.freeCpuMillis(client, node);
        // Two victims of 40% fit; the preemptor's 50% fits beside one of them but not beside both.
        List<String> victims = List.of("low-0", "low-1");
        victims.forEach(n -> TestPods.create(client, namespace.name(), TestPods.pod(n, BERTH, free * 40 / 100)
                .editSpec().withPriorityClassName(low).withNodeSelector(ClusterNodes.on(node)).endSpec()));
        TestPods.awaitBound(client, namespace.name(), victims);

        TestPods.create(client, namespace.name(), TestPods.pod("preemptor", BERTH, free * 50 / 100)
                .editSpec().withPriorityClassName(high).withNodeSelector(ClusterNodes.on(node)).endSpec());

        Pod preemptor = TestPods.awaitBound(client, namespace.name(), List.of("preemptor")).get(0);
        assertThat(preemptor.getSpec().getNodeName()).isEqualTo(node.getMetadata().getName());
        List<Pod> survivors = client.pods().inNamespace(namespace.name()).list().getItems().stream()
                .filter(p -> victims.contains(p.getMetadata().getName()))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
        assertThat(survivors).as("exactly one victim was enough, and only one was evicted").hasSize(1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(client.pods().inNamespace(namespace.name())
                .list().getItems()).extracting(p -> p.getMetadata().getName()).hasSize(2).contains("preemptor"));
    }
}
