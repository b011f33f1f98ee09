package com.example.berth;

import dev.berth.framework.api.BasePluginFactory;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.ScorePlugin;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.Set;

/**
 * A Score plugin: nodes whose label {@code args.label} has one of {@code args.values} score 100, the others
 * {@code args.otherNodesScore}. Score runs in parallel over the feasible nodes: it only reads the node it is
 * given and fields fixed at construction, does no I/O and allocates nothing.
 */
public final class PreferNodeLabel implements ScorePlugin {

    public static final String NAME = "PreferNodeLabel";

    private final String label;
    private final Set<String> values;
    private final long otherNodesScore;

    public PreferNodeLabel(PreferNodeLabelArgs args) {
        this.label = args.label();
        this.values = Set.copyOf(args.values());
        this.otherNodesScore = args.otherNodesScore();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo nodeInfo) {
        Map<String, String> labels = nodeInfo.node().getMetadata().getLabels();
        String value = labels == null ? null : labels.get(label);
        return value != null && values.contains(value) ? MAX_NODE_SCORE : otherNodesScore;
    }

    /** Listed in META-INF/services/dev.berth.framework.api.PluginFactory, where the scheduler finds it. */
    public static final class Factory extends BasePluginFactory {
        public Factory() {
            super(NAME, (args, handle) -> new PreferNodeLabel(args.decode(PreferNodeLabelArgs.class)));
        }
    }
}
