package dev.berth.plugins.podtopologyspread;

import dev.berth.framework.api.PluginArgs;
import dev.berth.framework.api.Selector;
import dev.berth.plugins.testing.MakePod;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builders in the spirit of upstream's st.MakePod()/st.MakeNode() for the ported spread test tables. */
final class Fixtures {

    static final String DNS = SpreadConstraint.DO_NOT_SCHEDULE;
    static final String SA = SpreadConstraint.SCHEDULE_ANYWAY;
    static final String HOST = PodTopologySpread.LABEL_HOSTNAME;
    static final LabelSelector FOO = exists("foo");
    static final LabelSelector BAR = exists("bar");
    static final Taint UNSCHEDULABLE_TAINT = new Taint("NoSchedule", "node.kubernetes.io/unschedulable", null, "");

    private Fixtures() {
    }

    static LabelSelector exists(String key) {
        return new LabelSelectorBuilder().addNewMatchExpression().withKey(key).withOperator("Exists").endMatchExpression().build();
    }

    static LabelSelector labels(String... kv) {
        return new LabelSelectorBuilder().withMatchLabels(map(kv)).build();
    }

    static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** upstream's SpreadConstraint(maxSkew, key, action, selector, minDomains, nodeAffinityPolicy, nodeTaintsPolicy, matchLabelKeys). */
    static TopologySpreadConstraint spread(int maxSkew, String key, String action, LabelSelector selector,
                                           Integer minDomains, String affinityPolicy, String taintsPolicy, List<String> matchLabelKeys) {
        return new TopologySpreadConstraintBuilder().withMaxSkew(maxSkew).withTopologyKey(key).withWhenUnsatisfiable(action)
                .withLabelSelector(selector).withMinDomains(minDomains).withNodeAffinityPolicy(affinityPolicy)
                .withNodeTaintsPolicy(taintsPolicy).withMatchLabelKeys(matchLabelKeys).build();
    }

    static TopologySpreadConstraint spread(int maxSkew, String key, String action, LabelSelector selector) {
        return spread(maxSkew, key, action, selector, null, null, null, null);
    }

    /** A pod named {@code name} in "default" with labels given as key/value pairs. */
    static MakePod pod(String name, String... labels) {
        MakePod p = MakePod.pod(name).uid(name);
        for (int i = 0; i < labels.length; i += 2) {
            p.label(labels[i], labels[i + 1]);
        }
        return p;
    }

    /** An existing pod on {@code node}. */
    static Pod on(String node, String name, String... labels) {
        return pod(name, labels).node(node).build();
    }

    static MakePod withConstraints(MakePod p, TopologySpreadConstraint... cs) {
        for (TopologySpreadConstraint c : cs) {
            p.spreadConstraint(c);
        }
        return p;
    }

    static MakePod nodeAffinity(MakePod p, String key, String operator, String... values) {
        return p.affinity(new AffinityBuilder().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().withMatchExpressions(new NodeSelectorRequirementBuilder().withKey(key)
                        .withOperator(operator).withValues(values).build()).endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build());
    }

    static Pod terminating(Pod pod) {
        pod.getMetadata().setDeletionTimestamp("2024-01-01T00:00:00Z");
        return pod;
    }

    /** A node with exactly the given labels (no implicit hostname label, as upstream's st.MakeNode). */
    static Node node(String name, String... labels) {
        return new NodeBuilder().withNewMetadata().withName(name).withLabels(map(labels)).endMetadata().withNewSpec().endSpec().build();
    }

    static Node tainted(Node node) {
        node.getSpec().setTaints(List.of(UNSCHEDULABLE_TAINT));
        return node;
    }

    /** A node labelled zone=zone, node=name as most upstream tables use. */
    static Node zoned(String name, String zone) {
        return node(name, "zone", zone, "node", name);
    }

    static PodTopologySpread plugin(TestHandle handle, String defaultingType, TopologySpreadConstraint... defaults) {
        return new PodTopologySpread(new PodTopologySpreadArgs(List.of(defaults), defaultingType), handle);
    }

    static PodTopologySpread listDefaulting(TestHandle handle) {
        return plugin(handle, PodTopologySpreadArgs.LIST_DEFAULTING);
    }

    static PluginArgs args(Map<String, ?> values) {
        return PluginArgs.of(values);
    }

    /** A compiled constraint as the tables expect it, comparable with {@link #view(SpreadConstraint)}. */
    record ConstraintView(int maxSkew, String topologyKey, Set<Selector.Requirement> requirements, boolean nothing,
                          int minDomains, boolean honorAffinity, boolean honorTaints) {
    }

    static ConstraintView view(SpreadConstraint c) {
        return new ConstraintView(c.maxSkew(), c.topologyKey(), Set.copyOf(c.selector().requirements()), c.selector().isNothing(),
                c.minDomains(), c.honorNodeAffinity(), c.honorNodeTaints());
    }

    static ConstraintView expect(int maxSkew, String key, LabelSelector selector, boolean honorAffinity, boolean honorTaints) {
        Selector s = Selector.of(selector);
        return new ConstraintView(maxSkew, key, Set.copyOf(s.requirements()), s.isNothing(), 1, honorAffinity, honorTaints);
    }

    static ConstraintView expect(int maxSkew, String key, LabelSelector selector) {
        return expect(maxSkew, key, selector, true, false);
    }
}
