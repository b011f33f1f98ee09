package dev.berth.plugins.defaultpreemption;

import dev.berth.plugins.testing.MakeNode;
import dev.berth.plugins.testing.MakePod;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Upstream's test constants and {@code st.MakePod()/MakeNode()/MakePDB()} defaults for the preemption tests. */
final class Fixtures {

    static final int NEG_PRIORITY = -100;
    static final int LOW_PRIORITY = 0;
    static final int MID_PRIORITY = 100;
    static final int HIGH_PRIORITY = 1000;
    static final int VERY_HIGH_PRIORITY = 10000;

    static final Map<String, String> SMALL_RES = Map.of("cpu", "100m", "memory", "100");
    static final Map<String, String> MEDIUM_RES = Map.of("cpu", "200m", "memory", "200");
    static final Map<String, String> LARGE_RES = Map.of("cpu", "300m", "memory", "300");
    static final Map<String, String> VERY_LARGE_RES = Map.of("cpu", "500m", "memory", "500");
    static final Map<String, String> ONE_POD_RES = Map.of("pods", "1");

    private Fixtures() {
    }

    /** A pod in namespace default named and UID'd {@code name}, like upstream's {@code MakePod().Name(n).UID(n)}. */
    static MakePod pod(String name) {
        return MakePod.pod(name).uid(name);
    }

    /** {@code status.startTime} at {@code nanos} after the epoch (upstream's {@code epochTimeN}). */
    static MakePod startedAt(MakePod pod, long nanos) {
        String t = Instant.ofEpochSecond(0, nanos).toString();
        return pod.edit(b -> b.editOrNewStatus().withStartTime(t).endStatus());
    }

    /** A node with {@code capacity} and, as upstream's {@code MakeNode().Capacity()}, 32 pods unless given. */
    static Node node(String name, Map<String, String> capacity) {
        Map<String, String> withPods = new LinkedHashMap<>(Map.of("pods", "32"));
        withPods.putAll(capacity);
        return MakeNode.node(name).capacity(withPods).build();
    }

    static List<Node> nodes(Map<String, String> capacity, String... names) {
        return java.util.Arrays.stream(names).map(n -> node(n, capacity)).toList();
    }

    /** A PDB in namespace default selecting {@code key=value}. */
    static PodDisruptionBudget pdb(String name, String key, String value, int disruptionsAllowed, String... disruptedPods) {
        Map<String, String> disrupted = new LinkedHashMap<>();
        for (String p : disruptedPods) {
            disrupted.put(p, "2024-01-01T00:00:00Z");
        }
        return new PodDisruptionBudgetBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withSelector(new LabelSelectorBuilder().addToMatchLabels(key, value).build()).endSpec()
                .withNewStatus().withDisruptionsAllowed(disruptionsAllowed).withDisruptedPods(disrupted).endStatus()
                .build();
    }

    static List<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).toList();
    }
}
