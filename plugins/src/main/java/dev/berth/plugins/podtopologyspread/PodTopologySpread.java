package dev.berth.plugins.podtopologyspread;

import dev.berth.framework.api.ActionType;
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
import dev.berth.framework.api.Selector;
import dev.berth.framework.api.StateKey;
import dev.berth.framework.api.Status;
import dev.berth.plugins.helper.PerNodeMemo;
import dev.berth.plugins.helper.RequiredNodeAffinity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads pods over topology domains (upstream's {@code PodTopologySpread}).
 *
 * <p>Hard constraints ({@code whenUnsatisfiable: DoNotSchedule}) are enforced in Filter: a node is
 * rejected when placing the pod there would make its domain exceed {@code maxSkew} over the least
 * populated eligible domain (counted as 0 while fewer than {@code minDomains} domains exist). PreFilter
 * counts the matching pods per domain once; its extensions keep the counts right for nominated pods
 * and preemption. Soft constraints ({@code ScheduleAnyway}) score nodes: fewer matching pods in a
 * node's domains scores higher, each domain count weighted by log(domains + 2). Pods without
 * constraints get the default constraints (System: hostname maxSkew 3 and zone maxSkew 5, soft) with
 * a selector deduced from their Services and controller; if none selects the pod, none apply.
 *
 * <p>Only pods in the incoming pod's namespace that match a constraint's selector are counted, and
 * terminating pods are not. The MinDomains, NodeInclusionPolicy and MatchLabelKeys features are always
 * on, as in current upstream. Differences from upstream are listed on {@link DefaultSelector}.
 */
public final class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {

    public static final String NAME = "PodTopologySpread";

    /** Filter reason when the skew would exceed maxSkew (Unschedulable: preemption may help). */
    static final String ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
    /** Filter reason when the node lacks a topology key (UnschedulableAndUnresolvable). */
    static final String ERR_REASON_NODE_LABEL_NOT_MATCH = ERR_REASON_CONSTRAINTS_NOT_MATCH + " (missing required label)";

    static final String LABEL_HOSTNAME = "kubernetes.io/hostname";
    static final String LABEL_TOPOLOGY_ZONE = "topology.kubernetes.io/zone";

    static final StateKey<PreFilterState> PRE_FILTER_KEY = StateKey.of("PreFilter" + NAME, PreFilterState.class);
    static final StateKey<PreScoreState> PRE_SCORE_KEY = StateKey.of("PreScore" + NAME, PreScoreState.class);

    private static final List<TopologySpreadConstraint> SYSTEM_DEFAULT_CONSTRAINTS = List.of(
            new TopologySpreadConstraintBuilder().withTopologyKey(LABEL_HOSTNAME)
                    .withWhenUnsatisfiable(SpreadConstraint.SCHEDULE_ANYWAY).withMaxSkew(3).build(),
            new TopologySpreadConstraintBuilder().withTopologyKey(LABEL_TOPOLOGY_ZONE)
                    .withWhenUnsatisfiable(SpreadConstraint.SCHEDULE_ANYWAY).withMaxSkew(5).build());

    private static final long INVALID_SCORE = -1;
    private static final Logger LOG = LoggerFactory.getLogger(PodTopologySpread.class);

    private final Handle handle;
    private final PerNodeMemo<NodeCountsKey, NodeCounts> preFilterMemo = new PerNodeMemo<>();
    private final List<TopologySpreadConstraint> defaultConstraints;
    private final boolean systemDefaulted;

    public PodTopologySpread(PodTopologySpreadArgs args, Handle handle) {
        this.handle = handle;
        this.systemDefaulted = PodTopologySpreadArgs.SYSTEM_DEFAULTING.equals(args.defaultingType());
        this.defaultConstraints = systemDefaulted ? SYSTEM_DEFAULT_CONSTRAINTS : args.defaultConstraints();
    }

    @Override
    public String name() {
        return NAME;
    }

    // ---- constraints -------------------------------------------------------------------------

    /**
     * The pod's constraints with {@code whenUnsatisfiable == action}, or, if the pod has none at all,
     * the default constraints with that action and the pod's default selector.
     *
     * @throws IllegalArgumentException if a label selector is invalid
     */
    List<SpreadConstraint> constraints(Pod pod, String action) {
        List<TopologySpreadConstraint> own = pod.getSpec() == null ? null : pod.getSpec().getTopologySpreadConstraints();
        Map<String, String> podLabels = pod.getMetadata().getLabels();
        if (own != null && !own.isEmpty()) {
            return SpreadConstraint.compile(own, podLabels, action);
        }
        List<SpreadConstraint> defaults = SpreadConstraint.compile(defaultConstraints, podLabels, action);
        if (defaults.isEmpty()) {
            return defaults;
        }
        Selector selector = DefaultSelector.of(pod, handle.clusterClient());
        if (selector.isEverything()) {
            return List.of();
        }
        return defaults.stream().map(c -> c.withSelector(selector)).toList();
    }

    private static boolean hasOwnConstraints(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getTopologySpreadConstraints() != null
                && !pod.getSpec().getTopologySpreadConstraints().isEmpty();
    }

    // ---- PreFilter / Filter ------------------------------------------------------------------

    @Override
    public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
        List<SpreadConstraint> constraints;
        try {
            constraints = constraints(pod, SpreadConstraint.DO_NOT_SCHEDULE);
        } catch (IllegalArgumentException e) {
            return PreFilterResult.of(Status.error("get constraints from pod: obtaining pod's hard topology spread constraints: " + e.getMessage()));
        }
        if (constraints.isEmpty()) {
            return PreFilterResult.of(Status.skip());
        }
        state.write(PRE_FILTER_KEY, computePreFilterState(pod, constraints, nodes));
        return PreFilterResult.allNodes();
    }

    /** One node's part of PreFilter: per constraint, the matching count (-1 when the node is not an eligible domain) and the node's domain. */
    private record NodeCounts(int[] counts, String[] domains) {
    }

    /** What {@link NodeCounts} depend on besides the node: the constraints, and the pod's namespace, node constraints and tolerations. */
    private record NodeCountsKey(List<SpreadConstraint> constraints, String namespace, Map<String, String> nodeSelector,
                                 NodeAffinity nodeAffinity, List<Toleration> tolerations) {

        static NodeCountsKey of(Pod pod, List<SpreadConstraint> constraints) {
            var spec = pod.getSpec();
            return new NodeCountsKey(constraints, pod.getMetadata().getNamespace(), spec == null ? null : spec.getNodeSelector(),
                    spec == null || spec.getAffinity() == null ? null : spec.getAffinity().getNodeAffinity(),
                    spec == null ? null : spec.getTolerations());
        }
    }

    private PreFilterState computePreFilterState(Pod pod, List<SpreadConstraint> constraints, List<NodeInfo> nodes) {
        RequiredNodeAffinity requiredAffinity = RequiredNodeAffinity.of(pod);
        String namespace = pod.getMetadata().getNamespace();
        // Computed in parallel, and remembered for the next pod with the same constraints, so the
        // sequential merge below only adds up.
        List<NodeCounts> byNode = preFilterMemo.answers(NodeCountsKey.of(pod, constraints), nodes, handle.parallelizer(),
                nodeInfo -> nodeCounts(nodeInfo, pod, constraints, requiredAffinity, namespace));
        List<Map<String, Integer>> tpValueToMatchNum = new ArrayList<>(constraints.size());
        for (int i = 0; i < constraints.size(); i++) {
            // Sized for the worst case (one domain per node, e.g. hostname) so the map never rehashes.
            tpValueToMatchNum.add(new HashMap<>(nodes.size() * 4 / 3 + 1));
        }
        for (NodeCounts nodeCounts : byNode) {
            if (nodeCounts == null) {
                continue;
            }
            int[] counts = nodeCounts.counts();
            String[] domains = nodeCounts.domains();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] >= 0) {
                    tpValueToMatchNum.get(i).merge(domains[i], counts[i], Integer::sum);
                }
            }
        }
        return new PreFilterState(constraints, tpValueToMatchNum);
    }

    private static NodeCounts nodeCounts(NodeInfo nodeInfo, Pod pod, List<SpreadConstraint> constraints,
                                         RequiredNodeAffinity requiredAffinity, String namespace) {
        Node node = nodeInfo.node();
        if (node == null) {
            return null;
        }
        Map<String, String> labels = SpreadConstraint.labels(node);
        if (!SpreadConstraint.nodeHasAllTopologyKeys(labels, constraints)) {
            return null;
        }
        int[] counts = new int[constraints.size()];
        String[] domains = new String[constraints.size()];
        for (int i = 0; i < constraints.size(); i++) {
            SpreadConstraint c = constraints.get(i);
            counts[i] = c.includesNode(pod, node, requiredAffinity)
                    ? SpreadConstraint.countMatchingPods(nodeInfo, c.selector(), namespace) : -1;
            domains[i] = labels.get(c.topologyKey());
        }
        return new NodeCounts(counts, domains);
    }

    @Override
    public Optional<PreFilterExtensions> preFilterExtensions() {
        return Optional.of(new PreFilterExtensions() {
            @Override
            public Status addPod(CycleState state, Pod podToSchedule, PodInfo podInfoToAdd, NodeInfo nodeInfo) {
                return updateWithPod(state, podInfoToAdd.pod(), podToSchedule, nodeInfo.node(), 1);
            }

            @Override
            public Status removePod(CycleState state, Pod podToSchedule, PodInfo podInfoToRemove, NodeInfo nodeInfo) {
                return updateWithPod(state, podInfoToRemove.pod(), podToSchedule, nodeInfo.node(), -1);
            }
        });
    }

    private static Status updateWithPod(CycleState cycleState, Pod updatedPod, Pod preemptor, Node node, int delta) {
        Optional<PreFilterState> read = cycleState.read(PRE_FILTER_KEY);
        if (read.isEmpty()) {
            return notFound(PRE_FILTER_KEY);
        }
        PreFilterState state = read.get();
        if (node == null || !Objects.equals(updatedPod.getMetadata().getNamespace(), preemptor.getMetadata().getNamespace())) {
            return Status.SUCCESS;
        }
        Map<String, String> nodeLabels = SpreadConstraint.labels(node);
        List<SpreadConstraint> constraints = state.constraints();
        if (!SpreadConstraint.nodeHasAllTopologyKeys(nodeLabels, constraints)) {
            return Status.SUCCESS;
        }
        RequiredNodeAffinity requiredAffinity = RequiredNodeAffinity.of(preemptor);
        for (int i = 0; i < constraints.size(); i++) {
            SpreadConstraint c = constraints.get(i);
            if (c.selector().matches(updatedPod.getMetadata().getLabels()) && c.includesNode(preemptor, node, requiredAffinity)) {
                state.add(i, nodeLabels.get(c.topologyKey()), delta);
            }
        }
        return Status.SUCCESS;
    }

    @Override
    public Status filter(CycleState cycleState, Pod pod, NodeInfo nodeInfo) {
        Optional<PreFilterState> read = cycleState.read(PRE_FILTER_KEY);
        if (read.isEmpty()) {
            return notFound(PRE_FILTER_KEY);
        }
        PreFilterState state = read.get();
        List<SpreadConstraint> constraints = state.constraints();
        if (constraints.isEmpty()) {
            return Status.SUCCESS;
        }
        Node node = nodeInfo.node();
        if (node == null) {
            return Status.error("node not found");
        }
        Map<String, String> nodeLabels = SpreadConstraint.labels(node);
        Map<String, String> podLabels = pod.getMetadata().getLabels();
        for (int i = 0; i < constraints.size(); i++) {
            SpreadConstraint c = constraints.get(i);
            String tpValue = nodeLabels.get(c.topologyKey());
            if (tpValue == null) {
                LOG.trace("node {} lacks topology key {}", nodeInfo.nodeName(), c.topologyKey());
                return Status.unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH);
            }
            int selfMatchNum = c.selector().matches(podLabels) ? 1 : 0;
            int skew = state.skew(i, tpValue, selfMatchNum);
            if (skew > c.maxSkew()) {
                LOG.trace("node {}: skew {} on {} exceeds maxSkew {}", nodeInfo.nodeName(), skew, c.topologyKey(), c.maxSkew());
                return Status.unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH);
            }
        }
        return Status.SUCCESS;
    }

    private static Status notFound(StateKey<?> key) {
        return Status.error("reading \"" + key.name() + "\" from cycleState: not found");
    }

    // ---- PreScore / Score --------------------------------------------------------------------

    @Override
    public Status preScore(CycleState cycleState, Pod pod, List<NodeInfo> feasibleNodes) {
        List<NodeInfo> allNodes = handle.snapshot().list();
        if (allNodes.isEmpty()) {
            return Status.skip();
        }
        List<SpreadConstraint> constraints;
        try {
            constraints = constraints(pod, SpreadConstraint.SCHEDULE_ANYWAY);
        } catch (IllegalArgumentException e) {
            return Status.error("calculating preScoreState: obtaining pod's soft topology spread constraints: " + e.getMessage());
        }
        if (constraints.isEmpty()) {
            return Status.skip();
        }
        // System defaults do not require every key, so nodes without a zone label still get hostname spreading.
        boolean requireAllTopologies = hasOwnConstraints(pod) || !systemDefaulted;
        PreScoreState state = initPreScoreState(constraints, feasibleNodes, requireAllTopologies);

        RequiredNodeAffinity requiredAffinity = RequiredNodeAffinity.of(pod);
        String namespace = pod.getMetadata().getNamespace();
        handle.parallelizer().until(allNodes.size(), n -> {
            NodeInfo nodeInfo = allNodes.get(n);
            Node node = nodeInfo.node();
            if (node == null) {
                return;
            }
            Map<String, String> labels = SpreadConstraint.labels(node);
            if (requireAllTopologies && !SpreadConstraint.nodeHasAllTopologyKeys(labels, constraints)) {
                return;
            }
            for (int i = 0; i < constraints.size(); i++) {
                SpreadConstraint c = constraints.get(i);
                if (!c.includesNode(pod, node, requiredAffinity)) {
                    continue;
                }
                // Only domains of feasible nodes are counted; hostname domains are counted in Score.
                AtomicLong domainCount = state.podCountsByDomain().get(i).get(labels.getOrDefault(c.topologyKey(), ""));
                if (domainCount != null) {
                    domainCount.addAndGet(SpreadConstraint.countMatchingPods(nodeInfo, c.selector(), namespace));
                }
            }
        });
        cycleState.write(PRE_SCORE_KEY, state);
        return Status.SUCCESS;
    }

    private static PreScoreState initPreScoreState(List<SpreadConstraint> constraints, List<NodeInfo> feasibleNodes,
                                                   boolean requireAllTopologies) {
        Set<String> ignoredNodes = new HashSet<>();
        List<Map<String, AtomicLong>> podCounts = new ArrayList<>(constraints.size());
        for (int i = 0; i < constraints.size(); i++) {
            podCounts.add(new HashMap<>());
        }
        for (NodeInfo nodeInfo : feasibleNodes) {
            Map<String, String> labels = SpreadConstraint.labels(nodeInfo.node());
            if (requireAllTopologies && !SpreadConstraint.nodeHasAllTopologyKeys(labels, constraints)) {
                ignoredNodes.add(nodeInfo.nodeName());
                continue;
            }
            for (int i = 0; i < constraints.size(); i++) {
                String key = constraints.get(i).topologyKey();
                if (!LABEL_HOSTNAME.equals(key)) {
                    // A missing label is the domain "", as upstream's map lookup yields.
                    podCounts.get(i).putIfAbsent(labels.getOrDefault(key, ""), new AtomicLong());
                }
            }
        }
        double[] weights = new double[constraints.size()];
        for (int i = 0; i < constraints.size(); i++) {
            int size = LABEL_HOSTNAME.equals(constraints.get(i).topologyKey())
                    ? feasibleNodes.size() - ignoredNodes.size() : podCounts.get(i).size();
            weights[i] = topologyNormalizingWeight(size);
        }
        return new PreScoreState(constraints, Set.copyOf(ignoredNodes), podCounts, weights);
    }

    /** log(size + 2): at least 1.09 for one domain, about 8.5 for 5000. */
    static double topologyNormalizingWeight(int size) {
        return Math.log(size + 2);
    }

    @Override
    public long score(CycleState cycleState, Pod pod, NodeInfo nodeInfo) {
        PreScoreState state = cycleState.require(PRE_SCORE_KEY);
        Node node = nodeInfo.node();
        if (state.ignoredNodes().contains(nodeInfo.nodeName())) {
            return 0;
        }
        Map<String, String> labels = SpreadConstraint.labels(node);
        double score = 0;
        List<SpreadConstraint> constraints = state.constraints();
        for (int i = 0; i < constraints.size(); i++) {
            SpreadConstraint c = constraints.get(i);
            String tpValue = labels.get(c.topologyKey());
            if (tpValue == null) {
                continue;
            }
            long count = LABEL_HOSTNAME.equals(c.topologyKey())
                    ? SpreadConstraint.countMatchingPods(nodeInfo, c.selector(), pod.getMetadata().getNamespace())
                    : state.podCountsByDomain().get(i).get(tpValue).get();
            // maxSkew - 1 waters down small differences between domains.
            score += count * state.normalizingWeights()[i] + (c.maxSkew() - 1);
        }
        return Math.round(score);
    }

    @Override
    public Optional<ScoreExtensions> scoreExtensions() {
        return Optional.of(this::normalizeScore);
    }

    private Status normalizeScore(CycleState cycleState, Pod pod, NodeScores scores) {
        Optional<PreScoreState> read = cycleState.read(PRE_SCORE_KEY);
        if (read.isEmpty()) {
            return notFound(PRE_SCORE_KEY);
        }
        Set<String> ignored = read.get().ignoredNodes();
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < scores.size(); i++) {
            if (ignored.contains(scores.nodeName(i))) {
                scores.setScore(i, INVALID_SCORE);
                continue;
            }
            min = Math.min(min, scores.score(i));
            max = Math.max(max, scores.score(i));
        }
        for (int i = 0; i < scores.size(); i++) {
            long s = scores.score(i);
            if (s == INVALID_SCORE) {
                scores.setScore(i, 0);
            } else if (max == 0) {
                scores.setScore(i, MAX_NODE_SCORE);
            } else {
                scores.setScore(i, MAX_NODE_SCORE * (max + min - s) / max);
            }
        }
        return Status.SUCCESS;
    }

    // ---- EnqueueExtensions -------------------------------------------------------------------

    /**
     * Upstream's registrations with queueing hints enabled: assigned-pod adds, deletes and label
     * updates (and toleration updates of the pod itself, for NodeTaintsPolicy Honor), and node adds,
     * deletes, label and taint updates.
     */
    @Override
    public List<ClusterEventWithHint> eventsToRegister() {
        return List.of(
                new ClusterEventWithHint(ClusterEvent.of(ClusterEvent.POD, ActionType.ADD, ActionType.UPDATE_POD_LABEL,
                        ActionType.UPDATE_POD_TOLERATIONS, ActionType.DELETE), this::hintAfterPodChange),
                new ClusterEventWithHint(ClusterEvent.of(ClusterEvent.NODE, ActionType.ADD, ActionType.DELETE,
                        ActionType.UPDATE_NODE_LABEL, ActionType.UPDATE_NODE_TAINT), this::hintAfterNodeChange));
    }

    QueueingHint hintAfterPodChange(Pod pod, Object oldObj, Object newObj) {
        Pod original = (Pod) oldObj;
        Pod modified = (Pod) newObj;
        if ((modified != null && !involvedInSpreading(modified, pod)) || (original != null && !involvedInSpreading(original, pod))) {
            return QueueingHint.QUEUE_SKIP;
        }
        List<SpreadConstraint> constraints = constraints(pod, SpreadConstraint.DO_NOT_SCHEDULE);
        if (original != null && modified != null) {
            if (Objects.equals(pod.getMetadata().getUid(), modified.getMetadata().getUid())
                    && !Objects.equals(tolerationsOf(original), tolerationsOf(modified))
                    && constraints.stream().anyMatch(SpreadConstraint::honorNodeTaints)) {
                return QueueingHint.QUEUE;
            }
            Map<String, String> before = labelsOf(original);
            Map<String, String> after = labelsOf(modified);
            if (before.equals(after)) {
                return QueueingHint.QUEUE_SKIP;
            }
            for (SpreadConstraint c : constraints) {
                if (c.selector().matches(before) != c.selector().matches(after)) {
                    return QueueingHint.QUEUE;
                }
            }
            return QueueingHint.QUEUE_SKIP;
        }
        Pod changed = modified != null ? modified : original;
        return SpreadConstraint.anySelectorMatches(constraints, labelsOf(changed)) ? QueueingHint.QUEUE : QueueingHint.QUEUE_SKIP;
    }

    /** The changed pod is the pending pod itself, or an assigned pod in its namespace. */
    private static boolean involvedInSpreading(Pod changed, Pod pending) {
        if (Objects.equals(changed.getMetadata().getUid(), pending.getMetadata().getUid())) {
            return true;
        }
        String nodeName = changed.getSpec() == null ? null : changed.getSpec().getNodeName();
        return nodeName != null && !nodeName.isEmpty()
                && Objects.equals(changed.getMetadata().getNamespace(), pending.getMetadata().getNamespace());
    }

    QueueingHint hintAfterNodeChange(Pod pod, Object oldObj, Object newObj) {
        Node original = (Node) oldObj;
        Node modified = (Node) newObj;
        List<SpreadConstraint> constraints = constraints(pod, SpreadConstraint.DO_NOT_SCHEDULE);
        boolean originalMatches = original != null && SpreadConstraint.nodeHasAllTopologyKeys(SpreadConstraint.labels(original), constraints);
        boolean modifiedMatches = modified != null && SpreadConstraint.nodeHasAllTopologyKeys(SpreadConstraint.labels(modified), constraints);
        if (original != null && modified != null) {
            if (originalMatches != modifiedMatches) {
                return QueueingHint.QUEUE;
            }
            if (modifiedMatches && (topologyValuesChanged(original, modified, constraints) || !Objects.equals(taintsOf(original), taintsOf(modified)))) {
                return QueueingHint.QUEUE;
            }
            return QueueingHint.QUEUE_SKIP;
        }
        return (modified != null ? modifiedMatches : originalMatches) ? QueueingHint.QUEUE : QueueingHint.QUEUE_SKIP;
    }

    private static boolean topologyValuesChanged(Node original, Node modified, List<SpreadConstraint> constraints) {
        Map<String, String> before = SpreadConstraint.labels(original);
        Map<String, String> after = SpreadConstraint.labels(modified);
        for (SpreadConstraint c : constraints) {
            if (!Objects.equals(before.get(c.topologyKey()), after.get(c.topologyKey()))) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> labelsOf(Pod pod) {
        return pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    }

    private static List<?> tolerationsOf(Pod pod) {
        return pod.getSpec() == null ? List.of() : nullToEmpty(pod.getSpec().getTolerations());
    }

    private static List<?> taintsOf(Node node) {
        return node.getSpec() == null ? List.of() : nullToEmpty(node.getSpec().getTaints());
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Registers {@link PodTopologySpread}; args are {@link PodTopologySpreadArgs}. */
    public static final class Factory extends BasePluginFactory {
        public Factory() {
            super(NAME, (args, handle) -> {
                PodTopologySpreadArgs decoded = args.decode(PodTopologySpreadArgs.class);
                decoded.validate();
                return new PodTopologySpread(decoded, handle);
            });
        }
    }
}
