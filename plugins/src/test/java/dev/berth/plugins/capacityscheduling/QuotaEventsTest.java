package dev.berth.plugins.capacityscheduling;

import static dev.berth.plugins.capacityscheduling.Fixtures.HIGH_PRIORITY;
import static dev.berth.plugins.capacityscheduling.Fixtures.MID_PRIORITY;
import static dev.berth.plugins.capacityscheduling.Fixtures.cpuMem;
import static dev.berth.plugins.capacityscheduling.Fixtures.pod;
import static dev.berth.plugins.capacityscheduling.Fixtures.quota;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.QueueingHint;
import dev.berth.framework.api.Resource;
import dev.berth.framework.cluster.InMemoryCluster;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Upstream's TestAddElasticQuota's first case, TestUpdateElasticQuota, TestDeleteElasticQuota, TestAddPod,
 * TestUpdatePod and TestDeletePod, driven through the cluster's watches as the scheduler delivers them.
 * (TestAddElasticQuota's cases without max or min are ElasticQuotaInfoTest's newElasticQuotaInfo.)
 */
class QuotaEventsTest {

    private final TestHandle handle = TestHandle.empty();
    private final InMemoryCluster cluster = handle.cluster();
    private final CapacityScheduling plugin = new CapacityScheduling(handle);

    @Test
    void addElasticQuota() {
        cluster.create(quota("ns1", cpuMem(100, 1000), cpuMem(10, 100)));
        assertQuota(new Resource(100, 1000), new Resource(10, 100), new Resource(), Set.of());
    }

    @Test
    void updateElasticQuotaKeepsUsed() {
        cluster.create(quota("ns1", cpuMem(100, 1000), cpuMem(10, 100)));
        cluster.create(pod("t1-p1", "ns1", 50, 10, 0, MID_PRIORITY, "node-a").build());
        cluster.update(quota("ns1", cpuMem(300, 1000), cpuMem(10, 100)));
        assertQuota(new Resource(300, 1000), new Resource(10, 100), new Resource(10, 50), Set.of("t1-p1"));
    }

    @Test
    void deleteElasticQuota() {
        cluster.create(quota("ns1", cpuMem(300, 1000), cpuMem(10, 100)));
        cluster.delete(ElasticQuota.class, "ns1", "ns1-eq");
        assertThat(plugin.quota("ns1")).isEmpty();
    }

    @Test
    void addPodCountsPlacedPodsOnly() {
        cluster.create(quota("ns1", cpuMem(100, 1000), cpuMem(10, 100)));
        for (String name : new String[] {"t1-p1", "t1-p2", "t1-p3"}) {
            cluster.create(pod(name, "ns1", 50, 10, 0, MID_PRIORITY, "node-a").build());
        }
        cluster.create(pod("pending", "ns1", 50, 10, 0, MID_PRIORITY, null).build());
        assertQuota(new Resource(100, 1000), new Resource(10, 100), new Resource(30, 150), Set.of("t1-p1", "t1-p2", "t1-p3"));
    }

    @Test
    void aPodBoundLaterIsCounted() {
        cluster.create(quota("ns1", cpuMem(100, 1000), cpuMem(10, 100)));
        Pod pending = cluster.create(pod("t1-p1", "ns1", 50, 10, 0, MID_PRIORITY, null).build());
        cluster.bind(pending, "node-a");
        assertQuota(new Resource(100, 1000), new Resource(10, 100), new Resource(10, 50), Set.of("t1-p1"));
    }

    /**
     * Upstream's TestUpdatePod: a placed pod's phase changes. Upstream counts a pod added while already
     * finished, and a later update cannot take it out again; a pod that finishes is taken out.
     */
    @ParameterizedTest(name = "Update Pod With Pod Status {0} and {1}")
    @CsvSource({"Succeeded, Running, 30, 100, true", "Pending, Failed, 0, 0, false"})
    void updatePod(String oldPhase, String newPhase, long usedCpu, long usedMemory, boolean counted) {
        cluster.create(quota("ns1", cpuMem(100, 1000), cpuMem(10, 100)));
        cluster.create(withPhase(pod("t1-p1", "ns1", 100, 30, 0, MID_PRIORITY, "node-a").build(), oldPhase));
        cluster.update(withPhase(pod("t1-p1", "ns1", 100, 30, 0, HIGH_PRIORITY, "node-a").build(), newPhase));
        assertQuota(new Resource(100, 1000), new Resource(10, 100), new Resource(usedCpu, usedMemory),
                counted ? Set.of("t1-p1") : Set.of());
    }

