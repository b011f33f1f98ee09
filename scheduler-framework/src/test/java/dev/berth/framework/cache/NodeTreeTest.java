package dev.berth.framework.cache;

import static dev.berth.framework.cache.CacheFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import org.junit.jupiter.api.Test;

class NodeTreeTest {

    private final NodeTree tree = new NodeTree();

    @Test
    void listInterleavesZonesRoundRobin() {
        for (Node n : new Node[] {node("a1", "a"), node("a2", "a"), node("b1", "b"), node("a3", "a"), node("c1", "c"), node("c2", "c")}) {
            tree.add(n);
        }

        assertThat(tree.list()).containsExactly("a1", "b1", "c1", "a2", "c2", "a3");
        assertThat(tree.size()).isEqualTo(6);
    }

    @Test
    void zoneKeyCombinesRegionAndZoneAndIsEmptyWithoutLabels() {
        assertThat(NodeTree.zoneKey(node("n", "a"))).isEqualTo("r:\u0000:a");
        assertThat(NodeTree.zoneKey(node("n", ""))).isEmpty();
        Node beta = new NodeBuilder().withNewMetadata().withName("n")
                .addToLabels(NodeTree.BETA_ZONE_LABEL, "z").endMetadata().build();
        assertThat(NodeTree.zoneKey(beta)).isEqualTo(":\u0000:z");
    }

    @Test
    void addingTwiceKeepsOneEntry() {
        tree.add(node("a1", "a"));
        tree.add(node("a1", "a"));

        assertThat(tree.list()).containsExactly("a1");
    }

    @Test
    void updateMovesNodeToItsNewZoneOnly() {
        tree.add(node("a1", "a"));
        tree.add(node("a2", "a"));
        tree.add(node("b1", "b"));

        tree.update(node("a2", "a"), node("a2", "a"));
        assertThat(tree.list()).containsExactly("a1", "b1", "a2");

        tree.update(node("a1", "a"), node("a1", "b"));
        assertThat(tree.list()).containsExactly("a2", "b1", "a1");
    }

    @Test
    void removeDropsNodeAndEmptyZone() {
        tree.add(node("a1", "a"));
        tree.add(node("b1", "b"));
        tree.add(node("c1", "c"));

        tree.remove(node("a1", "a"));
        tree.add(node("a2", "a"));

        // Zone a was emptied, so it comes back after c.
        assertThat(tree.list()).containsExactly("b1", "c1", "a2");
        assertThat(tree.contains("a1")).isFalse();
        assertThat(tree.contains("a2")).isTrue();
    }
}
