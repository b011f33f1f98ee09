package dev.berth.plugins.noderesources;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.BasePluginFactory;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.EnqueueExtensions;
import dev.berth.framework.api.FilterPlugin;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PreFilterPlugin;
import dev.berth.framework.api.PreFilterResult;
import dev.berth.framework.api.PreScorePlugin;
import dev.berth.framework.api.QueueingHint;
import dev.berth.framework.api.Resource;
import dev.berth.framework.api.ScorePlugin;
import dev.berth.framework.api.StateKey;
import dev.berth.framework.api.Status;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Checks that a node has room for the pod's resource requests and scores nodes by how full they would
 * be (upstream's {@code NodeResourcesFit}).
 *
 * <p>Filter rejects with one reason per short resource ({@code Too many pods}, {@code Insufficient cpu},
 * {@code Insufficient memory}, {@code Insufficient ephemeral-storage}, {@code Insufficient <name>});
 * the status is UnschedulableAndUnresolvable when some request exceeds the node's whole allocatable
 * amount (preemption cannot help), else Unschedulable. Extended resources listed in
 * {@code ignoredResources} or whose group is in {@code ignoredResourceGroups} are not checked. Score
 * applies the configured strategy (LeastAllocated, MostAllocated or RequestedToCapacityRatio) to the
 * configured resources, counting containers without cpu/memory requests as 100m / 200Mi.
 *
 * <p>Differences from upstream: the SidecarContainers gate is always on (restartable init containers
 * are counted, never rejected); pod-level resources, in-place resize status resources and DRA-backed
 * extended resources are not supported; resource names such as {@code kubernetes.io/foo} that Berth's
 * {@link Resource} does not keep are invisible to Filter and Score; insufficient extended resources
 * are reported in name order (upstream: map order). Events are registered as upstream does with
 * queueing hints enabled, on {@link ClusterEvent#ASSIGNED_POD} since Berth reports pod deletions of
 * scheduled pods there; the scale-down registration only fires if the framework classifies updates as
 * {@link ActionType#UPDATE_POD_SCALE_DOWN}.
 */
public final class NodeResourcesFit implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {

    public static final String NAME = "NodeResourcesFit";

    static final String TOO_MANY_PODS = "Too many pods";
    static final String INSUFFICIENT_CPU = "Insufficient cpu";
    static final String INSUFFICIENT_MEMORY = "Insufficient memory";
    static final String INSUFFICIENT_EPHEMERAL_STORAGE = "Insufficient ephemeral-storage";
    static final String INSUFFICIENT_PREFIX = "Insufficient ";

    static final StateKey<PodRequest> PRE_FILTER_KEY = StateKey.of("PreFilter" + NAME, PodRequest.class);
    static final StateKey<PreScoreState> PRE_SCORE_KEY = StateKey.of("PreScore" + NAME, PreScoreState.class);

    private final Set<String> ignoredResources;
    private final Set<String> ignoredResourceGroups;
    private final ResourceAllocation allocation;

    /** A plugin for already validated args. */
    public NodeResourcesFit(NodeResourcesFitArgs args) {
        this.ignoredResources = Set.copyOf(args.ignoredResources());
        this.ignoredResourceGroups = Set.copyOf(args.ignoredResourceGroups());
        NodeResourcesFitArgs.ScoringStrategy strategy = args.scoringStrategy();
        List<ResourceSpec> resources = strategy.resources();
        AllocationScorer scorer = switch (strategy.type()) {
            case NodeResourcesFitArgs.MOST_ALLOCATED -> AllocationScorer.mostAllocated(resources);
            case NodeResourcesFitArgs.REQUESTED_TO_CAPACITY_RATIO ->
                    AllocationScorer.requestedToCapacityRatio(resources, strategy.requestedToCapacityRatio().shape());
            default -> AllocationScorer.leastAllocated(resources);
        };
        this.allocation = new ResourceAllocation(resources, false, scorer);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
        state.write(PRE_FILTER_KEY, PodRequest.of(Resource.podRequests(pod), this::isIgnored));
        return PreFilterResult.allNodes();
    }

    /** Only extended resources can be ignored; hugepages and native resources are always checked. */
    private boolean isIgnored(String resourceName) {
        return Resource.isExtendedResourceName(resourceName)
                && (ignoredResources.contains(resourceName) || ignoredResourceGroups.contains(ResourceNames.group(resourceName)));
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
        var request = state.read(PRE_FILTER_KEY);
        if (request.isEmpty()) {
            return Status.error("error reading \"" + PRE_FILTER_KEY.name() + "\" from cycleState: not found");
        }
        List<InsufficientResource> insufficient = insufficientResources(request.get(), nodeInfo);
        if (insufficient.isEmpty()) {
            return Status.SUCCESS;
        }
        String[] reasons = new String[insufficient.size()];
        boolean unresolvable = false;
        for (int i = 0; i < reasons.length; i++) {
            reasons[i] = insufficient.get(i).reason();
            unresolvable |= insufficient.get(i).unresolvable();
        }
        return unresolvable ? Status.unresolvable(reasons) : Status.unschedulable(reasons);
    }

    /** Upstream's {@code Fits}: what {@code nodeInfo} lacks for {@code pod}, ignoring nothing. */
    public static List<InsufficientResource> fits(Pod pod, NodeInfo nodeInfo) {
        return insufficientResources(PodRequest.of(Resource.podRequests(pod), name -> false), nodeInfo);
    }

    private static List<InsufficientResource> insufficientResources(PodRequest request, NodeInfo nodeInfo) {
        List<InsufficientResource> out = null;
        Resource allocatable = nodeInfo.allocatable();
        Resource used = nodeInfo.requested();
        int pods = nodeInfo.pods().size();
        if (pods + 1 > allocatable.allowedPodNumber()) {
            out = add(out, new InsufficientResource(Resource.PODS, TOO_MANY_PODS, 1, pods, allocatable.allowedPodNumber(), false));
        }
        if (request.isEmpty()) {
            return out == null ? List.of() : out;
        }
        out = check(out, Resource.CPU, INSUFFICIENT_CPU, request.milliCpu(), used.milliCpu(), allocatable.milliCpu());
        out = check(out, Resource.MEMORY, INSUFFICIENT_MEMORY, request.memory(), used.memory(), allocatable.memory());
        out = check(out, Resource.EPHEMERAL_STORAGE, INSUFFICIENT_EPHEMERAL_STORAGE, request.ephemeralStorage(),
                used.ephemeralStorage(), allocatable.ephemeralStorage());
        for (ScalarRequest scalar : request.scalars()) {
            out = check(out, scalar.name(), scalar.reason(), scalar.quantity(), used.get(scalar.name()), allocatable.get(scalar.name()));
        }
        return out == null ? List.of() : out;
    }

    private static List<InsufficientResource> check(List<InsufficientResource> out, String name, String reason,
                                                    long requested, long used, long capacity) {
        if (requested > 0 && requested > capacity - used) {
            return add(out, new InsufficientResource(name, reason, requested, used, capacity, requested > capacity));
        }
        return out;
    }

    private static List<InsufficientResource> add(List<InsufficientResource> out, InsufficientResource r) {
        List<InsufficientResource> list = out == null ? new ArrayList<>(4) : out;
        list.add(r);
        return list;
    }

    @Override
    public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes) {
        state.write(PRE_SCORE_KEY, new PreScoreState(allocation.podRequests(pod)));
        return Status.SUCCESS;
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo nodeInfo) {
        long[] podRequests = state.read(PRE_SCORE_KEY).map(PreScoreState::podRequests)
                .orElseGet(() -> allocation.podRequests(pod));
        return allocation.score(nodeInfo, podRequests);
    }

    /**
     * Upstream's registrations with queueing hints on and in-place resize enabled: a scheduled pod
     * deleted or scaled down, a node added or its allocatable changed.
     */
    @Override
    public List<ClusterEventWithHint> eventsToRegister() {
        return List.of(
                new ClusterEventWithHint(ClusterEvent.of(ClusterEvent.ASSIGNED_POD, ActionType.DELETE, ActionType.UPDATE_POD_SCALE_DOWN),
                        NodeResourcesFit::isSchedulableAfterPodEvent),
                new ClusterEventWithHint(ClusterEvent.of(ClusterEvent.NODE, ActionType.ADD, ActionType.UPDATE_NODE_ALLOCATABLE),
                        NodeResourcesFit::isSchedulableAfterNodeChange));
    }

    /**
     * A deleted pod helps if it was scheduled (or nominated somewhere); an updated pod helps if it is
     * the pod itself, or a scheduled pod whose request of something the pod asks for went down.
     */
    static QueueingHint isSchedulableAfterPodEvent(Pod pod, Object oldObj, Object newObj) {
        Pod original = castOrNull(oldObj, Pod.class);
        Pod modified = castOrNull(newObj, Pod.class);
        if (modified == null) {
            Objects.requireNonNull(original, "neither old nor new object is a pod");
            boolean scheduled = !isEmpty(original.getSpec() == null ? null : original.getSpec().getNodeName());
            boolean nominated = !isEmpty(original.getStatus() == null ? null : original.getStatus().getNominatedNodeName());
            return scheduled || nominated ? QueueingHint.QUEUE : QueueingHint.QUEUE_SKIP;
        }
        // Without the old object there is nothing to compare against; a retry is the safe answer.
        return original == null || isSchedulableAfterPodScaleDown(pod, original, modified) ? QueueingHint.QUEUE : QueueingHint.QUEUE_SKIP;
    }

    private static boolean isSchedulableAfterPodScaleDown(Pod target, Pod original, Pod modified) {
        if (Objects.equals(uid(modified), uid(target))) {
            return true;
        }
        if (isEmpty(modified.getSpec() == null ? null : modified.getSpec().getNodeName())) {
            return false;
        }
        Resource before = Resource.podRequests(original);
        Resource after = Resource.podRequests(modified);
        Resource wanted = Resource.podRequests(target);
        if (decreased(wanted.milliCpu(), before.milliCpu(), after.milliCpu())
                || decreased(wanted.memory(), before.memory(), after.memory())
                || decreased(wanted.ephemeralStorage(), before.ephemeralStorage(), after.ephemeralStorage())) {
            return true;
        }
        for (Map.Entry<String, Long> e : wanted.scalarResources().entrySet()) {
            if (decreased(e.getValue(), before.get(e.getKey()), after.get(e.getKey()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean decreased(long wanted, long before, long after) {
        return wanted != 0 && before > after;
    }

    /**
     * A new node helps if the pod fits it empty; an updated node helps if the pod fits it and one of
     * the resources the pod requests (or the pod count) grew.
     */
    static QueueingHint isSchedulableAfterNodeChange(Pod pod, Object oldObj, Object newObj) {
        Node original = castOrNull(oldObj, Node.class);
        Node modified = castOrNull(newObj, Node.class);
        if (modified == null || !fits(pod, NodeInfo.of(modified)).isEmpty()) {
            return QueueingHint.QUEUE_SKIP;
        }
        if (original == null) {
            return QueueingHint.QUEUE;
        }
        return haveAnyRequestedResourcesIncreased(pod, original, modified) ? QueueingHint.QUEUE : QueueingHint.QUEUE_SKIP;
    }

    static boolean haveAnyRequestedResourcesIncreased(Pod pod, Node originalNode, Node modifiedNode) {
        Resource request = Resource.podRequests(pod);
        Resource before = NodeInfo.of(originalNode).allocatable();
        Resource after = NodeInfo.of(modifiedNode).allocatable();
        if (after.allowedPodNumber() > before.allowedPodNumber()) {
            return true;
        }
        if ((request.milliCpu() > 0 && after.milliCpu() > before.milliCpu())
                || (request.memory() > 0 && after.memory() > before.memory())
                || (request.ephemeralStorage() > 0 && after.ephemeralStorage() > before.ephemeralStorage())) {
            return true;
        }
        for (Map.Entry<String, Long> e : request.scalarResources().entrySet()) {
            if (e.getValue() != 0 && after.get(e.getKey()) > before.get(e.getKey())) {
                return true;
            }
        }
        return false;
    }

    /** Like upstream's {@code schedutil.As}: absent is null, anything else of the wrong type is an error. */
    private static <T> T castOrNull(Object obj, Class<T> type) {
        if (obj == null) {
            return null;
        }
        if (!type.isInstance(obj)) {
            throw new IllegalArgumentException("expected " + type.getSimpleName() + " but got " + obj.getClass().getName());
        }
        return type.cast(obj);
    }

    private static String uid(Pod pod) {
        return pod.getMetadata() == null ? null : pod.getMetadata().getUid();
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    /**
     * The pod's requests as Filter checks them, computed once in PreFilter: scalar resources that are
     * ignored or requested as zero are dropped, and their reasons are formatted ahead of time.
     */
    record PodRequest(long milliCpu, long memory, long ephemeralStorage, List<ScalarRequest> scalars) implements CycleState.StateData {

        static PodRequest of(Resource requests, Predicate<String> ignored) {
            List<ScalarRequest> scalars = new ArrayList<>();
            new TreeMap<>(requests.scalarResources()).forEach((name, quantity) -> {
                if (quantity != 0 && !ignored.test(name)) {
                    scalars.add(new ScalarRequest(name, quantity, INSUFFICIENT_PREFIX + name));
                }
            });
            return new PodRequest(requests.milliCpu(), requests.memory(), requests.ephemeralStorage(), List.copyOf(scalars));
        }

        /** Nothing requested: only the pod count can make the pod not fit. */
        boolean isEmpty() {
            return milliCpu == 0 && memory == 0 && ephemeralStorage == 0 && scalars.isEmpty();
        }

        @Override
        public CycleState.StateData copy() {
            return this;
        }
    }

    /** One extended/hugepage request and its ready-made reason. */
    record ScalarRequest(String name, long quantity, String reason) {
    }

    /** Registers {@link NodeResourcesFit}; args are {@link NodeResourcesFitArgs}. */
    public static final class Factory extends BasePluginFactory {
        public Factory() {
            super(NAME, (args, handle) -> {
                NodeResourcesFitArgs fitArgs = args.decode(NodeResourcesFitArgs.class);
                fitArgs.validate();
                return new NodeResourcesFit(fitArgs);
            });
        }
    }
}
