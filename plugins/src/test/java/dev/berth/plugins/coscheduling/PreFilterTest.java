package dev.berth.plugins.coscheduling;

import static dev.berth.plugins.coscheduling.Fixtures.T0;
import static dev.berth.plugins.coscheduling.Fixtures.member;
import static dev.berth.plugins.coscheduling.Fixtures.podGroup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.NodeToStatus;
import dev.berth.framework.api.Status;
import dev.berth.plugins.testing.MakeNode;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Upstream's TestPreFilter (core/core_test.go) and TestPodGroupBackoffTime (coscheduling_test.go). */
class PreFilterTest {

    // Upstream's st.MakeNode().Capacity() adds room for 32 pods.
    private static final List<Node> NODES = List.of(
            MakeNode.node("node-a").capacity(Map.of("cpu", "4", "pods", "32")).build(),
            MakeNode.node("node-b").capacity(Map.of("cpu", "4", "pods", "32")).build());

    /**
     * As upstream's table, the cluster holds the pending pods but not the pod under test, so "equal"
     * means the pending pods alone reach minMember.
     */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("pod does not belong to any pg", member("default", "p", null).build(),
                        List.of(member("ns", "p1", "pg1").build(), member("ns", "p2", "pg2").build()),
                        List.of(podGroup("ns", "pg1", 1), podGroup("ns", "pg2", 1)), Status.SUCCESS),
                Arguments.of("pod belongs to a non-existent pg", member("ns", "p", "pg-non-existent").build(), List.of(),
                        List.of(podGroup("ns", "pg1", 1)), Status.SUCCESS),
                Arguments.of("pod count less than minMember", member("ns", "p", "pg1").build(),
                        List.of(member("ns", "pg2-1", "pg2").build()),
                        List.of(podGroup("ns", "pg1", 2), podGroup("ns", "pg2", 2)),
                        Status.unresolvable("pre-filter pod p cannot find enough sibling pods, current pods number: 0, minMember of group: 2")),
                Arguments.of("pod count equal minMember", member("ns", "p1a", "pg1").build(),
                        List.of(member("ns", "p1b", "pg1").build(), member("ns", "p1c", "pg1").build()),
                        List.of(podGroup("ns", "pg1", 2), podGroup("ns", "pg2", 2)), Status.SUCCESS),
                Arguments.of("pod count more than minMember", member("ns", "p1a", "pg1").build(),
                        List.of(member("ns", "p1b", "pg1").build(), member("ns", "p1c", "pg1").build(), member("ns", "p1d", "pg1").build()),
                        List.of(podGroup("ns", "pg1", 2), podGroup("ns", "pg2", 2)), Status.SUCCESS),
                Arguments.of("cluster's resource satisfies minResource", member("ns", "p1a", "pg1").build(),
                        List.of(member("ns", "p1b", "pg1").build(), member("ns", "p1c", "pg1").build()),
                        List.of(withMinCpu(podGroup("ns", "pg1", 2), "6")), Status.SUCCESS),
                Arguments.of("cluster's resource cannot satisfy minResource", member("ns", "p1a", "pg1").build(),
                        List.of(member("ns", "p1b", "pg1").build(), member("ns", "p1c", "pg1").build()),
                        List.of(withMinCpu(podGroup("ns", "pg1", 2), "10")), Status.unresolvable("resource gap: cpu=2")),
                Arguments.of("pods of a same-named group in another namespace do not count", member("ns", "p1a", "pg1").build(),
                        List.of(member("other", "p1b", "pg1").build(), member("other", "p1c", "pg1").build()),
                        List.of(podGroup("ns", "pg1", 2), podGroup("other", "pg1", 2)),
                        Status.unresolvable("pre-filter pod p1a cannot find enough sibling pods, current pods number: 0, minMember of group: 2")));
    }

    private static PodGroup withMinCpu(PodGroup pg, String cpu) {
        pg.setSpec(new PodGroupSpec(pg.minMember(), Map.of("cpu", new Quantity(cpu)), null));
        return pg;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void preFilter(String name, Pod pod, List<Pod> pendingPods, List<PodGroup> pgs, Status want) {
        TestHandle handle = new TestHandle(NODES, List.of());
        pendingPods.forEach(handle.cluster()::create);
        pgs.forEach(handle.cluster()::create);
        Coscheduling pl = new Coscheduling(CoschedulingArgs.defaults(), handle, () -> T0);

        assertThat(pl.preFilter(new CycleState(), pod, List.of()).status()).isEqualTo(want);
    }

    /** "prevent pod falling into infinite scheduling loop": a group rejected in PostFilter is turned away for podGroupBackoffSeconds. */
    @Test
    void podGroupBackoffTime() {
        List<Pod> pods = List.of(member("ns", "pod1", "pg1").build(), member("ns", "pod2", "pg1").build(),
                member("ns", "pod3", "pg1").build());
        TestHandle handle = new TestHandle(NODES, List.of());
        pods.forEach(handle.cluster()::create);
        handle.cluster().create(podGroup("ns", "pg1", 3));
        AtomicReference<Instant> now = new AtomicReference<>(T0);
        Coscheduling pl = new Coscheduling(new CoschedulingArgs(10L, 1L), handle, now::get);

        assertThat(pl.permit(new CycleState(), pods.get(0), "node-a").status().code()).isEqualTo(Status.Code.WAIT);
        pl.postFilter(new CycleState(), pods.get(1), new NodeToStatus(Map.of(), Status.unschedulable()));

        assertThat(pl.preFilter(new CycleState(), pods.get(2), List.of()).status())
                .isEqualTo(Status.unresolvable("podGroup ns/pg1 failed recently"));
        now.set(T0.plus(Duration.ofSeconds(1)));
        assertThat(pl.preFilter(new CycleState(), pods.get(2), List.of()).status()).isEqualTo(Status.SUCCESS);
    }

    /** Upstream's permittedPG: a group whose minResources fit is not checked again until PostFilter rejects it. */
    @Test
    void minResourcesAreCheckedOncePerGroupUntilPostFilterRejectsIt() {
        List<Pod> pods = List.of(member("ns", "p1a", "pg1").build(), member("ns", "p1b", "pg1").build());
        TestHandle handle = new TestHandle(NODES, List.of());
        pods.forEach(handle.cluster()::create);
        handle.cluster().create(withMinCpu(podGroup("ns", "pg1", 2), "6"));
        Coscheduling pl = new Coscheduling(CoschedulingArgs.defaults(), handle, () -> T0);
        assertThat(pl.preFilter(new CycleState(), pods.get(0), List.of()).status()).isEqualTo(Status.SUCCESS);

        handle.cluster().update(withMinCpu(podGroup("ns", "pg1", 2), "10"));
        assertThat(pl.preFilter(new CycleState(), pods.get(1), List.of()).status()).isEqualTo(Status.SUCCESS);

        pl.postFilter(new CycleState(), pods.get(1), new NodeToStatus(Map.of(), Status.unschedulable()));
        assertThat(pl.preFilter(new CycleState(), pods.get(1), List.of()).status()).isEqualTo(Status.unresolvable("resource gap: cpu=2"));
    }

    @Test
    void noBackoffByDefault() {
        List<Pod> pods = List.of(member("ns", "pod1", "pg1").build(), member("ns", "pod2", "pg1").build());
        TestHandle handle = new TestHandle(NODES, List.of());
        pods.forEach(handle.cluster()::create);
        handle.cluster().create(podGroup("ns", "pg1", 2));
        Coscheduling pl = new Coscheduling(CoschedulingArgs.defaults(), handle, () -> T0);

        pl.postFilter(new CycleState(), pods.get(0), new NodeToStatus(Map.of(), Status.unschedulable()));

        assertThat(pl.preFilter(new CycleState(), pods.get(1), List.of()).status()).isEqualTo(Status.SUCCESS);
    }
}
