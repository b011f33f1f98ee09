package dev.berth.plugins.coscheduling;

import static dev.berth.plugins.coscheduling.Fixtures.T0;
import static dev.berth.plugins.coscheduling.Fixtures.member;
import static dev.berth.plugins.coscheduling.Fixtures.podGroup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.NodeToStatus;
import dev.berth.framework.api.PostFilterResult;
import dev.berth.framework.api.Status;
import dev.berth.plugins.coscheduling.Fixtures.FakeWaitingPod;
import dev.berth.plugins.testing.MakeNode;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upstream's TestPostFilter (coscheduling_test.go), plus which waiting members each case rejects:
 * the existing pods are assumed members held at Permit.
 */
class PostFilterTest {

    private static final List<Node> NODES = List.of(MakeNode.node("node").capacity(Map.of("cpu", "4")).build());
    private static final NodeToStatus NODE_STATUS = new NodeToStatus(Map.of("node", Status.unschedulable("Insufficient cpu")), Status.unschedulable());

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("pod does not belong to any pod group", member("ns", "p", null).build(), List.of(),
                        List.of(podGroup("ns", "pg1", 2)), Status.unschedulable("can not find pod group"), List.of()),
                Arguments.of("enough pods assigned, do not reject all", member("ns", "p", "pg1").build(),
                        List.of(member("ns", "p1", "pg1").node("node").build()),
                        List.of(podGroup("ns", "pg1", 1)), Status.unschedulable(), List.of()),
                Arguments.of("pod failed at filter phase, reject all pods", member("ns", "p", "pg1").build(),
                        List.of(member("ns", "p1", "pg1").node("node").build()),
                        List.of(podGroup("ns", "pg1", 2)),
                        Status.unschedulable("PodGroup ns/pg1 gets rejected due to Pod p is unschedulable even after PostFilter"),
                        List.of("p1")),
                Arguments.of("a gap of at most 10% rejects nobody", member("ns", "p", "pg1").build(), members("pg1", 9),
                        List.of(podGroup("ns", "pg1", 10)), Status.unschedulable(), List.of()),
                Arguments.of("only the failing pod's group is rejected", member("ns", "p", "pg1").build(),
                        List.of(member("ns", "p1", "pg1").node("node").build(), member("ns", "q1", "pg2").node("node").build()),
                        List.of(podGroup("ns", "pg1", 2), podGroup("ns", "pg2", 2)),
                        Status.unschedulable("PodGroup ns/pg1 gets rejected due to Pod p is unschedulable even after PostFilter"),
                        List.of("p1")));
    }

    private static List<Pod> members(String group, int n) {
        List<Pod> pods = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            pods.add(member("ns", "p" + i, group).node("node").build());
        }
        return pods;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void postFilter(String name, Pod pod, List<Pod> existingPods, List<PodGroup> pgs, Status want, List<String> wantRejected) {
        TestHandle handle = new TestHandle(NODES, existingPods);
        List<FakeWaitingPod> waiting = existingPods.stream().map(FakeWaitingPod::new).toList();
        handle.waiting(waiting.toArray(FakeWaitingPod[]::new));
        pgs.forEach(handle.cluster()::create);
        Coscheduling pl = new Coscheduling(CoschedulingArgs.defaults(), handle, () -> T0);

        PostFilterResult got = pl.postFilter(new CycleState(), pod, NODE_STATUS);

        assertThat(got.status()).isEqualTo(want);
        assertThat(got.nominatedNodeName()).isEmpty();
        assertThat(waiting.stream().filter(w -> !w.rejections.isEmpty()).map(w -> w.pod().getMetadata().getName()))
                .containsExactlyElementsOf(wantRejected);
        waiting.forEach(w -> assertThat(w.rejections).allMatch("Coscheduling: optimistic rejection in PostFilter"::equals));
    }

    @Test
    void unreserveRejectsTheWaitingMembersOfTheGroup() {
        FakeWaitingPod sibling = new FakeWaitingPod(member("ns", "p1b", "pg1").node("node").build());
        FakeWaitingPod stranger = new FakeWaitingPod(member("ns", "p2a", "pg2").node("node").build());
        TestHandle handle = new TestHandle(NODES, List.of(sibling.pod(), stranger.pod())).waiting(sibling, stranger);
        handle.cluster().create(podGroup("ns", "pg1", 3));
        handle.cluster().create(podGroup("ns", "pg2", 3));
        Coscheduling pl = new Coscheduling(CoschedulingArgs.defaults(), handle, () -> T0);

        pl.unreserve(new CycleState(), member("ns", "p1a", "pg1").node("node").build(), "node");

        assertThat(sibling.rejections).containsExactly("Coscheduling: rejection in Unreserve");
        assertThat(stranger.rejections).isEmpty();
    }
}
