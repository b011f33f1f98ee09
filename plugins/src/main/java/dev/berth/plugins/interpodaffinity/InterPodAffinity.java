package dev.berth.plugins.interpodaffinity;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.AffinityTerm;
import dev.berth.framework.api.BasePluginFactory;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.EnqueueExtensions;
import dev.berth.framework.api.FilterPlugin;
import dev.berth.framework.api.Handle;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.NodeScores;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.PreFilterPlugin;
import dev.berth.framework.api.PreFilterResult;
import dev.berth.framework.api.PreScorePlugin;
import dev.berth.framework.api.QueueingHint;
import dev.berth.framework.api.ScorePlugin;
import dev.berth.framework.api.StateKey;
import dev.berth.framework.api.Status;
import dev.berth.framework.api.WeightedAffinityTerm;
import dev.berth.plugins.helper.PerNodeMemo;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Inter-pod affinity and anti-affinity (upstream's {@code InterPodAffinity}).
 *
 * <p>Filter: the node must lie in a topology domain that holds a pod matching all of the incoming pod's
 * required affinity terms (a pod matching its own terms may start the group when no pod matches anywhere),
 * no domain of the node may hold a pod matching one of its required anti-affinity terms, and no existing
 * pod's required anti-affinity term may match the incoming pod in a domain the node belongs to. The counts
 * per domain are computed once in PreFilter and kept up to date by {@link #addPod}/{@link #removePod}.
 *
 * <p>Score: per topology domain, the weights of the incoming pod's preferred terms that existing pods
 * match (anti-affinity subtracts), plus, symmetrically, the weights of existing pods' preferred terms and
 * {@code hardPodAffinityWeight} for their required affinity terms that the incoming pod matches; then
 * scaled so the lowest node gets 0 and the highest 100.
 *
 * <p>Differs from upstream: label values in selectors are not validated (upstream rejects a pod with an
 * invalid one in PreFilter with "parsing pod: ..."); Berth rejects only selectors it cannot compile. The
 * queueing hints are upstream's, evaluated on the pod's own terms without namespace labels, as upstream.
 */
public final class InterPodAffinity implements PreFilterPlugin, PreFilterPlugin.PreFilterExtensions, FilterPlugin,
        PreScorePlugin, ScorePlugin, ScorePlugin.ScoreExtensions, EnqueueExtensions {

    public static final String NAME = "InterPodAffinity";

    static final String ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't satisfy existing pods anti-affinity rules";
    static final String ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
    static final String ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";

    static final StateKey<PreFilterState> PRE_FILTER_KEY = StateKey.of("PreFilter" + NAME, PreFilterState.class);
    static final StateKey<PreScoreState> PRE_SCORE_KEY = StateKey.of("PreScore" + NAME, PreScoreState.class);

    private final InterPodAffinityArgs args;
    private final Handle handle;
    private final PerNodeMemo<ExistingKey, DomainCounts> existingMemo = new PerNodeMemo<>();
    private final PerNodeMemo<IncomingKey, IncomingMatches> incomingMemo = new PerNodeMemo<>();
    private final PerNodeMemo<PreScoreKey, PreScoreState> preScoreMemo = new PerNodeMemo<>();

    public InterPodAffinity(InterPodAffinityArgs args, Handle handle) {
        this.args = args.validate();
        this.handle = handle;
    }

    @Override
    public String name() {
        return NAME;
    }

    // ---- PreFilter / Filter ----

    @Override
    public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
        PodInfo podInfo;
        try {
            podInfo = PodInfo.of(pod);
        } catch (IllegalArgumentException e) {
            return PreFilterResult.of(Status.unresolvable("parsing pod: " + e.getMessage()));
        }
        Namespaces namespaces = new Namespaces(handle.clusterClient());
        List<AffinityTerm> affinityTerms = namespaces.resolve(podInfo.requiredAffinityTerms());
        List<AffinityTerm> antiAffinityTerms = namespaces.resolve(podInfo.requiredAntiAffinityTerms());
        Map<String, String> namespaceLabels = namespaces.labelsOf(pod.getMetadata().getNamespace());

        TopologyCounts existingAntiAffinityCounts = existingAntiAffinityCounts(pod, namespaceLabels);
        if (existingAntiAffinityCounts.isEmpty() && affinityTerms.isEmpty() && antiAffinityTerms.isEmpty()) {
            return PreFilterResult.of(Status.skip());
        }
        TopologyCounts affinityCounts = new TopologyCounts();
        TopologyCounts antiAffinityCounts = new TopologyCounts();
        if (!affinityTerms.isEmpty() || !antiAffinityTerms.isEmpty()) {
            IncomingKey key = new IncomingKey(affinityTerms, antiAffinityTerms);
            for (IncomingMatches matches : incomingMemo.answers(key, nodes, handle.parallelizer(), nodeInfo -> incomingMatches(key, nodeInfo))) {
                if (matches != null) {
                    affinityCounts.add(matches.affinity());
                    antiAffinityCounts.add(matches.antiAffinity());
                }
            }
        }
        state.write(PRE_FILTER_KEY, new PreFilterState(pod, affinityTerms, antiAffinityTerms, namespaceLabels,
                existingAntiAffinityCounts, affinityCounts, antiAffinityCounts));
        return PreFilterResult.allNodes();
    }

    /** What a node's existing-anti-affinity counts depend on besides the node: the incoming pod's namespace and labels, and its namespace's labels. */
    private record ExistingKey(String namespace, Map<String, String> labels, Map<String, String> namespaceLabels) {
    }

    /**
     * Per domain, how many required anti-affinity terms of existing pods match the incoming pod. Per node
     * computed in parallel and remembered for the next pod with the same namespace and labels; the memo
     * covers every node (the list of nodes with such pods changes with every one placed), so it is
     * skipped while no node has any.
     */
    private TopologyCounts existingAntiAffinityCounts(Pod pod, Map<String, String> namespaceLabels) {
        TopologyCounts counts = new TopologyCounts();
        if (handle.snapshot().havePodsWithRequiredAntiAffinity().isEmpty()) {
            return counts;
        }
        ExistingKey key = new ExistingKey(pod.getMetadata().getNamespace(), pod.getMetadata().getLabels(), namespaceLabels);
        for (DomainCounts nodeCounts : existingMemo.answers(key, handle.snapshot().list(), handle.parallelizer(),
                nodeInfo -> existingAntiAffinityOn(nodeInfo, pod, namespaceLabels))) {
            counts.add(nodeCounts);
        }
        return counts;
    }

    private static DomainCounts existingAntiAffinityOn(NodeInfo nodeInfo, Pod pod, Map<String, String> namespaceLabels) {
        if (nodeInfo.node() == null || nodeInfo.podsWithRequiredAntiAffinity().isEmpty()) {
            return DomainCounts.NONE;
        }
        TopologyCounts counts = new TopologyCounts();
        for (PodInfo existing : nodeInfo.podsWithRequiredAntiAffinity()) {
            counts.updateWithAntiAffinityTerms(existing.requiredAntiAffinityTerms(), pod, namespaceLabels, nodeInfo.node(), 1);
        }
        return DomainCounts.of(counts);
    }

    /** The incoming pod's required terms with namespace selectors resolved: all a node's {@link IncomingMatches} depend on besides the node. */
    private record IncomingKey(List<AffinityTerm> affinityTerms, List<AffinityTerm> antiAffinityTerms) {
    }

    /** One node's existing pods matching the incoming pod's affinity (all terms) and anti-affinity (each term), per domain. */
    private record IncomingMatches(DomainCounts affinity, DomainCounts antiAffinity) {
    }

    private static IncomingMatches incomingMatches(IncomingKey key, NodeInfo nodeInfo) {
        if (nodeInfo.node() == null || nodeInfo.pods().isEmpty()) {
            return null;
        }
        TopologyCounts affinity = new TopologyCounts();
        TopologyCounts antiAffinity = new TopologyCounts();
        affinity.addAffinityMatches(key.affinityTerms(), nodeInfo);
        antiAffinity.addAntiAffinityMatches(key.antiAffinityTerms(), nodeInfo);
        return new IncomingMatches(DomainCounts.of(affinity), DomainCounts.of(antiAffinity));
    }

    @Override
    public Optional<PreFilterExtensions> preFilterExtensions() {
        return Optional.of(this);
    }

    @Override
    public Status addPod(CycleState state, Pod podToSchedule, PodInfo podInfoToAdd, NodeInfo nodeInfo) {
        return updateWithPod(state, podInfoToAdd, nodeInfo, 1);
    }

    @Override
    public Status removePod(CycleState state, Pod podToSchedule, PodInfo podInfoToRemove, NodeInfo nodeInfo) {
        return updateWithPod(state, podInfoToRemove, nodeInfo, -1);
    }

    private static Status updateWithPod(CycleState state, PodInfo podInfo, NodeInfo nodeInfo, long multiplier) {
        Optional<PreFilterState> s = state.read(PRE_FILTER_KEY);
        if (s.isEmpty()) {
            return missingState(PRE_FILTER_KEY);
        }
        s.get().updateWithPod(podInfo, nodeInfo.node(), multiplier);
        return Status.SUCCESS;
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
        Node node = nodeInfo.node();
        if (node == null) {
            return Status.error("node not found");
        }
        Optional<PreFilterState> read = state.read(PRE_FILTER_KEY);
        if (read.isEmpty()) {
            return missingState(PRE_FILTER_KEY);
        }
        PreFilterState s = read.get();
        if (!s.satisfiesPodAffinity(node)) {
            return Status.unresolvable(ERR_REASON_AFFINITY_RULES_NOT_MATCH);
        }
        if (!s.satisfiesPodAntiAffinity(node)) {
            return Status.unschedulable(ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH);
        }
        if (!s.satisfiesExistingPodsAntiAffinity(node)) {
            return Status.unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH);
        }
        return Status.SUCCESS;
    }

    /** Upstream's wording when PreFilter/PreScore did not run. */
    private static Status missingState(StateKey<?> key) {
        return Status.error("error reading \"" + key.name() + "\" from cycleState: not found");
    }

    // ---- PreScore / Score ----

    @Override
    public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes) {
        Affinity affinity = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
        boolean hasPreferredAffinity = affinity != null && affinity.getPodAffinity() != null
                && !nullSafe(affinity.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()).isEmpty();
        boolean hasPreferredAntiAffinity = affinity != null && affinity.getPodAntiAffinity() != null
                && !nullSafe(affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()).isEmpty();
        boolean hasConstraints = hasPreferredAffinity || hasPreferredAntiAffinity;
        if (args.ignorePreferredTermsOfExistingPods() && !hasConstraints) {
            return Status.skip();
        }
        PodInfo podInfo;
        try {
            podInfo = PodInfo.of(pod);
        } catch (IllegalArgumentException e) {
            return Status.error("failed to parse pod: " + e.getMessage());
        }
        Namespaces namespaces = new Namespaces(handle.clusterClient());
        List<WeightedAffinityTerm> affinityTerms = namespaces.resolveWeighted(podInfo.preferredAffinityTerms());
        List<WeightedAffinityTerm> antiAffinityTerms = namespaces.resolveWeighted(podInfo.preferredAntiAffinityTerms());
        Map<String, String> namespaceLabels = namespaces.labelsOf(pod.getMetadata().getNamespace());

        // Without preferred terms of its own, only pods with (anti-)affinity can contribute.
        if (!hasConstraints && handle.snapshot().havePodsWithAffinity().isEmpty()) {
            return Status.skip();
        }
        PreScoreKey key = new PreScoreKey(hasConstraints, pod.getMetadata().getNamespace(), pod.getMetadata().getLabels(),
                namespaceLabels, affinityTerms, antiAffinityTerms);
        PreScoreState result = PreScoreState.sum(preScoreMemo.answers(key, handle.snapshot().list(), handle.parallelizer(),
                nodeInfo -> preScoreOn(nodeInfo, pod, key)));
        if (result.isEmpty()) {
            return Status.skip();
        }
        state.write(PRE_SCORE_KEY, result);
        return Status.SUCCESS;
    }

    /** What a node's {@link #preScoreOn} depends on besides the node: the incoming pod's namespace, labels and resolved preferred terms. */
    private record PreScoreKey(boolean hasConstraints, String namespace, Map<String, String> labels, Map<String, String> namespaceLabels,
                               List<WeightedAffinityTerm> affinityTerms, List<WeightedAffinityTerm> antiAffinityTerms) {
    }

    /** The node's share of the score map, or null when nothing on it counts. */
    private PreScoreState preScoreOn(NodeInfo nodeInfo, Pod pod, PreScoreKey key) {
        Node node = nodeInfo.node();
        if (node == null || TopologyCounts.labels(node).isEmpty()) {
            return null;
        }
        PreScoreState scores = new PreScoreState();
        for (PodInfo existing : key.hasConstraints() ? nodeInfo.pods() : nodeInfo.podsWithAffinity()) {
            // The incoming pod's terms have their namespace selectors resolved: no namespace labels needed.
            scores.addAll(key.affinityTerms(), 1, existing.pod(), Map.of(), node);
            scores.addAll(key.antiAffinityTerms(), -1, existing.pod(), Map.of(), node);
            if (args.hardPodAffinityWeight() > 0) {
                for (AffinityTerm term : existing.requiredAffinityTerms()) {
                    scores.add(term, args.hardPodAffinityWeight(), pod, key.namespaceLabels(), node);
                }
            }
            scores.addAll(existing.preferredAffinityTerms(), 1, pod, key.namespaceLabels(), node);
            scores.addAll(existing.preferredAntiAffinityTerms(), -1, pod, key.namespaceLabels(), node);
        }
        return scores.isEmpty() ? null : scores;
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** The summed weights of the node's domains: positive for affinity, negative for anti-affinity. */
    @Override
    public long score(CycleState state, Pod pod, NodeInfo nodeInfo) {
        return state.require(PRE_SCORE_KEY).score(nodeInfo.node());
    }

    @Override
    public Optional<ScoreExtensions> scoreExtensions() {
        return Optional.of(this);
    }

    /** Min-max scaling to 0..100, as upstream (in floating point, truncated). */
    @Override
    public Status normalizeScore(CycleState state, Pod pod, NodeScores scores) {
        Optional<PreScoreState> s = state.read(PRE_SCORE_KEY);
        if (s.isEmpty()) {
            return missingState(PRE_SCORE_KEY);
        }
        if (s.get().isEmpty()) {
            return Status.SUCCESS;
        }
        long min = scores.min();
        long max = scores.max();
        long diff = max - min;
        for (int i = 0; i < scores.size(); i++) {
            double normalized = diff > 0 ? MAX_NODE_SCORE * ((double) (scores.score(i) - min) / diff) : 0;
            scores.setScore(i, (long) normalized);
        }
        return Status.SUCCESS;
    }

    // ---- Queueing ----

    /**
     * Upstream's events: an assigned pod added, deleted or relabelled (it may now satisfy affinity or no
     * longer violate anti-affinity), a node added or relabelled (it may carry a needed topology key), and a
     * node's taints changing (a workaround upstream keeps for nodes added while not ready).
     */
    @Override
    public List<ClusterEventWithHint> eventsToRegister() {
        return List.of(
                new ClusterEventWithHint(ClusterEvent.of(ClusterEvent.POD, ActionType.ADD, ActionType.UPDATE_POD_LABEL, ActionType.DELETE),
                        InterPodAffinity::isSchedulableAfterPodChange),
                new ClusterEventWithHint(ClusterEvent.of(ClusterEvent.NODE, ActionType.ADD, ActionType.UPDATE_NODE_LABEL, ActionType.UPDATE_NODE_TAINT),
                        InterPodAffinity::isSchedulableAfterNodeChange));
    }

    /**
     * Queue when an assigned pod starts matching all of the pending pod's affinity terms (added or
     * relabelled), or stops matching all of its anti-affinity terms (relabelled or deleted); unassigned
     * pods never help.
     */
    static QueueingHint isSchedulableAfterPodChange(Pod pod, Object oldObj, Object newObj) {
        Pod original = oldObj instanceof Pod p ? p : null;
        Pod modified = newObj instanceof Pod p ? p : null;
        if ((modified != null && !isAssigned(modified)) || (original != null && !isAssigned(original))) {
            return QueueingHint.QUEUE_SKIP;
        }
        List<AffinityTerm> terms = compile(pod, requiredTerms(pod, false));
        List<AffinityTerm> antiTerms = compile(pod, requiredTerms(pod, true));
        if (original != null && modified != null) {
            boolean nowMatchesAffinity = !TopologyCounts.matchesAll(terms, original) && TopologyCounts.matchesAll(terms, modified);
            boolean noLongerMatchesAntiAffinity = TopologyCounts.matchesAll(antiTerms, original) && !TopologyCounts.matchesAll(antiTerms, modified);
            return nowMatchesAffinity || noLongerMatchesAntiAffinity ? QueueingHint.QUEUE : QueueingHint.QUEUE_SKIP;
        }
        if (modified != null) {
            return TopologyCounts.matchesAll(terms, modified) ? QueueingHint.QUEUE : QueueingHint.QUEUE_SKIP;
        }
        return original != null && TopologyCounts.matchesAll(antiTerms, original) ? QueueingHint.QUEUE : QueueingHint.QUEUE_SKIP;
    }

    /** Queue when the added or updated node has the topology key of one of the pending pod's required terms. */
    static QueueingHint isSchedulableAfterNodeChange(Pod pod, Object oldObj, Object newObj) {
        if (!(newObj instanceof Node node)) {
            return QueueingHint.QUEUE;
        }
        Map<String, String> labels = TopologyCounts.labels(node);
        for (boolean anti : new boolean[] {false, true}) {
            for (PodAffinityTerm term : requiredTerms(pod, anti)) {
                if (labels.containsKey(term.getTopologyKey())) {
                    return QueueingHint.QUEUE;
                }
            }
        }
        return QueueingHint.QUEUE_SKIP;
    }

    private static boolean isAssigned(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
    }

    private static List<PodAffinityTerm> requiredTerms(Pod pod, boolean anti) {
        Affinity affinity = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
        if (affinity == null) {
            return List.of();
        }
        if (anti) {
            return affinity.getPodAntiAffinity() == null ? List.of()
                    : nullSafe(affinity.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution());
        }
        return affinity.getPodAffinity() == null ? List.of()
                : nullSafe(affinity.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution());
    }

    private static List<AffinityTerm> compile(Pod owner, List<PodAffinityTerm> terms) {
        List<AffinityTerm> out = new ArrayList<>(terms.size());
        for (PodAffinityTerm term : terms) {
            out.add(AffinityTerm.of(owner, term));
        }
        return out;
    }

    /** Registers {@link InterPodAffinity} with {@link InterPodAffinityArgs}. */
    public static final class Factory extends BasePluginFactory {
        public Factory() {
            super(NAME, (args, handle) -> new InterPodAffinity(args.decode(InterPodAffinityArgs.class), handle));
        }
    }
}
