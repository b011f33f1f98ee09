package dev.berth.plugins.nodeaffinity;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.BasePluginFactory;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.EnqueueExtensions;
import dev.berth.framework.api.FilterPlugin;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.NodeScores;
import dev.berth.framework.api.PreFilterPlugin;
import dev.berth.framework.api.PreFilterResult;
import dev.berth.framework.api.PreScorePlugin;
import dev.berth.framework.api.QueueingHint;
import dev.berth.framework.api.ScorePlugin;
import dev.berth.framework.api.StateKey;
import dev.berth.framework.api.Status;
import dev.berth.plugins.helper.NodeSelectorMatcher;
import dev.berth.plugins.helper.Normalize;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Node selector and node affinity (upstream's {@code NodeAffinity}).
 *
 * <ul>
 *   <li>PreFilter compiles the pod's {@code nodeSelector} and required node affinity once, skips pods
 *       without either (unless the profile adds affinity), and when every required term pins
 *       {@code metadata.name In [...]} returns just those nodes (rejecting the pod if the pins conflict).</li>
 *   <li>Filter checks the profile's added required affinity, then the pod's own.</li>
 *   <li>Score sums the weights of the matching preferred terms, the pod's and the added ones;
 *       NormalizeScore scales the best node to 100.</li>
 * </ul>
 *
 * <p>Terms with a parse error never match, as upstream's lazy-error selector; a pod with a broken
 * preferred term fails PreScore with upstream's error text. Registers upstream's hint-enabled event
 * (Berth always runs with queueing hints): Node Add|UpdateNodeLabel with upstream's hint.
 */
public final class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin,
        ScorePlugin.ScoreExtensions, EnqueueExtensions {

    public static final String NAME = "NodeAffinity";

    static final String ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
    static final String ERR_REASON_ENFORCED = "node(s) didn't match scheduler-enforced node affinity";
    static final String ERR_REASON_CONFLICT = "pod affinity terms conflict";

    private static final String METADATA_NAME = "metadata.name";

    /** The pod's compiled hard constraints; independent of other pods, so copies share it. */
    record PreFilterState(RequiredNodeAffinity required) implements CycleState.StateData {
        @Override
        public CycleState.StateData copy() {
            return this;
        }
    }

    /** The pod's compiled preferred terms. */
    record PreScoreState(List<WeightedTerm> preferred) implements CycleState.StateData {
        @Override
        public CycleState.StateData copy() {
            return this;
        }
    }

    /** A preferred term and its weight. */
    record WeightedTerm(NodeSelectorMatcher matcher, int weight) {
    }

    /** {@code spec.nodeSelector} (exact label matches) and the required terms (null when the pod has none). */
    record RequiredNodeAffinity(Map<String, String> nodeSelector, NodeSelectorMatcher terms) {
        boolean matches(Node node) {
            Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
            for (var e : nodeSelector.entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
            return terms == null || terms.matches(node);
        }
    }

    static final StateKey<PreFilterState> PRE_FILTER_KEY = StateKey.of("PreFilter" + NAME, PreFilterState.class);
    static final StateKey<PreScoreState> PRE_SCORE_KEY = StateKey.of("PreScore" + NAME, PreScoreState.class);

    /** The profile's enforced required affinity, or null. */
    private final NodeSelectorMatcher addedNodeSelector;
    /** The profile's preferred terms; empty when none. */
    private final List<WeightedTerm> addedPreferred;

    /** @param args validated args */
    public NodeAffinity(NodeAffinityArgs args) {
        var added = args.addedAffinity();
        NodeSelector required = added == null ? null : added.getRequiredDuringSchedulingIgnoredDuringExecution();
        this.addedNodeSelector = required == null ? null : NodeSelectorMatcher.ofTerms(validTerms(required.getNodeSelectorTerms()));
        List<PreferredSchedulingTerm> preferred = added == null ? null : added.getPreferredDuringSchedulingIgnoredDuringExecution();
        this.addedPreferred = preferred == null ? List.of() : compilePreferred(preferred);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
        NodeSelector required = requiredAffinity(pod);
        if (required == null && addedNodeSelector == null && nodeSelector(pod).isEmpty()) {
            return PreFilterResult.of(Status.skip());
        }
        state.write(PRE_FILTER_KEY, new PreFilterState(requiredNodeAffinity(pod)));
        List<NodeSelectorTerm> terms = required == null || required.getNodeSelectorTerms() == null
                ? List.of() : required.getNodeSelectorTerms();
        if (terms.isEmpty()) {
            return PreFilterResult.allNodes();
        }
        return pinnedNodeNames(terms).map(names -> names.isEmpty()
                ? PreFilterResult.of(Status.unresolvable(ERR_REASON_CONFLICT))
                : PreFilterResult.onlyNodes(names)).orElse(PreFilterResult.allNodes());
    }

    /**
     * The union over the ORed terms of each term's {@code metadata.name In} values (intersected within
     * a term); empty Optional as soon as one term pins no name, since that term admits every node.
     */
    private static Optional<Set<String>> pinnedNodeNames(List<NodeSelectorTerm> terms) {
        Set<String> union = new HashSet<>();
        for (NodeSelectorTerm term : terms) {
            Set<String> termNames = null;
            for (NodeSelectorRequirement r : term.getMatchFields() == null ? List.<NodeSelectorRequirement>of() : term.getMatchFields()) {
                if (METADATA_NAME.equals(r.getKey()) && "In".equals(r.getOperator())) {
                    Set<String> values = new HashSet<>(r.getValues() == null ? List.of() : r.getValues());
                    if (termNames == null) {
                        termNames = values;
                    } else {
                        termNames.retainAll(values);
                    }
                }
            }
            if (termNames == null) {
                return Optional.empty();
            }
            union.addAll(termNames);
        }
        return Optional.of(union);
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
        Node node = nodeInfo.node();
        if (addedNodeSelector != null && !addedNodeSelector.matches(node)) {
            return Status.unresolvable(ERR_REASON_ENFORCED);
        }
        // Upstream computes the constraints here when PreFilter was disabled; so do we.
        RequiredNodeAffinity required = state.read(PRE_FILTER_KEY).map(PreFilterState::required)
                .orElseGet(() -> requiredNodeAffinity(pod));
        return required.matches(node) ? Status.SUCCESS : Status.unresolvable(ERR_REASON_POD);
    }

    @Override
    public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes) {
        List<PreferredSchedulingTerm> preferred = preferredAffinity(pod);
        if (preferred.isEmpty() && addedPreferred.isEmpty()) {
            return Status.skip();
        }
        List<String> errs = NodeSelectorSyntax.preferredTermErrors(preferred, "");
        if (!errs.isEmpty()) {
            return Status.error(NodeSelectorSyntax.aggregate(errs));
        }
        state.write(PRE_SCORE_KEY, new PreScoreState(compilePreferred(preferred)));
        return Status.SUCCESS;
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo nodeInfo) {
        Node node = nodeInfo.node();
        // Upstream compiles the pod's preferred terms here when PreScore was disabled; so do we.
        List<WeightedTerm> podPreferred = state.read(PRE_SCORE_KEY).map(PreScoreState::preferred)
                .orElseGet(() -> compilePreferred(preferredAffinity(pod)));
        return sumWeights(addedPreferred, node) + sumWeights(podPreferred, node);
    }

    private static long sumWeights(List<WeightedTerm> terms, Node node) {
        long sum = 0;
        for (WeightedTerm t : terms) {
            if (t.matcher().matches(node)) {
                sum += t.weight();
            }
        }
        return sum;
    }

    @Override
    public Optional<ScoreExtensions> scoreExtensions() {
        return Optional.of(this);
    }

    @Override
    public Status normalizeScore(CycleState state, Pod pod, NodeScores scores) {
        Normalize.defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
        return Status.SUCCESS;
    }

    @Override
    public List<ClusterEventWithHint> eventsToRegister() {
        return List.of(new ClusterEventWithHint(
                ClusterEvent.of(ClusterEvent.NODE, ActionType.ADD, ActionType.UPDATE_NODE_LABEL), this::afterNodeChange));
    }

    /** Queue when a node that matches the enforced and the pod's affinity appears, or starts to match. */
    QueueingHint afterNodeChange(Pod pod, Object oldObj, Object newObj) {
        if (!(newObj instanceof Node modified) || (oldObj != null && !(oldObj instanceof Node))) {
            return QueueingHint.QUEUE;
        }
        if (addedNodeSelector != null && !addedNodeSelector.matches(modified)) {
            return QueueingHint.QUEUE_SKIP;
        }
        RequiredNodeAffinity required = requiredNodeAffinity(pod);
        if (!required.matches(modified)) {
            return QueueingHint.QUEUE_SKIP;
        }
        return oldObj == null || !required.matches((Node) oldObj) ? QueueingHint.QUEUE : QueueingHint.QUEUE_SKIP;
    }

    static RequiredNodeAffinity requiredNodeAffinity(Pod pod) {
        NodeSelector required = requiredAffinity(pod);
        NodeSelectorMatcher terms = required == null ? null : NodeSelectorMatcher.ofTerms(validTerms(required.getNodeSelectorTerms()));
        return new RequiredNodeAffinity(nodeSelector(pod), terms);
    }

    /** The terms without parse errors: upstream's lazy-error selector never matches a broken term. */
    private static List<NodeSelectorTerm> validTerms(List<NodeSelectorTerm> terms) {
        List<NodeSelectorTerm> valid = new ArrayList<>();
        if (terms != null) {
            for (NodeSelectorTerm t : terms) {
                if (!NodeSelectorSyntax.isEmpty(t) && NodeSelectorSyntax.errors(t, "").isEmpty()) {
                    valid.add(t);
                }
            }
        }
        return valid;
    }

    /** Compiles the preferred terms that count: non-zero weight, non-empty and parseable. */
    private static List<WeightedTerm> compilePreferred(List<PreferredSchedulingTerm> terms) {
        List<WeightedTerm> out = new ArrayList<>();
        for (PreferredSchedulingTerm t : terms) {
            if (NodeSelectorSyntax.counts(t) && NodeSelectorSyntax.errors(t.getPreference(), "").isEmpty()) {
                out.add(new WeightedTerm(NodeSelectorMatcher.ofTerms(List.of(t.getPreference())), t.getWeight()));
            }
        }
        return List.copyOf(out);
    }

    private static NodeSelector requiredAffinity(Pod pod) {
        var affinity = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
        return affinity == null || affinity.getNodeAffinity() == null ? null
                : affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
    }

    private static List<PreferredSchedulingTerm> preferredAffinity(Pod pod) {
        var affinity = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
        List<PreferredSchedulingTerm> terms = affinity == null || affinity.getNodeAffinity() == null ? null
                : affinity.getNodeAffinity().getPreferredDuringSchedulingIgnoredDuringExecution();
        return terms == null ? List.of() : terms;
    }

    private static Map<String, String> nodeSelector(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getNodeSelector() == null ? Map.of() : pod.getSpec().getNodeSelector();
    }

    /** Registers {@link NodeAffinity}; decodes and validates {@link NodeAffinityArgs}. */
    public static final class Factory extends BasePluginFactory {
        public Factory() {
            super(NAME, (args, handle) -> {
                NodeAffinityArgs a = args.decode(NodeAffinityArgs.class);
                a.validate();
                return new NodeAffinity(a);
            });
        }
    }
}
