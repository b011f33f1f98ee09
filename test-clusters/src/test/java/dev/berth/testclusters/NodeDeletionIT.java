package dev.berth.testclusters;

import static dev.berth.testclusters.TestPods.BERTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A node deleted mid-run: the pods bound to it go (pod GC: kube-controller-manager's on kind, berth up's own on the
 * embedded cluster), Berth binds no new pod to it, and a pod that only that node could take stays unschedulable.
 * It deletes a node for good, so it runs only on clusters the suite made.
 */
class NodeDeletionIT extends EndToEndTest {
    /** kube-controller-manager's pod GC waits 40 s before it deletes pods of a node that is gone. */
    private static final Duration POD_GC_LIMIT = Duration.ofSeconds(90);

    @Override
    void requirements(RunningCluster cluster) {
        Assumptions.assumeTrue(cluster.disposable(),
                "the node-deletion test deletes a node for good: it runs only on clusters the suite creates (embedded, kind)");
    }

    @Test
    void aDeletedNodeKeepsNoPodAndGetsNoNewOne() {
        List<Node> nodes = ClusterNodes.schedulable(client);
        assertThat(nodes).as("the test needs a node to delete and one to go on with").hasSizeGreaterThanOrEqualTo(2);
        Node doomed = nodes.get(nodes.size() - 1);
        String doomedName = doomed.getMetadata().getName();
        List<String> pinned = List.of("pinned-0", "pinned-1");
        pinned.forEach(n -> TestPods.create(client, namespace.name(), TestPods.pod(n, BERTH, 10)
                .editSpec().withNodeSelector(ClusterNodes.on(doomed)).endSpec()));
        TestPods.awaitBound(client, namespace.name(), pinned);

        client.nodes().withName(doomedName).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.nodes().withName(doomedName).get() == null);

        List<String> later = IntStream.range(0, 2 * nodes.size()).mapToObj(i -> "later-" + i).toList();
        later.forEach(n -> TestPods.create(client, namespace.name(), TestPods.pod(n, BERTH, 10)));
        List<Pod> bound = TestPods.awaitBound(client, namespace.name(), later);
        assertThat(bound).extracting(p -> p.getSpec().getNodeName()).doesNotContain(doomedName);

        TestPods.create(client, namespace.name(), TestPods.pod("only-there", BERTH, 10)
                .editSpec().withNodeSelector(ClusterNodes.on(doomed)).endSpec());
        PodCondition condition = TestPods.awaitUnschedulable(client, namespace.name(), "only-there");
        assertThat(condition.getMessage()).startsWith("0/" + ClusterNodes.count(client) + " nodes are available: ");

        await().atMost(POD_GC_LIMIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(client.pods().inAnyNamespace().withField("spec.nodeName", doomedName).list().getItems())
                        .as("pods still bound to deleted node " + doomedName).isEmpty());
    }
}
