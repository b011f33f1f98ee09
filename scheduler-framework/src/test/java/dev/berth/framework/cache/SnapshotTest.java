package dev.berth.framework.cache;

import static dev.berth.framework.cache.CacheFixtures.antiAffinityPod;
import static dev.berth.framework.cache.CacheFixtures.affinityPod;
import static dev.berth.framework.cache.CacheFixtures.names;
import static dev.berth.framework.cache.CacheFixtures.node;
import static dev.berth.framework.cache.CacheFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.berth.framework.api.ImageStateSummary;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PodInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotTest {

    @Test
    void emptySnapshotHasNothing() {
        Snapshot snapshot = new Snapshot();

        assertThat(snapshot.list()).isEmpty();
        assertThat(snapshot.get("n1")).isEmpty();
        assertThat(snapshot.generation()).isZero();
    }

    @Test
    void ofPlacesBoundPodsOnTheirNodesInZoneOrder() {
        Snapshot snapshot = Snapshot.of(
                List.of(node("a1", "a"), node("a2", "a"), node("b1", "b")),
                List.of(pod("p1", "a2", 100), pod("p2", "a2", 200), pod("p3", "b1", 300), pod("p4", "gone", 1), pod("p5", null, 1)));

        assertThat(names(snapshot.list())).containsExactly("a1", "b1", "a2");
        NodeInfo a2 = snapshot.get("a2").orElseThrow();
        assertThat(a2.pods()).extracting(PodInfo::uid).containsExactlyInAnyOrder("p1", "p2");
        assertThat(a2.requested().milliCpu()).isEqualTo(300);
        assertThat(snapshot.get("a1").orElseThrow().pods()).isEmpty();
        assertThat(snapshot.get("gone")).isEmpty();
    }

    @Test
    void ofListsNodesWithAffinityPods() {
        Snapshot snapshot = Snapshot.of(
                List.of(node("n1", ""), node("n2", ""), node("n3", "")),
                List.of(affinityPod("p1", "n1", 1), antiAffinityPod("p2", "n2", 1), pod("p3", "n3", 1)));

        assertThat(names(snapshot.havePodsWithAffinity())).containsExactly("n1", "n2");
        assertThat(names(snapshot.havePodsWithRequiredAntiAffinity())).containsExactly("n2");
    }

    @Test
    void ofCountsImagesOverAllNodes() {
        Snapshot snapshot = Snapshot.of(List.of(node("n1", "", "nginx", "redis"), node("n2", "", "nginx")), List.of());

        assertThat(snapshot.get("n1").orElseThrow().imageStates()).containsOnly(
                entry("nginx", new ImageStateSummary(100, 2)),
                entry("redis", new ImageStateSummary(100, 1)));
    }
}
