package dev.berth.plugins.capacityscheduling;

import static dev.berth.plugins.capacityscheduling.Fixtures.HIGH_PRIORITY;
import static dev.berth.plugins.capacityscheduling.Fixtures.MID_PRIORITY;
import static dev.berth.plugins.capacityscheduling.Fixtures.mem;
import static dev.berth.plugins.capacityscheduling.Fixtures.pod;
import static dev.berth.plugins.capacityscheduling.Fixtures.quota;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.Status;
import dev.berth.plugins.testing.MakeNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PreFilter counts the pods that earlier preemptions nominated, which upstream's TestPreFilter does not cover:
 * the preemptor {@code p} of ns1 (50 bytes of memory, priority 100) against ns1's quota (min 200, max 200,
 * 50 used) and ns2's.
 */
class NominatedPodsTest {

    private static final List<Node> NODES = List.of(MakeNode.node("node-a").capacity(Map.of("memory", "1000", "pods", "32")).build());
    private static final String OVER_MAX = "Pod ns1/p is rejected in PreFilter because ElasticQuota ns1 is more than Max";
    private static final String OVER_MIN = "Pod ns1/p is rejected in PreFilter because total ElasticQuota used is more than min";

    record Case(String name, ElasticQuota ns2, List<Pod> placed, List<Pod> nominated, Status want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        ElasticQuota ns2WithinMin = quota("ns2", mem(300), mem(150));
        ElasticQuota ns2Borrowing = quota("ns2", mem(300), mem(10));
        return Stream.of(
                new Case("a more important pod nominated in the quota counts against its max", ns2WithinMin, List.of(),
                        List.of(nominated("n1", "ns1", 150, HIGH_PRIORITY)), Status.unschedulable(OVER_MAX)),
                new Case("an equally important pod nominated in the quota counts too", ns2WithinMin, List.of(),
                        List.of(nominated("n1", "ns1", 150, MID_PRIORITY)), Status.unschedulable(OVER_MAX)),
                new Case("a less important pod nominated in the quota does not count", ns2WithinMin, List.of(),
                        List.of(nominated("n1", "ns1", 150, 0)), Status.SUCCESS),
                new Case("a pod nominated in a quota within its min counts against the sum of mins", ns2WithinMin, List.of(),
                        List.of(nominated("n2", "ns2", 300, 0)), Status.unschedulable(OVER_MIN)),
                new Case("a pod nominated in a borrowing quota does not count", ns2Borrowing,
                        List.of(pod("b", "ns2", 20, 0, 0, 0, "node-a").build()),
                        List.of(nominated("n2", "ns2", 100, 0)), Status.SUCCESS),
                // Matched by UID: its nominated copy asks for more, which would break the max if it counted.
                new Case("the pod itself, nominated, is not counted twice", ns2WithinMin, List.of(),
                        List.of(nominated("p", "ns1", 150, MID_PRIORITY)), Status.SUCCESS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void preFilterCountsNominatedPods(Case tc) {
        Pod preemptor = pod("p", "ns1", 50, 0, 0, MID_PRIORITY, null).build();
        List<Pod> pods = new ArrayList<>(tc.placed());
        pods.add(pod("a", "ns1", 50, 0, 0, 0, "node-a").build());
        pods.add(preemptor);
        QuotaFramework env = new QuotaFramework(NODES, pods, List.of(quota("ns1", mem(200), mem(200)), tc.ns2()),
                Map.of("node-a", tc.nominated()));

        Status got = env.preFilter(preemptor).result().status();

        assertThat(got.code()).isEqualTo(tc.want().code());
        assertThat(got.message()).isEqualTo(tc.want().message());
    }

    private static Pod nominated(String name, String namespace, long memory, int priority) {
        return pod(name, namespace, memory, 0, 0, priority, null).build();
    }
}
