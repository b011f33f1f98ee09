package dev.berth.plugins.helper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.Parallelizer;
import dev.berth.framework.api.PodInfo;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** An answer is reused only for an equal key and the same, unchanged NodeInfo. */
class PerNodeMemoTest {

    private static final Parallelizer SEQUENTIAL = (pieces, piece) -> {
        for (int i = 0; i < pieces; i++) {
            piece.accept(i);
        }
    };

    private final PerNodeMemo<String, String> memo = new PerNodeMemo<>();
    private final AtomicInteger computed = new AtomicInteger();
    /** The answer: the key, the node and how many pods it has. */
    private final Function<NodeInfo, String> answer = nodeInfo -> {
        computed.incrementAndGet();
        return nodeInfo.nodeName() + ":" + nodeInfo.pods().size();
    };

    @Test
    void reusesAnswersForUnchangedNodeInfos() {
        List<NodeInfo> nodes = List.of(node("a"), node("b"), node("c"));
        assertThat(memo.answers("k", nodes, SEQUENTIAL, answer)).containsExactly("a:0", "b:0", "c:0");
        assertThat(memo.answers("k", nodes, SEQUENTIAL, answer)).containsExactly("a:0", "b:0", "c:0");
        assertThat(computed).hasValue(3);
    }

    @Test
    void recomputesANodeInfoChangedInPlace() {
        List<NodeInfo> nodes = List.of(node("a"), node("b"));
        memo.answers("k", nodes, SEQUENTIAL, answer);
        nodes.get(1).addPod(PodInfo.of(pod("p1")));
        assertThat(memo.answers("k", nodes, SEQUENTIAL, answer)).containsExactly("a:0", "b:1");
        assertThat(computed).hasValue(3);
    }

    @Test
    void recomputesAReplacedNodeInfo() {
        List<NodeInfo> nodes = new ArrayList<>(List.of(node("a"), node("b")));
        memo.answers("k", nodes, SEQUENTIAL, answer);
        NodeInfo copy = nodes.get(0).copy();
        copy.addPod(PodInfo.of(pod("p1")));
        nodes.set(0, copy);
        assertThat(memo.answers("k", nodes, SEQUENTIAL, answer)).containsExactly("a:1", "b:0");
        // An unchanged copy (same generation, other object) is recomputed too: only identity proves it unchanged.
        nodes.set(1, nodes.get(1).copy());
        assertThat(memo.answers("k", nodes, SEQUENTIAL, answer)).containsExactly("a:1", "b:0");
        assertThat(computed).hasValue(4);
    }

    @Test
    void recomputesEverythingForAnotherKeyOrNodeCount() {
        List<NodeInfo> nodes = List.of(node("a"), node("b"));
        memo.answers("k", nodes, SEQUENTIAL, answer);
        memo.answers("other", nodes, SEQUENTIAL, answer);
        assertThat(computed).hasValue(4);
        memo.answers("other", List.of(nodes.get(0)), SEQUENTIAL, answer);
        assertThat(computed).hasValue(5);
    }

    @Test
    void aNestedCallComputesWithoutTheMemo() {
        List<NodeInfo> nodes = List.of(node("a"), node("b"));
        List<List<String>> inner = new ArrayList<>();
        memo.answers("k", nodes, SEQUENTIAL, nodeInfo -> {
            inner.add(memo.answers("k", nodes, SEQUENTIAL, answer));
            return "outer";
        });
        assertThat(inner).containsOnly(List.of("a:0", "b:0"));
        assertThat(memo.answers("k", nodes, SEQUENTIAL, answer)).containsExactly("outer", "outer");
    }

    private static NodeInfo node(String name) {
        return NodeInfo.of(new NodeBuilder().withNewMetadata().withName(name).endMetadata().build());
    }

    private static Pod pod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).withUid(name).withNamespace("default").endMetadata()
                .withNewSpec().endSpec().build();
    }
}
