package dev.berth.plugins.capacityscheduling;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.BasePluginFactory;
import dev.berth.framework.api.ClusterClient;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.EnqueueExtensions;
import dev.berth.framework.api.Handle;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.NodeToStatus;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.PodPriority;
import dev.berth.framework.api.PostFilterPlugin;
import dev.berth.framework.api.PostFilterResult;
import dev.berth.framework.api.PreFilterPlugin;
import dev.berth.framework.api.PreFilterResult;
import dev.berth.framework.api.QueueingHint;
import dev.berth.framework.api.ReservePlugin;
import dev.berth.framework.api.Resource;
import dev.berth.framework.api.StateKey;
import dev.berth.framework.api.Status;
import dev.berth.plugins.defaultpreemption.DefaultPreemption;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Elastic quotas per namespace (scheduler-plugins' {@code CapacityScheduling}): an {@link ElasticQuota}
 * guarantees a namespace its {@code min} and caps it at {@code max}; a namespace may borrow beyond its min
 * what other namespaces leave unused, and gets it back by preemption when it needs it.
 *
 * <ul>
 *   <li>PreFilter rejects a pod whose namespace would go above its max, or that would take the sum of
 *       every quota's used above the sum of their mins (pods nominated elsewhere that will need their
 *       room are counted too).</li>
 *   <li>PostFilter preempts inside the quota rules of {@link QuotaPreemptionPolicy}, with
 *       {@link DefaultPreemption}'s dry run, candidate choice and eviction.</li>
 *   <li>Reserve counts a placed pod in its quota at once; Unreserve takes it out again.</li>
 *   <li>A pod rejected here is retried when a placed pod is deleted from a namespace with a quota, or an
 *       ElasticQuota is added, changed or deleted.</li>
 * </ul>
 *
 * <p>Out of tree: not in the default profile. Enable it at multiPoint and disable DefaultPreemption, whose
 * victims would ignore the quotas. It takes no args.
 */
