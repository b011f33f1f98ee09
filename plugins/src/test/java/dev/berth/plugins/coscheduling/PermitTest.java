package dev.berth.plugins.coscheduling;

import static dev.berth.plugins.coscheduling.Fixtures.T0;
import static dev.berth.plugins.coscheduling.Fixtures.member;
import static dev.berth.plugins.coscheduling.Fixtures.podGroup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.PermitResult;
import dev.berth.framework.api.PodsToActivate;
import dev.berth.plugins.coscheduling.Fixtures.FakeWaitingPod;
import dev.berth.plugins.testing.MakeNode;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Upstream's TestPermit, of coscheduling_test.go and core/core_test.go, with the wait each Wait asks for. */
class PermitTest {

    private static final List<Node> NODES = List.of(MakeNode.node("node").capacity(Map.of("cpu", "4")).build());
    private static final Duration ARGS_TIMEOUT = Duration.ofSeconds(10);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("pods do not belong to any podGroup", member("ns", "p", null).build(), List.of(),
                        List.of(podGroup("ns", "pg1", 1), podGroup("ns", "pg2", 2)), PermitResult.allow()),
                Arguments.of("pods belong to a pg1, but quorum not satisfied", member("ns", "p", "pg2").build(), List.of(),
                        List.of(podGroup("ns", "pg1", 1), podGroup("ns", "pg2", 2)), PermitResult.waitFor(ARGS_TIMEOUT)),
                Arguments.of("pods belong to a podGroup, and quorum satisfied", member("ns", "p", "pg1").build(), List.of(),
                        List.of(podGroup("ns", "pg1", 1), podGroup("ns", "pg2", 2)), PermitResult.allow()),
                Arguments.of("pod specifies a non-existent pg", member("ns", "p", "pg-non-existent").build(), List.of(),
                        List.of(podGroup("ns", "pg1", 2)), PermitResult.reject("PodGroup not found")),
                Arguments.of("pod belongs to a pg that have quorum satisfied", member("ns", "p1a", "pg1").build(),
                        List.of(member("ns", "p1b", "pg1").node("node").build()),
                        List.of(podGroup("ns", "pg1", 2)), PermitResult.allow()),
                Arguments.of("members in another namespace do not make the quorum", member("ns", "p1a", "pg1").build(),
                        List.of(member("other", "p1b", "pg1").node("node").build()),
                        List.of(podGroup("ns", "pg1", 2), podGroup("other", "pg1", 2)), PermitResult.waitFor(ARGS_TIMEOUT)),
                Arguments.of("the group's scheduleTimeoutSeconds wins over the args", member("ns", "p", "pg1").build(), List.of(),
                        List.of(podGroup("ns", "pg1", 2, null, 3)), PermitResult.waitFor(Duration.ofSeconds(3))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void permit(String name, Pod pod, List<Pod> existingPods, List<PodGroup> pgs, PermitResult want) {
        TestHandle handle = new TestHandle(NODES, existingPods);
        pgs.forEach(handle.cluster()::create);
        Coscheduling pl = new Coscheduling(new CoschedulingArgs(ARGS_TIMEOUT.toSeconds(), 0L), handle, () -> T0);

        assertThat(pl.permit(new CycleState(), pod, "node")).isEqualTo(want);
    }

    @Test
    void theMemberCompletingTheQuorumAllowsItsWaitingSiblingsOnly() {
        FakeWaitingPod sibling = new FakeWaitingPod(member("ns", "p1b", "pg1").node("node").build());
        FakeWaitingPod otherGroup = new FakeWaitingPod(member("ns", "p2a", "pg2").node("node").build());
        FakeWaitingPod otherNamespace = new FakeWaitingPod(member("other", "p1a", "pg1").node("node").build());
        TestHandle handle = new TestHandle(NODES, List.of(sibling.pod(), otherGroup.pod(), otherNamespace.pod()))
                .waiting(sibling, otherGroup, otherNamespace);
        handle.cluster().create(podGroup("ns", "pg1", 2));
        Coscheduling pl = new Coscheduling(CoschedulingArgs.defaults(), handle, () -> T0);

        assertThat(pl.permit(new CycleState(), member("ns", "p1a", "pg1").build(), "node")).isEqualTo(PermitResult.allow());

        assertThat(sibling.allowedBy).containsExactly(Coscheduling.NAME);
        assertThat(otherGroup.allowedBy).isEmpty();
        assertThat(otherNamespace.allowedBy).isEmpty();
    }

    @Test
    void aWaitingMemberAllowsNobody() {
        FakeWaitingPod sibling = new FakeWaitingPod(member("ns", "p1b", "pg1").node("node").build());
        TestHandle handle = new TestHandle(NODES, List.of(sibling.pod())).waiting(sibling);
        handle.cluster().create(podGroup("ns", "pg1", 3));
        Coscheduling pl = new Coscheduling(CoschedulingArgs.defaults(), handle, () -> T0);

        assertThat(pl.permit(new CycleState(), member("ns", "p1a", "pg1").build(), "node"))
                .isEqualTo(PermitResult.waitFor(Duration.ofSeconds(CoschedulingArgs.DEFAULT_PERMIT_WAITING_TIME_SECONDS)));
        assertThat(sibling.allowedBy).isEmpty();
    }

    /** Upstream's TestPodGroupBackoffTime wantActivatedPods: the first member to wait activates the others. */
    @Test
    void theGroupsFirstWaitingMemberActivatesItsSiblings() {
        List<Pod> pods = List.of(member("ns", "pod1", "pg1").build(), member("ns", "pod2", "pg1").build(),
                member("ns", "pod3", "pg1").build(), member("ns", "stranger", "pg2").build());
        TestHandle handle = new TestHandle(NODES, List.of());
        pods.forEach(handle.cluster()::create);
        handle.cluster().create(podGroup("ns", "pg1", 3));
        Coscheduling pl = new Coscheduling(CoschedulingArgs.defaults(), handle, () -> T0);
        CycleState state = new CycleState();
        state.write(PodsToActivate.KEY, new PodsToActivate());

        assertThat(pl.permit(state, pods.get(0), "node").status().isWait()).isTrue();

        assertThat(state.require(PodsToActivate.KEY).drain()).extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("pod2", "pod3");
    }

    @Test
    void laterWaitingMembersActivateNobody() {
        Pod placed = member("ns", "pod1", "pg1").node("node").build();
        List<Pod> pending = List.of(member("ns", "pod2", "pg1").build(), member("ns", "pod3", "pg1").build());
        TestHandle handle = new TestHandle(NODES, List.of(placed));
        handle.cluster().create(placed);
        pending.forEach(handle.cluster()::create);
        handle.cluster().create(podGroup("ns", "pg1", 3));
        Coscheduling pl = new Coscheduling(CoschedulingArgs.defaults(), handle, () -> T0);
        CycleState state = new CycleState();
        state.write(PodsToActivate.KEY, new PodsToActivate());

        assertThat(pl.permit(state, pending.get(0), "node").status().isWait()).isTrue();

        assertThat(state.require(PodsToActivate.KEY).drain()).isEmpty();
    }
}