    /** Upstream's TestDeletePod: "Delete All Pods" and "Delete one Pod". */
    @ParameterizedTest(name = "delete {0}")
    @CsvSource({"'t1-p1,t1-p2', 0, 0, ''", "t1-p1, 30, 100, t1-p2"})
    void deletePod(String deleted, long usedCpu, long usedMemory, String remaining) {
        cluster.create(quota("ns1", cpuMem(100, 1000), cpuMem(10, 100)));
        cluster.create(pod("t1-p1", "ns1", 100, 30, 0, MID_PRIORITY, "node-a").build());
        cluster.create(pod("t1-p2", "ns1", 100, 30, 0, HIGH_PRIORITY, "node-a").build());
        for (String name : deleted.split(",")) {
            cluster.delete(Pod.class, "ns1", name);
        }
        assertQuota(new Resource(100, 1000), new Resource(10, 100), new Resource(usedCpu, usedMemory),
                remaining.isEmpty() ? Set.of() : Set.of(remaining));
    }

    @Test
    void aPodSeenBeforeItsQuotaIsCountedFromTheClustersCache() {
        ElasticQuotaTracker tracker = new ElasticQuotaTracker(cluster);
        cluster.create(quota("ns1", cpuMem(100, 1000), cpuMem(10, 100)));
        tracker.podWatcher().onAdd(pod("t1-p1", "ns1", 50, 10, 0, MID_PRIORITY, "node-a").build());
        tracker.quotaWatcher().onAdd(quota("ns1", cpuMem(999, 999), cpuMem(10, 100)));
        ElasticQuotaInfo got = tracker.get("ns1").orElseThrow();
        assertThat(got.max()).isEqualTo(new Resource(100, 1000));
        assertThat(got.used().milliCpu()).isEqualTo(10);
        assertThat(got.used().memory()).isEqualTo(50);
    }

    @Test
    void onlyTheDeletionOfAPlacedPodOfAQuotaRetriesRejectedPods() {
        cluster.create(quota("ns1", cpuMem(100, 1000), cpuMem(10, 100)));
        ClusterEventWithHint podDeleted = plugin.eventsToRegister().get(0);
        assertThat(podDeleted.event()).isEqualTo(ClusterEvent.of(ClusterEvent.POD, ActionType.DELETE));
        Pod rejected = pod("pending", "ns1", 50, 10, 0, MID_PRIORITY, null).build();
        assertThat(podDeleted.hint().hint(rejected, pod("p", "ns1", 50, 10, 0, MID_PRIORITY, "node-a").build(), null))
                .isEqualTo(QueueingHint.QUEUE);
        assertThat(podDeleted.hint().hint(rejected, pod("p", "ns2", 50, 10, 0, MID_PRIORITY, "node-a").build(), null))
                .isEqualTo(QueueingHint.QUEUE_SKIP);
        assertThat(podDeleted.hint().hint(rejected, pod("p", "ns1", 50, 10, 0, MID_PRIORITY, null).build(), null))
                .isEqualTo(QueueingHint.QUEUE_SKIP);
        assertThat(plugin.eventsToRegister().get(1).event()).isEqualTo(ClusterEvent.of(ElasticQuota.KIND, ActionType.ALL));
        assertThat(plugin.customResourceKinds()).isEqualTo(Map.of("ElasticQuota", ElasticQuota.class));
    }

    @Test
    void closeStopsWatching() {
        plugin.close();
        cluster.create(quota("ns1", cpuMem(100, 1000), cpuMem(10, 100)));
        assertThat(plugin.quota("ns1")).isEmpty();
    }

    private void assertQuota(Resource max, Resource min, Resource used, Set<String> pods) {
        ElasticQuotaInfo got = plugin.quota("ns1").orElseThrow();
        assertThat(got.max()).as("max").isEqualTo(max);
        assertThat(got.min()).as("min").isEqualTo(min);
        assertThat(got.used().milliCpu()).as("used cpu").isEqualTo(used.milliCpu());
        assertThat(got.used().memory()).as("used memory").isEqualTo(used.memory());
        assertThat(got.pods()).as("pods").isEqualTo(pods);
    }

    private static Pod withPhase(Pod pod, String phase) {
        return new PodBuilder(pod).editOrNewStatus().withPhase(phase).endStatus().build();
    }
}
