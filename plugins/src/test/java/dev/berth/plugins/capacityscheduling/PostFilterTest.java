package dev.berth.plugins.capacityscheduling;

import static dev.berth.plugins.capacityscheduling.Fixtures.HIGH_PRIORITY;
import static dev.berth.plugins.capacityscheduling.Fixtures.MID_PRIORITY;
import static dev.berth.plugins.capacityscheduling.Fixtures.mem;
import static dev.berth.plugins.capacityscheduling.Fixtures.pod;
import static dev.berth.plugins.capacityscheduling.Fixtures.quota;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.NodeToStatus;
import dev.berth.framework.api.PostFilterResult;
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
 * Upstream's TestPostFilter and TestDryRunPreemption: one node with room for 150 bytes of memory, full;
 * the preemptor needs 50. Upstream's TestDryRunPreemption compares the candidates it got with themselves;
 * here the victims actually deleted are checked. The placed pods make up each quota's used.
 */
class PostFilterTest {

    private static final List<Node> NODES = List.of(MakeNode.node("node-a").capacity(Map.of("memory", "150", "pods", "32")).build());
    private static final NodeToStatus NODE_A_UNSCHEDULABLE = new NodeToStatus(Map.of("node-a", Status.unschedulable()),
            Status.unresolvable());

    record Case(String name, Pod pod, List<Pod> placed, List<ElasticQuota> quotas, Status.Code preFilter, List<String> wantVictims) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Pod preemptor = pod("t1-p1", "ns1", 50, 0, 0, HIGH_PRIORITY, null).build();
        List<Pod> allMid = List.of(placed("t1-p2", "ns1", MID_PRIORITY), placed("t1-p3", "ns2", MID_PRIORITY),
                placed("t1-p4", "ns2", MID_PRIORITY));
        Pod dryRunPreemptor = pod("t1-p", "ns1", 50, 0, 0, HIGH_PRIORITY, null).build();
        return Stream.of(
                // ns1 (min 50, used 50) would borrow: it may only take from itself.
                new Case("in-namespace preemption", preemptor, allMid,
                        List.of(quota("ns1", mem(200), mem(50)), quota("ns2", mem(200), mem(200))), Status.Code.SUCCESS, List.of("t1-p2")),
                // ns1 (min 150, used 50) takes back what ns2 (min 50, used 100) borrows, whatever the priorities.
                new Case("cross-namespace preemption", preemptor, allMid,
                        List.of(quota("ns1", mem(200), mem(150)), quota("ns2", mem(200), mem(50))), Status.Code.SUCCESS, List.of("t1-p3")),
                new Case("without elasticQuotas", preemptor, allMid, List.of(), Status.Code.SUCCESS, List.of("t1-p4")),
                new Case("dry run: in-namespace preemption", dryRunPreemptor,
                        List.of(placed("t1-p1", "ns1", MID_PRIORITY), placed("t1-p2", "ns2", MID_PRIORITY),
                                placed("t1-p3", "ns2", MID_PRIORITY)),
                        List.of(quota("ns1", mem(200), mem(50)), quota("ns2", mem(200), mem(200))), Status.Code.SUCCESS, List.of("t1-p1")),
                // ns2 gives up pods only down to its min: t1-p3 brings it there, so t1-p2 stays.
                new Case("dry run: cross-namespace preemption", dryRunPreemptor,
                        List.of(placed("t1-p1", "ns1", MID_PRIORITY), placed("t1-p2", "ns2", HIGH_PRIORITY),
                                placed("t1-p3", "ns2", MID_PRIORITY)),
                        List.of(quota("ns1", mem(200), mem(150)), quota("ns2", mem(200), mem(50))), Status.Code.SUCCESS, List.of("t1-p3")),
                // Not upstream's: ns1 would borrow, so it may not take from ns2 although ns2 borrows too, and nothing of
                // ns1 has lower priority: no node can help. (PreFilter rejects it for the cluster's min; PostFilter runs.)
                new Case("a borrowing quota does not take from others", pod("t1-p1", "ns1", 50, 0, 0, MID_PRIORITY, null).build(),
                        allMid, List.of(quota("ns1", mem(200), mem(50)), quota("ns2", mem(200), mem(50))),
                        Status.Code.UNSCHEDULABLE, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void postFilter(Case tc) {
        List<Pod> pods = new ArrayList<>(tc.placed());
        pods.add(tc.pod());
        QuotaFramework env = new QuotaFramework(NODES, pods, tc.quotas());
        QuotaFramework.PreFiltered pre = env.preFilter(tc.pod());
        assertThat(pre.result().status().code()).isEqualTo(tc.preFilter());

        PostFilterResult got = env.plugin.postFilter(pre.state(), tc.pod(), NODE_A_UNSCHEDULABLE);

        List<String> survivors = new ArrayList<>(env.podNames());
        List<String> victims = pods.stream().map(p -> p.getMetadata().getName()).filter(n -> !survivors.contains(n)).toList();
        assertThat(victims).as("victims").isEqualTo(tc.wantVictims());
        if (tc.wantVictims().isEmpty()) {
            assertThat(got.status().code()).isEqualTo(Status.Code.UNSCHEDULABLE);
            assertThat(got.nominatedNodeName()).isEmpty();
        } else {
            assertThat(got.status()).isEqualTo(Status.SUCCESS);
            assertThat(got.nominatedNodeName()).contains("node-a");
        }
    }

    private static Pod placed(String name, String namespace, int priority) {
        return pod(name, namespace, 50, 0, 0, priority, "node-a").build();
    }
}
