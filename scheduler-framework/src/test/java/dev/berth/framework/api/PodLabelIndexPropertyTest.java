package dev.berth.framework.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random pods added to and removed from a NodeInfo, with copies taken along the way: the label index
 * always counts what reading every pod's labels counts, answers selectors exactly whenever it answers,
 * and copies are unaffected by later changes to the original (and the other way round).
 */
class PodLabelIndexPropertyTest {

    private static final List<String> NAMESPACES = List.of("default", "kube-system", "team-a");
    private static final List<String> KEYS = List.of("app", "color", "tier");
    private static final List<String> VALUES = List.of("a", "b", "c");

    /** One step: add a pod, remove the pod at {@code index} (modulo the pods present), or take a copy. */
    record Step(int kind, int index, String namespace, Map<String, String> labels, boolean terminating) {
    }

    @Property(tries = 300)
    void indexCountsWhatThePodsCarry(@ForAll("histories") List<Step> steps) {
        NodeInfo nodeInfo = new NodeInfo();
        List<Pod> present = new ArrayList<>();
        List<NodeInfo> copies = new ArrayList<>();
        List<List<Pod>> podsOfCopies = new ArrayList<>();
        int uid = 0;
        for (Step step : steps) {
            switch (step.kind()) {
                case 0, 1 -> {
                    Pod pod = pod("uid-" + uid++, step);
                    nodeInfo.addPod(PodInfo.of(pod));
                    present.add(pod);
                }
                case 2 -> {
                    if (!present.isEmpty()) {
                        Pod pod = present.remove(step.index() % present.size());
                        assertThat(nodeInfo.removePod(pod)).isTrue();
                    }
                }
                default -> {
                    copies.add(nodeInfo.copy());
                    podsOfCopies.add(List.copyOf(present));
                }
            }
            assertMatchesPods(nodeInfo.podLabels(), present);
        }
        for (int i = 0; i < copies.size(); i++) {
            assertMatchesPods(copies.get(i).podLabels(), podsOfCopies.get(i));
        }
        assertThat(nodeInfo.podLabels()).isEqualTo(rebuilt(present).podLabels());
    }

    @Property(tries = 300)
    void changingACopyLeavesTheOriginalAlone(@ForAll("histories") List<Step> steps) {
        NodeInfo original = new NodeInfo();
        List<Pod> present = new ArrayList<>();
        int uid = 0;
        for (Step step : steps) {
            Pod pod = pod("uid-" + uid++, step);
            original.addPod(PodInfo.of(pod));
            present.add(pod);
        }
        NodeInfo copy = original.copy();
        copy.addPod(PodInfo.of(pod("extra", new Step(0, 0, "default", Map.of("app", "a"), true))));
        if (!present.isEmpty()) {
            copy.removePod(present.get(0));
        }
        assertMatchesPods(original.podLabels(), present);
    }

    private static void assertMatchesPods(PodLabelIndex index, List<Pod> pods) {
        assertThat(index.terminating()).isEqualTo((int) pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() != null).count());
        for (String namespace : NAMESPACES) {
            assertThat(index.pods(namespace)).isEqualTo(count(pods, namespace, Selector.everything()));
            for (String key : KEYS) {
                for (String value : VALUES) {
                    assertThat(index.count(namespace, key, value))
                            .isEqualTo(count(pods, namespace, Selector.ofLabels(Map.of(key, value))));
                }
            }
            for (Selector selector : selectors()) {
                int answer = index.countMatching(namespace, selector);
                if (answer != PodLabelIndex.UNKNOWN) {
                    assertThat(answer).as("%s in %s", selector, namespace).isEqualTo(count(pods, namespace, selector));
                }
            }
        }
    }

    /** Selectors of every shape the index answers, and some it does not. */
    private static List<Selector> selectors() {
        return List.of(Selector.nothing(), Selector.everything(),
                Selector.ofLabels(Map.of("app", "a")),
                Selector.of(List.of(new Selector.Requirement("color", Selector.Operator.IN, Set.of("a", "b")))),
                Selector.of(List.of(new Selector.Requirement("app", Selector.Operator.IN, Set.of("a")),
                        new Selector.Requirement("tier", Selector.Operator.IN, Set.of("b", "c")))),
                Selector.of(List.of(new Selector.Requirement("app", Selector.Operator.NOT_IN, Set.of("a")))),
                Selector.of(List.of(new Selector.Requirement("tier", Selector.Operator.EXISTS, Set.of()))),
                Selector.of(List.of(new Selector.Requirement("color", Selector.Operator.DOES_NOT_EXIST, Set.of()),
                        new Selector.Requirement("tier", Selector.Operator.EXISTS, Set.of()))),
                Selector.of(List.of(new Selector.Requirement("tier", Selector.Operator.EXISTS, Set.of()),
                        new Selector.Requirement("color", Selector.Operator.IN, Set.of("c")))));
    }

    private static int count(List<Pod> pods, String namespace, Selector selector) {
        return (int) pods.stream()
                .filter(p -> namespace.equals(p.getMetadata().getNamespace()) && selector.matches(p.getMetadata().getLabels()))
                .count();
    }

    private static NodeInfo rebuilt(List<Pod> pods) {
        NodeInfo nodeInfo = new NodeInfo();
        pods.forEach(p -> nodeInfo.addPod(PodInfo.of(p)));
        return nodeInfo;
    }

    private static Pod pod(String uid, Step step) {
        return new PodBuilder().withNewMetadata().withUid(uid).withName(uid).withNamespace(step.namespace())
                .withLabels(step.labels()).withDeletionTimestamp(step.terminating() ? "2026-11-25T00:00:00Z" : null).endMetadata()
                .withNewSpec().endSpec().build();
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Map<String, String>> labels = Arbitraries.maps(Arbitraries.of(KEYS), Arbitraries.of(VALUES)).ofMaxSize(KEYS.size());
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 50),
                Arbitraries.of(NAMESPACES), labels, Arbitraries.of(true, false)).as(Step::new);
        return step.list().ofMaxSize(40);
    }
}
