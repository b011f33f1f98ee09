package dev.berth.framework.cache;

import static dev.berth.framework.cache.CacheFixtures.antiAffinityPod;
import static dev.berth.framework.cache.CacheFixtures.names;
import static dev.berth.framework.cache.CacheFixtures.node;
import static dev.berth.framework.cache.CacheFixtures.onNode;
import static dev.berth.framework.cache.CacheFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.berth.framework.api.ImageStateSummary;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PodInfo;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulerCacheTest {

    private static final Duration TTL = Duration.ofSeconds(10);

    private final CacheTestClock clock = new CacheTestClock();
    private final SchedulerCache cache = new SchedulerCache(clock, TTL);

    private NodeInfo nodeInfo(String name) {
        Snapshot snapshot = new Snapshot();
        cache.updateSnapshot(snapshot);
        return snapshot.get(name).orElseThrow();
    }

    private List<String> podUids(String nodeName) {
        return nodeInfo(nodeName).pods().stream().map(PodInfo::uid).toList();
    }

    @Test
    void addUpdateAndRemoveNode() {
        cache.addNode(node("n1", "a"));
        cache.addNode(node("n2", "b"));
        assertThat(cache.nodeCount()).isEqualTo(2);
        assertThat(nodeInfo("n1").allocatable().milliCpu()).isEqualTo(4000);

        cache.updateNode(node("n1", "a"), node("n1", "a", "8", List.of()));
        assertThat(nodeInfo("n1").allocatable().milliCpu()).isEqualTo(8000);

        cache.removeNode(node("n1", "a"));
        assertThat(cache.nodeCount()).isEqualTo(1);
        Snapshot snapshot = new Snapshot();
        cache.updateSnapshot(snapshot);
        assertThat(names(snapshot.list())).containsExactly("n2");
        assertThatThrownBy(() -> cache.removeNode(node("n1", "a")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("n1");
    }

    @Test
    void requestedResourcesAddUpAndGoBackOnRemoval() {
        cache.addNode(node("n1", ""));
        Pod p1 = pod("p1", "n1", 100);
        Pod p2 = pod("p2", "n1", 250);
        cache.addPod(p1);
        cache.addPod(p2);
        assertThat(nodeInfo("n1").requested().milliCpu()).isEqualTo(350);
        assertThat(nodeInfo("n1").requested().memory()).isEqualTo(2L * 1024 * 1024);

        Pod p2Bigger = new PodBuilder(p2).editSpec().editFirstContainer().editResources()
                .withRequests(Map.of("cpu", new Quantity("1"))).endResources().endContainer().endSpec().build();
        cache.updatePod(p2, p2Bigger);
        assertThat(nodeInfo("n1").requested().milliCpu()).isEqualTo(1100);

        cache.removePod(p2Bigger);
        cache.removePod(p1);
        assertThat(nodeInfo("n1").requested().milliCpu()).isZero();
        assertThat(nodeInfo("n1").pods()).isEmpty();
        assertThat(cache.podCount()).isZero();
    }

    @Test
    void podErrorsNameThePodAndNode() {
        cache.addNode(node("n1", ""));
        Pod p1 = pod("p1", "n1", 100);
        cache.addPod(p1);

        assertThatThrownBy(() -> cache.addPod(p1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("ns/pod-p1").hasMessageContaining("n1");
        assertThatThrownBy(() -> cache.updatePod(p1, onNode(p1, "n2"))).isInstanceOf(IllegalStateException.class).hasMessageContaining("n2");
        assertThatThrownBy(() -> cache.removePod(onNode(p1, "n2"))).isInstanceOf(IllegalStateException.class).hasMessageContaining("ns/pod-p1");
        assertThatThrownBy(() -> cache.removePod(pod("p9", "n1", 1))).isInstanceOf(IllegalStateException.class).hasMessageContaining("ns/pod-p9");
        assertThatThrownBy(() -> cache.assumePod(PodInfo.of(p1))).isInstanceOf(IllegalStateException.class).hasMessageContaining("ns/pod-p1");
        assertThatThrownBy(() -> cache.forgetPod(p1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("ns/pod-p1");
    }

    @Test
    void removingPodWithoutNodeNameUsesTheCachedNode() {
        cache.addNode(node("n1", ""));
        Pod p1 = pod("p1", "n1", 100);
        cache.addPod(p1);

        cache.removePod(onNode(p1, null));

        assertThat(podUids("n1")).isEmpty();
    }

    @Test
    void assumedPodIsConfirmedByAddPod() {
        cache.addNode(node("n1", ""));
        Pod p1 = pod("p1", "n1", 100);
        cache.assumePod(PodInfo.of(p1));
        assertThat(cache.isAssumedPod(p1)).isTrue();
        assertThat(cache.assumedPodUids()).containsExactly("p1");
        assertThat(nodeInfo("n1").requested().milliCpu()).isEqualTo(100);

        cache.finishBinding(p1);
        cache.addPod(p1);

        assertThat(cache.isAssumedPod(p1)).isFalse();
        assertThat(cache.assumedPodUids()).isEmpty();
        assertThat(podUids("n1")).containsExactly("p1");
        assertThat(nodeInfo("n1").requested().milliCpu()).isEqualTo(100);
        // A confirmed pod no longer expires.
        clock.advance(TTL.multipliedBy(2));
        assertThat(cache.cleanupExpiredAssumedPods()).isEmpty();
        assertThat(cache.podCount()).isEqualTo(1);
    }

    @Test
    void confirmationOnAnotherNodeMovesThePod() {
        cache.addNode(node("n1", ""));
        cache.addNode(node("n2", ""));
        Pod p1 = pod("p1", "n1", 100);
        cache.assumePod(PodInfo.of(p1));

        cache.addPod(onNode(p1, "n2"));

        assertThat(podUids("n1")).isEmpty();
        assertThat(nodeInfo("n1").requested().milliCpu()).isZero();
        assertThat(podUids("n2")).containsExactly("p1");
        assertThat(cache.getPod(p1)).hasValueSatisfying(p -> assertThat(p.getSpec().getNodeName()).isEqualTo("n2"));
    }

    @Test
    void assumedPodCanBeForgotten() {
        cache.addNode(node("n1", ""));
        Pod p1 = pod("p1", "n1", 100);
        cache.assumePod(PodInfo.of(p1));

        assertThatThrownBy(() -> cache.forgetPod(onNode(p1, "n2")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("n1").hasMessageContaining("n2");
        cache.forgetPod(p1);

        assertThat(cache.isAssumedPod(p1)).isFalse();
        assertThat(cache.getPod(p1)).isEmpty();
        assertThat(nodeInfo("n1").requested().milliCpu()).isZero();
        assertThat(cache.podCount()).isZero();
    }

    @Test
    void assumedPodExpiresOnlyAfterFinishBindingAndTtl() {
        cache.addNode(node("n1", ""));
        Pod p1 = pod("p1", "n1", 100);
        cache.assumePod(PodInfo.of(p1));

        clock.advance(TTL.multipliedBy(10));
        assertThat(cache.cleanupExpiredAssumedPods()).isEmpty();

        cache.finishBinding(p1);
        clock.advance(TTL);
        assertThat(cache.cleanupExpiredAssumedPods()).isEmpty();
        assertThat(cache.isAssumedPod(p1)).isTrue();

        clock.advance(Duration.ofMillis(1));
        assertThat(cache.cleanupExpiredAssumedPods()).containsExactly(p1);
        assertThat(cache.getPod(p1)).isEmpty();
        assertThat(cache.assumedPodUids()).isEmpty();
        assertThat(nodeInfo("n1").pods()).isEmpty();

        // The informer may still report it later: it is added back as a plain pod.
        cache.addPod(p1);
        assertThat(podUids("n1")).containsExactly("p1");
    }

    @Test
    void assumedPodWithoutNodeNameIsRejected() {
        assertThatThrownBy(() -> cache.assumePod(PodInfo.of(pod("p1", null, 1))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ns/pod-p1");
    }

    @Test
    void podOnUnknownNodeIsKeptUntilTheNodeArrives() {
        cache.addPod(pod("p1", "n1", 100));
        Snapshot snapshot = new Snapshot();
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.list()).isEmpty();
        assertThat(snapshot.get("n1")).isEmpty();
        assertThat(cache.nodeCount()).isZero();

        cache.addNode(node("n1", ""));
        cache.updateSnapshot(snapshot);

        assertThat(names(snapshot.list())).containsExactly("n1");
        assertThat(snapshot.get("n1").orElseThrow().requested().milliCpu()).isEqualTo(100);
    }

    @Test
    void removedNodeKeepsItsPodsUntilTheyAreRemoved() {
        cache.addNode(node("n1", ""));
        Pod p1 = pod("p1", "n1", 100);
        cache.addPod(p1);
        Snapshot snapshot = new Snapshot();
        cache.updateSnapshot(snapshot);

        cache.removeNode(node("n1", ""));
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.list()).isEmpty();
        assertThat(snapshot.get("n1")).isEmpty();
        assertThat(cache.podCount()).isEqualTo(1);

        // The node comes back before the pod is gone: the pod is still accounted for.
        cache.addNode(node("n1", ""));
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.get("n1").orElseThrow().requested().milliCpu()).isEqualTo(100);

        cache.removeNode(node("n1", ""));
        cache.removePod(p1);
        cache.addNode(node("n1", ""));
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.get("n1").orElseThrow().pods()).isEmpty();
    }

    @Test
    void snapshotListsNodesZoneInterleaved() {
        for (String name : List.of("a1", "a2", "b1", "a3", "c1", "c2")) {
            cache.addNode(node(name, name.substring(0, 1)));
        }
        Snapshot snapshot = new Snapshot();
        cache.updateSnapshot(snapshot);

        assertThat(names(snapshot.list())).containsExactly("a1", "b1", "c1", "a2", "c2", "a3");
    }

    @Test
    void nodeMovingToAnotherZoneIsReorderedInTheSnapshot() {
        cache.addNode(node("a1", "a"));
        cache.addNode(node("a2", "a"));
        cache.addNode(node("b1", "b"));
        Snapshot snapshot = new Snapshot();
        cache.updateSnapshot(snapshot);
        assertThat(names(snapshot.list())).containsExactly("a1", "b1", "a2");

        cache.updateNode(node("a1", "a"), node("a1", "b"));
        cache.updateSnapshot(snapshot);

        assertThat(names(snapshot.list())).containsExactly("a2", "b1", "a1");
    }

    @Test
    void imageStatesCountNodesHavingEachImage() {
        cache.addNode(node("n1", "", "nginx", "redis"));
        cache.addNode(node("n2", "", "nginx"));
        Snapshot snapshot = new Snapshot();
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.get("n1").orElseThrow().imageStates()).containsOnly(
                entry("nginx", new ImageStateSummary(100, 2)), entry("redis", new ImageStateSummary(100, 1)));

        cache.addNode(node("n3", "", "redis"));
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.get("n1").orElseThrow().imageStates()).containsEntry("redis", new ImageStateSummary(100, 2));

        cache.removeNode(node("n2", "", "nginx"));
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.get("n1").orElseThrow().imageStates()).containsEntry("nginx", new ImageStateSummary(100, 1));

        cache.updateNode(node("n3", "", "redis"), node("n3", "", "nginx"));
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.get("n1").orElseThrow().imageStates()).containsOnly(
                entry("nginx", new ImageStateSummary(100, 2)), entry("redis", new ImageStateSummary(100, 1)));
        assertThat(snapshot.get("n3").orElseThrow().imageStates()).containsOnly(entry("nginx", new ImageStateSummary(100, 2)));
    }

    @Test
    void nodeUpdateKeepingItsImagesLeavesOtherNodesAlone() {
        cache.addNode(node("n1", "", "nginx"));
        cache.addNode(node("n2", "", "nginx"));
        Snapshot snapshot = new Snapshot();
        cache.updateSnapshot(snapshot);
        NodeInfo n2 = snapshot.get("n2").orElseThrow();

        cache.updateNode(node("n1", "", "nginx"), node("n1", "", "8", List.of("nginx")));
        cache.updateSnapshot(snapshot);

        assertThat(snapshot.get("n2").orElseThrow()).isSameAs(n2);
    }

    @Test
    void incrementalSnapshotCopiesOnlyChangedNodes() {
        for (String name : List.of("n1", "n2", "n3")) {
            cache.addNode(node(name, ""));
        }
        Snapshot snapshot = new Snapshot();
        cache.updateSnapshot(snapshot);
        NodeInfo n1 = snapshot.get("n1").orElseThrow();
        NodeInfo n2 = snapshot.get("n2").orElseThrow();
        NodeInfo n3 = snapshot.get("n3").orElseThrow();
        long generation = snapshot.generation();

        cache.addPod(pod("p1", "n2", 100));
        cache.updateSnapshot(snapshot);

        assertThat(snapshot.generation()).isGreaterThan(generation);
        assertThat(snapshot.get("n1").orElseThrow()).isSameAs(n1);
        assertThat(snapshot.get("n3").orElseThrow()).isSameAs(n3);
        NodeInfo newN2 = snapshot.get("n2").orElseThrow();
        assertThat(newN2).isNotSameAs(n2);
        assertThat(snapshot.list()).containsExactly(n1, newN2, n3);
        assertThat(n2.pods()).isEmpty();

        cache.updateSnapshot(snapshot);
        assertThat(snapshot.get("n2").orElseThrow()).isSameAs(newN2);
    }

    @Test
    void affinityListsFollowPodsWithAffinity() {
        cache.addNode(node("n1", ""));
        cache.addNode(node("n2", ""));
        Snapshot snapshot = new Snapshot();
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.havePodsWithAffinity()).isEmpty();

        Pod p1 = antiAffinityPod("p1", "n2", 100);
        cache.addPod(p1);
        cache.updateSnapshot(snapshot);
        assertThat(names(snapshot.havePodsWithAffinity())).containsExactly("n2");
        assertThat(names(snapshot.havePodsWithRequiredAntiAffinity())).containsExactly("n2");

        // Membership unchanged: the fresh copy replaces the old one in the lists.
        cache.addPod(pod("p2", "n2", 100));
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.havePodsWithAffinity()).containsExactly(snapshot.get("n2").orElseThrow());
        assertThat(snapshot.havePodsWithRequiredAntiAffinity()).containsExactly(snapshot.get("n2").orElseThrow());

        cache.removePod(p1);
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.havePodsWithAffinity()).isEmpty();
        assertThat(snapshot.havePodsWithRequiredAntiAffinity()).isEmpty();
    }
}
