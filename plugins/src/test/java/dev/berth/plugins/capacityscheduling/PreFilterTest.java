package dev.berth.plugins.capacityscheduling;

import static dev.berth.plugins.capacityscheduling.Fixtures.mem;
import static dev.berth.plugins.capacityscheduling.Fixtures.pod;
import static dev.berth.plugins.capacityscheduling.Fixtures.quota;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.Status;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upstream's TestPreFilter. Upstream sets each quota's used directly; here placed pods in the cluster make
 * it up ({@code used-<ns>}), so the plugin's own tracking is what PreFilter reads.
 */
class PreFilterTest {

    record Case(String name, List<ElasticQuota> quotas, List<Pod> placed, List<Pod> pods, List<Status> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("pod subjects to ElasticQuota",
                        List.of(quota("ns1", mem(2000), mem(1000))),
                        List.of(used("ns1", 300)),
                        List.of(pending("ns1-p1", "ns1", 500), pending("ns1-p2", "ns1", 1800)),
                        List.of(Status.SUCCESS, Status.unschedulable(
                                "Pod ns1/ns1-p2 is rejected in PreFilter because ElasticQuota ns1 is more than Max"))),
                new Case("the sum of used is bigger than the sum of min",
                        List.of(quota("ns1", mem(2000), mem(1000)), quota("ns2", mem(2000), mem(1000))),
                        List.of(used("ns1", 1800), used("ns2", 200)),
                        List.of(pending("ns2-p1", "ns2", 500)),
                        List.of(Status.unschedulable(
                                "Pod ns2/ns2-p1 is rejected in PreFilter because total ElasticQuota used is more than min"))),
                new Case("without elasticQuotaInfo",
                        List.of(),
                        List.of(),
                        List.of(pending("ns2-p1", "ns2", 500)),
                        List.of(Status.SUCCESS)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void preFilter(Case tc) {
        TestHandle handle = TestHandle.empty();
        tc.quotas().forEach(handle.cluster()::create);
        tc.placed().forEach(handle.cluster()::create);
        CapacityScheduling plugin = new CapacityScheduling(handle);
        CycleState state = new CycleState();
        for (int i = 0; i < tc.pods().size(); i++) {
            Status got = plugin.preFilter(state, tc.pods().get(i), List.of()).status();
            assertThat(got).as(tc.pods().get(i).getMetadata().getName()).isEqualTo(tc.expected().get(i));
        }
        assertThat(state.read(CapacityScheduling.SNAPSHOT_KEY)).isPresent();
        assertThat(state.read(CapacityScheduling.PRE_FILTER_KEY)).isPresent();
    }

    private static Pod used(String namespace, long memory) {
        return pod("used-" + namespace, namespace, memory, 0, 0, 0, "node-a").build();
    }

    private static Pod pending(String name, String namespace, long memory) {
        return pod(name, namespace, memory, 0, 0, 0, null).build();
    }
}
