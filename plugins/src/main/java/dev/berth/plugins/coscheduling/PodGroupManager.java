package dev.berth.plugins.coscheduling;

import dev.berth.framework.api.ClusterClient;
import dev.berth.framework.api.ClusterException;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.NodeInfoLister;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.PodsToActivate;
import dev.berth.framework.api.Status;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What Coscheduling knows about groups (upstream's {@code core.PodGroupManager}): the groups and their
 * pods come from the cluster's cache, the placed members from the cycle's snapshot; the groups in
 * backoff and those whose minResources fit are kept here. Thread-safe: PreFilter and PostFilter run
 * on the scheduling loop, Unreserve on binding threads.
 */
final class PodGroupManager {

    /** How a pod stands at Permit (upstream's {@code core.Status}), with the group it was decided on. */
    sealed interface PermitStatus {

        /** The pod belongs to no group: nothing to wait for. */
        record PodGroupNotSpecified() implements PermitStatus {
        }

        /** The pod names a group that does not exist. */
        record PodGroupNotFound() implements PermitStatus {
        }

        /** With this pod, at least minMember members of {@code pg} are placed. */
        record Success(PodGroup pg) implements PermitStatus {
        }

        /** {@code pg} needs more placed members; {@code firstPlaced} when no other member is placed yet. */
        record Wait(PodGroup pg, boolean firstPlaced) implements PermitStatus {
        }
    }

    private final ClusterClient cluster;
    /** The current cycle's snapshot: the scheduler replaces it between cycles. */
    private final Supplier<NodeInfoLister> snapshot;
    private final InstantSource clock;
    /** How long a group that passed the minResources check is not checked again (upstream's scheduleTimeout). */
    private final Duration scheduleTimeout;
    /** Groups turned away at PreFilter until the instant given (upstream's {@code backedOffPG}). */
    private final Map<String, Instant> backedOff = new ConcurrentHashMap<>();
    /** Groups whose minResources fit, until the instant given (upstream's {@code permittedPG}). */
    private final Map<String, Instant> permitted = new ConcurrentHashMap<>();

    PodGroupManager(ClusterClient cluster, Supplier<NodeInfoLister> snapshot, InstantSource clock, Duration scheduleTimeout) {
        this.cluster = cluster;
        this.snapshot = snapshot;
        this.clock = clock;
        this.scheduleTimeout = scheduleTimeout;
    }

    /** The group {@code pod} belongs to, if it names one that exists. */
    Optional<PodGroup> podGroupOf(Pod pod) {
        return PodGroup.nameOf(pod).flatMap(name -> cluster.get(PodGroup.class, pod.getMetadata().getNamespace(), name));
    }

    /**
     * Turns a pod away when its group is in backoff, has fewer than minMember pods at all, or needs
     * more minResources than the nodes have free. Pods of no group, or of a group that does not exist,
     * pass: Permit rejects the latter.
     */
    Status preFilter(Pod pod) {
        Optional<PodGroup> found = podGroupOf(pod);
        if (found.isEmpty()) {
            return Status.SUCCESS;
        }
        PodGroup pg = found.get();
        if (isUnexpired(backedOff, pg.fullName())) {
            return Status.unresolvable("podGroup " + pg.fullName() + " failed recently");
        }
        int pods = countPods(pg);
        if (pods < pg.minMember()) {
            return Status.unresolvable("pre-filter pod " + pod.getMetadata().getName()
                    + " cannot find enough sibling pods, current pods number: " + pods + ", minMember of group: " + pg.minMember());
        }
        Map<String, Quantity> minResources = pg.getSpec() == null ? null : pg.getSpec().minResources();
        if (minResources == null || isUnexpired(permitted, pg.fullName())) {
            return Status.SUCCESS;
        }
        Map<String, Long> gap = ClusterResources.gap(snapshot.get().list(),
                ClusterResources.needed(minResources, pg.minMember()), pg.fullName());
        if (!gap.isEmpty()) {
            return Status.unresolvable(ClusterResources.describe(gap));
        }
        permitted.put(pg.fullName(), clock.instant().plus(scheduleTimeout));
        return Status.SUCCESS;
    }

    /** Checks {@code pgFullName}'s minResources again at its next PreFilter (upstream's {@code DeletePermittedPodGroup}). */
    void deletePermittedPodGroup(String pgFullName) {
        permitted.remove(pgFullName);
    }

    /** Whether {@code pod} may bind now, must wait for its siblings, or is no gang member at all. */
    PermitStatus permit(Pod pod) {
        if (PodGroup.nameOf(pod).isEmpty()) {
            return new PermitStatus.PodGroupNotSpecified();
        }
        Optional<PodGroup> found = podGroupOf(pod);
        if (found.isEmpty()) {
            return new PermitStatus.PodGroupNotFound();
        }
        PodGroup pg = found.get();
        // The snapshot was taken before this pod was assumed, so it counts itself here.
        int assigned = calculateAssignedPods(pg);
        return assigned + 1 >= pg.minMember() ? new PermitStatus.Success(pg) : new PermitStatus.Wait(pg, assigned == 0);
    }

    /**
     * Asks the scheduler to retry {@code pod}'s siblings now: they may sleep among the unschedulable
     * pods, turned away at PreFilter before the group had enough pods, and no cluster event wakes them.
     * Call it for the group's first placed member only, which is enough and keeps the queue from being
     * churned by every member (upstream's {@code ActivateSiblings}, issue 682).
     */
    void activateSiblings(Pod pod, PodGroup pg, CycleState state) {
        Optional<PodsToActivate> toActivate = state.read(PodsToActivate.KEY);
        if (toActivate.isEmpty()) {
            return;
        }
        for (Pod sibling : cluster.list(Pod.class)) {
            if (isMember(sibling, pg) && !Objects.equals(sibling.getMetadata().getUid(), pod.getMetadata().getUid())) {
                toActivate.get().add(sibling);
            }
        }
    }

    /** The members of {@code pg} placed on a node, bound or only assumed, in the current snapshot. */
    int calculateAssignedPods(PodGroup pg) {
        int count = 0;
        for (NodeInfo node : snapshot.get().list()) {
            for (PodInfo info : node.pods()) {
                if (isMember(info.pod(), pg)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Every pod of {@code pg} the cluster has, placed or not. */
    int countPods(PodGroup pg) {
        int count = 0;
        for (Pod pod : cluster.list(Pod.class)) {
            if (isMember(pod, pg)) {
                count++;
            }
        }
        return count;
    }

    private static boolean isMember(Pod pod, PodGroup pg) {
        return Objects.equals(pod.getMetadata().getNamespace(), pg.getMetadata().getNamespace())
                && PodGroup.nameOf(pod).filter(pg.getMetadata().getName()::equals).isPresent();
    }

    /**
     * When {@code pod}'s group was created, which orders gangs in the queue; {@code fallback} for pods of
     * no group, or of a group that does not exist or carries no creation time.
     */
    Instant creationTimestamp(Pod pod, Instant fallback) {
        Optional<PodGroup> pg;
        try {
            pg = podGroupOf(pod);
        } catch (ClusterException e) {
            // QueueSort must not throw: it runs inside the queue's heap operations. Without its group
            // (e.g. no PodGroup CRD installed) the pod is ordered as a pod of no group.
            return fallback;
        }
        return pg.map(found -> found.getMetadata().getCreationTimestamp())
                .flatMap(PodGroupManager::parseTime)
                .orElse(fallback);
    }

    private static Optional<Instant> parseTime(String rfc3339) {
        try {
            return Optional.of(Instant.parse(rfc3339));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Turns {@code pgFullName} away at PreFilter for {@code backoff}; a zero backoff does nothing. */
    void backoffPodGroup(String pgFullName, Duration backoff) {
        if (!backoff.isZero()) {
            backedOff.put(pgFullName, clock.instant().plus(backoff));
        }
    }

    /** Whether {@code pgFullName} is in {@code expiries} and not yet expired; expired entries are dropped. */
    private boolean isUnexpired(Map<String, Instant> expiries, String pgFullName) {
        Instant until = expiries.get(pgFullName);
        if (until == null) {
            return false;
        }
        if (clock.instant().isBefore(until)) {
            return true;
        }
        expiries.remove(pgFullName, until);
        return false;
    }
}
