package dev.berth.plugins.capacityscheduling;

import static dev.berth.plugins.capacityscheduling.Fixtures.MID_PRIORITY;
import static dev.berth.plugins.capacityscheduling.Fixtures.mem;
import static dev.berth.plugins.capacityscheduling.Fixtures.pod;
import static dev.berth.plugins.capacityscheduling.Fixtures.quota;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.Status;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Upstream's TestReserve and TestUnreserve: ns1 has a quota (min 1000, max 2000 memory), ns2 none. Upstream
 * starts from a used amount with no pods behind it; here placed pods make it up.
 */
class ReserveTest {

    private final TestHandle handle = TestHandle.empty();
    private final CycleState state = new CycleState();

    ReserveTest() {
        handle.cluster().create(quota("ns1", mem(2000), mem(1000)));
    }

    @Test
    void reserveCountsPodsOfANamespaceWithAQuotaOnce() {
        handle.cluster().create(pod("t1-p0", "ns1", 300, 0, 0, MID_PRIORITY, "node-a").build());
        CapacityScheduling plugin = new CapacityScheduling(handle);

        List<Pod> pods = List.of(pod("t1-p1", "ns1", 50, 0, 0, MID_PRIORITY, "node-a").build(),
                pod("t1-p2", "ns2", 50, 0, 0, MID_PRIORITY, "node-a").build());
        for (Pod p : pods) {
            assertThat(plugin.reserve(state, p, "node-a")).isEqualTo(Status.SUCCESS);
            assertQuota(plugin, 350, Set.of("t1-p0", "t1-p1"));
        }
        assertThat(plugin.quota("ns2")).isEmpty();
        plugin.reserve(state, pods.get(0), "node-a");
        assertQuota(plugin, 350, Set.of("t1-p0", "t1-p1"));
    }

    @Test
    void unreserveUncountsOnlyCountedPodsOfItsNamespace() {
        handle.cluster().create(pod("t1-p3", "ns1", 50, 0, 0, MID_PRIORITY, "node-a").build());
        handle.cluster().create(pod("t1-p4", "ns1", 250, 0, 0, MID_PRIORITY, "node-a").build());
        CapacityScheduling plugin = new CapacityScheduling(handle);

        plugin.unreserve(state, pod("t1-p1", "ns1", 50, 0, 0, MID_PRIORITY, "node-a").build(), "node-a");
        assertQuota(plugin, 300, Set.of("t1-p3", "t1-p4"));
        plugin.unreserve(state, pod("t1-p2", "ns2", 50, 0, 0, MID_PRIORITY, "node-a").build(), "node-a");
        assertQuota(plugin, 300, Set.of("t1-p3", "t1-p4"));
        plugin.unreserve(state, pod("t1-p3", "ns1", 50, 0, 0, MID_PRIORITY, "node-a").build(), "node-a");
        assertQuota(plugin, 250, Set.of("t1-p4"));
    }

    private static void assertQuota(CapacityScheduling plugin, long usedMemory, Set<String> pods) {
        ElasticQuotaInfo got = plugin.quota("ns1").orElseThrow();
        assertThat(got.used().memory()).isEqualTo(usedMemory);
        assertThat(got.pods()).isEqualTo(pods);
        assertThat(got.min().memory()).isEqualTo(1000);
        assertThat(got.max().memory()).isEqualTo(2000);
    }
}
