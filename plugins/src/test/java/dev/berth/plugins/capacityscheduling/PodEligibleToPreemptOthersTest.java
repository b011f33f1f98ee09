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
import dev.berth.plugins.testing.MakePod;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upstream's TestPodEligibleToPreemptOthers. Its first two cases (preemptionPolicy Never, a nominated node
 * the filters rule out) are decided by DefaultPreemption before the quota rules and run through PostFilter;
 * the others, about pods still terminating on the nominated node, ask {@link QuotaPreemptionPolicy}.
 */
class PodEligibleToPreemptOthersTest {

    private static final List<Node> NODES = List.of(MakeNode.node("node-a").capacity(Map.of("memory", "150", "pods", "32")).build());

    record Case(String name, Pod pod, List<Pod> placed, List<ElasticQuota> quotas, boolean eligible) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> terminatingCases() {
        Pod preemptor = MakePod.pod("t1-p1").uid("t1-p1").namespace("ns1").priority(HIGH_PRIORITY)
                .edit(b -> b.editOrNewStatus().withNominatedNodeName("node-a").endStatus()).build();
        ElasticQuota ns1 = quota("ns1", mem(150), mem(50));
        ElasticQuota ns2 = quota("ns2", mem(150), mem(50));
        return Stream.of(
                new Case("Pod with terminating pod in the same namespace", preemptor,
                        List.of(terminating("ns1")), List.of(ns1), false),
                new Case("Pod with terminating pod in another namespace", preemptor,
                        List.of(terminating("ns2"), used("ns2")), List.of(ns1, ns2), false),
                new Case("Pod without elasticQuotas and terminating pod exists in the same namespace", preemptor,
                        List.of(terminating("ns2")), List.of(), false),
                new Case("Pod without ElasticQuotas and terminating pod exists in another namespace", preemptor,
                        List.of(terminating("ns2"), used("ns2")), List.of(ns2), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("terminatingCases")
    void terminatingPodsOnTheNominatedNode(Case tc) {
        List<Pod> pods = new ArrayList<>(tc.placed());
        pods.add(tc.pod());
        QuotaFramework env = new QuotaFramework(NODES, pods, tc.quotas());
        QuotaFramework.PreFiltered pre = env.preFilter(tc.pod());

        var got = new QuotaPreemptionPolicy().waitForTerminatingVictims(pre.state(), tc.pod(), env.snapshot.get("node-a").orElseThrow());

        assertThat(got.isEmpty()).isEqualTo(tc.eligible());
    }

    @Test
    void podWithPreemptNeverPreemptionPolicy() {
        Pod pod = MakePod.pod("t1-p1").uid("t1-p1").namespace("ns1").priority(HIGH_PRIORITY)
                .edit(b -> b.editSpec().withPreemptionPolicy("Never").endSpec()).build();
        PostFilterResult got = postFilter(pod, Status.unresolvable("node(s) had untolerated taint"));
        assertThat(got.status()).isEqualTo(Status.unschedulable("not eligible due to preemptionPolicy=Never."));
    }

    @Test
    void podWithUnschedulableAndUnresolvableNominatedNode() {
        Pod pod = MakePod.pod("t1-p1").uid("t1-p1").namespace("ns1").priority(HIGH_PRIORITY)
                .edit(b -> b.editOrNewStatus().withNominatedNodeName("node-a").endStatus()).build();
        PostFilterResult got = postFilter(pod, Status.unresolvable("node(s) had untolerated taint"));
        // Eligible: preemption is tried, and finds that no node can be helped.
        assertThat(got.status().message()).doesNotContain("not eligible").contains("Preemption is not helpful");
    }

    private static PostFilterResult postFilter(Pod pod, Status nodeStatus) {
        Pod placed = pod("t1-p0", "ns1", 50, 10, 0, MID_PRIORITY, "node-a").build();
        QuotaFramework env = new QuotaFramework(NODES, List.of(placed, pod), List.of(quota("ns1", mem(150), mem(50))));
        QuotaFramework.PreFiltered pre = env.preFilter(pod);
        return env.plugin.postFilter(pre.state(), pod, new NodeToStatus(Map.of("node-a", nodeStatus), Status.unresolvable()));
    }

    /** A pod of no requests, placed on node-a and being deleted. */
    private static Pod terminating(String namespace) {
        return MakePod.pod("t1-p0").uid("t1-p0").namespace(namespace).priority(MID_PRIORITY).node("node-a")
                .edit(b -> b.editMetadata().withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata()).build();
    }

    /** What makes ns2 borrow: 100 bytes of memory against its min of 50. */
    private static Pod used(String namespace) {
        return pod("used-" + namespace, namespace, 100, 0, 0, MID_PRIORITY, "node-a").build();
    }
}