public final class CapacityScheduling implements PreFilterPlugin, PreFilterPlugin.PreFilterExtensions, PostFilterPlugin,
        ReservePlugin, EnqueueExtensions, AutoCloseable {

    public static final String NAME = "CapacityScheduling";

    static final StateKey<ElasticQuotaInfos> SNAPSHOT_KEY = StateKey.of("ElasticQuotaSnapshot", ElasticQuotaInfos.class);
    static final StateKey<PreFilterState> PRE_FILTER_KEY = StateKey.of("PreFilter" + NAME, PreFilterState.class);

    private final Handle handle;
    private final ElasticQuotaTracker quotas;
    private final DefaultPreemption preemption;
    private final List<ClusterClient.Watch> watches;

    /**
     * Starts watching ElasticQuotas and pods; {@link #close()} stops it.
     *
     * @throws dev.berth.framework.api.ClusterException if the cluster does not serve ElasticQuotas (the CRD is
     *     missing): without its quotas the plugin would let every pod through, so the profile does not start
     */
    public CapacityScheduling(Handle handle) {
        this.handle = handle;
        ClusterClient cluster = handle.clusterClient();
        this.quotas = new ElasticQuotaTracker(cluster);
        this.preemption = DefaultPreemption.withPolicy(NAME, handle, new QuotaPreemptionPolicy());
        ClusterClient.Watch quotaWatch = cluster.watch(ElasticQuota.class, quotas.quotaWatcher());
        try {
            this.watches = List.of(quotaWatch, cluster.watch(Pod.class, quotas.podWatcher()));
        } catch (RuntimeException e) {
            quotaWatch.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Takes the cycle's copy of the quotas and checks the pod against its namespace's max and the cluster's
     * sum of mins (upstream's PreFilter). A pod of a namespace without a quota always passes.
     */
    @Override
    public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
        ElasticQuotaInfos snapshot = quotas.snapshot();
        state.write(SNAPSHOT_KEY, snapshot);
        Resource podRequest = Resource.podRequests(pod);
        String namespace = pod.getMetadata().getNamespace();
        ElasticQuotaInfo own = snapshot.get(namespace);
        if (own == null) {
            state.write(PRE_FILTER_KEY, new PreFilterState(podRequest, new Resource(), new Resource()));
            return PreFilterResult.of(Status.SUCCESS);
        }
        PreFilterState preFilter = withNominatedPods(snapshot, pod, podRequest, nodes);
        state.write(PRE_FILTER_KEY, preFilter);
        String podName = namespace + "/" + pod.getMetadata().getName();
        if (own.usedOverMaxWith(preFilter.nominatedInQuotaWithPod())) {
            return PreFilterResult.of(Status.unschedulable(
                    "Pod " + podName + " is rejected in PreFilter because ElasticQuota " + namespace + " is more than Max"));
        }
        if (snapshot.aggregatedUsedOverMinWith(preFilter.nominatedWithPod())) {
            return PreFilterResult.of(Status.unschedulable(
                    "Pod " + podName + " is rejected in PreFilter because total ElasticQuota used is more than min"));
        }
        return PreFilterResult.of(Status.SUCCESS);
    }

    /**
     * The pod's request plus what pods nominated by earlier preemptions will take once they land: those of
     * its namespace that are at least as important count against its max and the sum of mins, those of
     * other namespaces whose quota does not borrow against the sum of mins only.
     */
    private PreFilterState withNominatedPods(ElasticQuotaInfos snapshot, Pod pod, Resource podRequest, List<NodeInfo> nodes) {
        Resource inQuota = podRequest.copy();
        Resource overall = podRequest.copy();
        String namespace = pod.getMetadata().getNamespace();
        int priority = PodPriority.of(pod);
        for (NodeInfo node : nodes) {
            for (PodInfo nominated : handle.nominatedPodsForNode(node.nodeName())) {
                Pod p = nominated.pod();
                if (p.getMetadata().getUid() != null && p.getMetadata().getUid().equals(pod.getMetadata().getUid())) {
                    continue;
                }
                ElasticQuotaInfo theirs = snapshot.get(p.getMetadata().getNamespace());
                if (theirs == null) {
                    continue;
                }
                boolean sameNamespace = namespace.equals(p.getMetadata().getNamespace());
                if (sameNamespace && PodPriority.of(p) >= priority) {
                    inQuota.add(nominated.requests());
                    overall.add(nominated.requests());
                } else if (!sameNamespace && !theirs.usedOverMin()) {
                    overall.add(nominated.requests());
                }
            }
        }
        return new PreFilterState(podRequest, inQuota, overall);
    }

    @Override
    public Optional<PreFilterExtensions> preFilterExtensions() {
        return Optional.of(this);
    }

    /** Counts {@code podInfoToAdd} in the cycle's copy of its quota (preemption's dry run puts a victim back). */
    @Override
    public Status addPod(CycleState state, Pod podToSchedule, PodInfo podInfoToAdd, NodeInfo nodeInfo) {
        return onCycleQuota(state, podInfoToAdd, info -> info.addPodIfNotPresent(podInfoToAdd.pod()));
    }

    /** Stops counting {@code podInfoToRemove} in the cycle's copy of its quota (preemption's dry run removes a victim). */
    @Override
    public Status removePod(CycleState state, Pod podToSchedule, PodInfo podInfoToRemove, NodeInfo nodeInfo) {
        return onCycleQuota(state, podInfoToRemove, info -> info.deletePodIfPresent(podInfoToRemove.pod()));
    }

    private static Status onCycleQuota(CycleState state, PodInfo pod, Consumer<ElasticQuotaInfo> change) {
        Optional<ElasticQuotaInfos> snapshot = state.read(SNAPSHOT_KEY);
        if (snapshot.isEmpty()) {
            return Status.error("error reading \"" + SNAPSHOT_KEY.name() + "\" from cycleState");
        }
        ElasticQuotaInfo info = snapshot.get().get(pod.pod().getMetadata().getNamespace());
        if (info != null) {
            change.accept(info);
        }
        return Status.SUCCESS;
    }

    /** Preempts inside the quota rules; messages carry no "preemption: " prefix, as upstream's. */
    @Override
    public PostFilterResult postFilter(CycleState state, Pod pod, NodeToStatus filteredNodeStatus) {
        return preemption.preempt(state, pod, filteredNodeStatus);
    }

    @Override
    public Status reserve(CycleState state, Pod pod, String nodeName) {
        quotas.reserve(pod);
        return Status.SUCCESS;
    }

    @Override
    public void unreserve(CycleState state, Pod pod, String nodeName) {
        quotas.unreserve(pod);
    }

    /**
     * Upstream registers pod deletions and every ElasticQuota change. The hint skips deletions that free no
     * quota: a pod that was never placed, or one in a namespace without a quota.
     */
    @Override
    public List<ClusterEventWithHint> eventsToRegister() {
        return List.of(
                new ClusterEventWithHint(ClusterEvent.of(ClusterEvent.POD, ActionType.DELETE), this::freesQuota),
                ClusterEventWithHint.of(ClusterEvent.of(ElasticQuota.KIND, ActionType.ALL)));
    }

    private QueueingHint freesQuota(Pod rejected, Object oldObj, Object newObj) {
        if (oldObj instanceof Pod deleted && ElasticQuotaTracker.placed(deleted) && quotas.hasQuota(deleted.getMetadata().getNamespace())) {
            return QueueingHint.QUEUE;
        }
        return QueueingHint.QUEUE_SKIP;
    }

    @Override
    public Map<String, Class<? extends HasMetadata>> customResourceKinds() {
        return Map.of(ElasticQuota.KIND, ElasticQuota.class);
    }

    /** What the live quota of {@code namespace} counts now, for tests and diagnostics. */
    Optional<ElasticQuotaInfo> quota(String namespace) {
        return quotas.get(namespace);
    }

    /** Stops watching the cluster (the profile is gone, e.g. after a config reload). */
    @Override
    public void close() {
        watches.forEach(ClusterClient.Watch::close);
    }

    /** Registers {@link CapacityScheduling}; it has no args. */
    public static final class Factory extends BasePluginFactory {
        public Factory() {
            super(NAME, (args, handle) -> new CapacityScheduling(handle));
        }
    }
}
