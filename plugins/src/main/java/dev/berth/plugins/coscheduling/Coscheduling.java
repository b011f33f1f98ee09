package dev.berth.plugins.coscheduling;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.BasePluginFactory;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.EnqueueExtensions;
import dev.berth.framework.api.Handle;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.NodeToStatus;
import dev.berth.framework.api.PermitPlugin;
import dev.berth.framework.api.PermitResult;
import dev.berth.framework.api.PodPriority;
import dev.berth.framework.api.PostFilterPlugin;
import dev.berth.framework.api.PostFilterResult;
import dev.berth.framework.api.PreFilterPlugin;
import dev.berth.framework.api.PreFilterResult;
import dev.berth.framework.api.QueueSortPlugin;
import dev.berth.framework.api.QueuedPodInfo;
import dev.berth.framework.api.ReservePlugin;
import dev.berth.framework.api.Status;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gang scheduling (scheduler-plugins' {@code Coscheduling}): the pods of a {@link PodGroup} bind only
 * once {@code minMember} of them have a node. Each placed member waits at Permit; the one that
 * completes the quorum lets them all go. A member that cannot be placed rejects the members waiting
 * at Permit, so a gang that cannot complete gives its nodes back instead of holding them against
 * another gang that could.
 *
 * <p>Out of tree: not in the default profile. Enable it at every point and as the only QueueSort,
 * which keeps a gang's pods together in the queue.
 */
public final class Coscheduling implements QueueSortPlugin, PreFilterPlugin, PostFilterPlugin, PermitPlugin, ReservePlugin,
        EnqueueExtensions {

    public static final String NAME = "Coscheduling";

    /** The group kind as cluster events name it. */
    static final String POD_GROUP = "PodGroup";

    private static final Set<ActionType> POD_GROUP_ADD_OR_UPDATE = addOrUpdate();

    /**
     * When at most this share of minMember is still unplaced, a member's failure rejects nobody: the
     * gang is nearly complete and the remaining members may still fit (upstream's fixed 10%).
     */
    private static final double REJECT_THRESHOLD = 0.1;

    private final Handle handle;
    private final PodGroupManager pgMgr;
    private final Duration scheduleTimeout;
    private final Duration pgBackoff;

    public Coscheduling(CoschedulingArgs args, Handle handle, InstantSource clock) {
        this.handle = handle;
        this.pgMgr = new PodGroupManager(handle.clusterClient(), handle::snapshot, clock, args.permitWaitingTime());
        this.scheduleTimeout = args.permitWaitingTime();
        this.pgBackoff = args.podGroupBackoff();
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Higher priority first; then the earlier group (a pod of no group counts by its own time in the
     * queue); then {@code namespace/name}, so a gang's pods leave the queue one after another.
     */
    @Override
    public boolean less(QueuedPodInfo a, QueuedPodInfo b) {
        int pa = PodPriority.of(a.pod());
        int pb = PodPriority.of(b.pod());
        if (pa != pb) {
            return pa > pb;
        }
        Instant ta = pgMgr.creationTimestamp(a.pod(), queuedSince(a));
        Instant tb = pgMgr.creationTimestamp(b.pod(), queuedSince(b));
        if (ta.equals(tb)) {
            return namespacedName(a.pod()).compareTo(namespacedName(b.pod())) < 0;
        }
        return ta.isBefore(tb);
    }

    // Upstream uses the first attempt's time; a pod never attempted has none yet, and its time in the queue keeps FIFO.
    private static Instant queuedSince(QueuedPodInfo info) {
        return Instant.EPOCH.equals(info.initialAttemptTimestamp()) ? info.timestamp() : info.initialAttemptTimestamp();
    }

    private static String namespacedName(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    /** Unresolvable, so no preemption is tried for a gang that cannot form or is in backoff. */
    @Override
    public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
        return PreFilterResult.of(pgMgr.preFilter(pod));
    }

    /**
     * A member found no node: unless the gang is (nearly) complete, reject its members waiting at
     * Permit, on the assumption that its other members would not fit either.
     */
    @Override
    public PostFilterResult postFilter(CycleState state, Pod pod, NodeToStatus filteredNodeStatus) {
        Optional<PodGroup> found = pgMgr.podGroupOf(pod);
        if (found.isEmpty()) {
            return PostFilterResult.of(Status.unschedulable("can not find pod group"));
        }
        PodGroup pg = found.get();
        int assigned = pgMgr.calculateAssignedPods(pg);
        if (assigned >= pg.minMember()) {
            return PostFilterResult.of(Status.unschedulable());
        }
        double notAssigned = (double) (pg.minMember() - assigned) / pg.minMember();
        if (notAssigned <= REJECT_THRESHOLD) {
            return PostFilterResult.of(Status.unschedulable());
        }
        rejectWaitingPods(pg, "optimistic rejection in PostFilter");
        if (pgMgr.countPods(pg) >= pg.minMember()) {
            pgMgr.backoffPodGroup(pg.fullName(), pgBackoff);
        }
        pgMgr.deletePermittedPodGroup(pg.fullName());
        return PostFilterResult.of(Status.unschedulable("PodGroup " + pg.fullName() + " gets rejected due to Pod "
                + pod.getMetadata().getName() + " is unschedulable even after PostFilter"));
    }

    @Override
    public PermitResult permit(CycleState state, Pod pod, String nodeName) {
        PodGroupManager.PermitStatus status = pgMgr.permit(pod);
        if (status instanceof PodGroupManager.PermitStatus.Wait wait) {
            if (wait.firstPlaced()) {
                pgMgr.activateSiblings(pod, wait.pg(), state);
            }
            return PermitResult.waitFor(waitTime(wait.pg()));
        }
        if (status instanceof PodGroupManager.PermitStatus.Success success) {
            handle.waitingPods().forEach(waiting -> {
                if (PodGroup.fullNameOf(waiting.pod()).filter(success.pg().fullName()::equals).isPresent()) {
                    waiting.allow(NAME);
                }
            });
            return PermitResult.allow();
        }
        if (status instanceof PodGroupManager.PermitStatus.PodGroupNotFound) {
            return PermitResult.reject("PodGroup not found");
        }
        // PodGroupNotSpecified: a pod of no group has nobody to wait for.
        return PermitResult.allow();
    }

    /** The group's {@code scheduleTimeoutSeconds}, else the args' {@code permitWaitingTimeSeconds} (upstream's {@code GetWaitTimeDuration}). */
    private Duration waitTime(PodGroup pg) {
        Integer seconds = pg.getSpec() == null ? null : pg.getSpec().scheduleTimeoutSeconds();
        return seconds == null ? scheduleTimeout : Duration.ofSeconds(seconds);
    }

    /** Nothing to claim: the gang is held at Permit, not here. */
    @Override
    public Status reserve(CycleState state, Pod pod, String nodeName) {
        return Status.SUCCESS;
    }

    /**
     * A member lost its place (Permit timeout or rejection, a failed bind): its waiting siblings cannot
     * make the quorum with it gone, so they give their nodes back too.
     */
    @Override
    public void unreserve(CycleState state, Pod pod, String nodeName) {
        pgMgr.podGroupOf(pod).ifPresent(pg -> {
            rejectWaitingPods(pg, "rejection in Unreserve");
            pgMgr.deletePermittedPodGroup(pg.fullName());
        });
    }

    private void rejectWaitingPods(PodGroup pg, String message) {
        handle.waitingPods().forEach(waiting -> {
            if (PodGroup.fullNameOf(waiting.pod()).filter(pg.fullName()::equals).isPresent()) {
                waiting.reject(NAME, message);
            }
        });
    }

    /** A new pod may complete a gang; a new or changed group may admit its pods. */
    @Override
    public List<ClusterEventWithHint> eventsToRegister() {
        return List.of(
                ClusterEventWithHint.of(ClusterEvent.of(ClusterEvent.POD, ActionType.ADD)),
                ClusterEventWithHint.of(ClusterEvent.of(POD_GROUP, POD_GROUP_ADD_OR_UPDATE)));
    }

    @Override
    public Map<String, Class<? extends HasMetadata>> customResourceKinds() {
        return Map.of(POD_GROUP, PodGroup.class);
    }

    private static Set<ActionType> addOrUpdate() {
        Set<ActionType> actions = EnumSet.of(ActionType.ADD);
        actions.addAll(ActionType.UPDATE);
        return Set.copyOf(actions);
    }

    /** Registers {@link Coscheduling}; its args are {@link CoschedulingArgs}. */
    public static final class Factory extends BasePluginFactory {
        public Factory() {
            super(NAME, (args, handle) -> {
                CoschedulingArgs a = args.decode(CoschedulingArgs.class);
                a.validate();
                return new Coscheduling(a, handle, InstantSource.system());
            });
        }
    }
}
