package dev.berth.framework.queue;

import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.QueuedPodInfo;
import dev.berth.framework.api.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue of pods waiting to be scheduled (upstream's {@code PriorityQueue}), shared by all
 * profiles. A pending pod is in exactly one of three places:
 *
 * <ul>
 *   <li>activeQ: ready now, ordered by the QueueSort plugin;
 *   <li>backoffQ: failed recently and waits out its exponential backoff;
 *   <li>unschedulablePods: rejected by plugins, waiting for a cluster event that may help, or
 *       gated by a PreEnqueue plugin.
 * </ul>
 *
 * <p>A popped pod is in flight until the scheduler hands it back with
 * {@link #addUnschedulableIfNotPresent} or ends its attempt with {@link #done}. It also keeps the
 * nominator: which pods preemption has nominated to which nodes.
 *
 * <p>Thread-safe: one lock guards all state, because informer threads, the scheduling loop and
 * binding threads all call in. Plugins' PreEnqueue and hint functions run under that lock.
 */
public final class SchedulingQueue {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulingQueue.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final InstantSource clock;
    private final QueueOptions options;
    private final Map<String, QueueingPolicy> policies;
    private final Backoff backoff;
    private final KeyedHeap<QueuedPod> activeQ;
    private final KeyedHeap<QueuedPod> backoffQ;
    private final Map<String, QueuedPod> unschedulablePods = new HashMap<>();
    private final Map<String, InFlightPod> inFlight = new HashMap<>();
    private final Nominator nominator = new Nominator();
    private long schedulingCycle;
    // -1 so that no pod counts as overtaken by a move before the first one happens.
    private long moveRequestCycle = -1;
    private volatile boolean closed;
    private volatile Runnable onActive = () -> { };

    /**
     * @param order the QueueSort plugin's order: negative if the first pod goes first
     * @param policiesByProfile the queueing policy of every profile, by scheduler name; pods of other
     *     profiles are ignored
     */
    public SchedulingQueue(Comparator<QueuedPodInfo> order, InstantSource clock, QueueOptions options,
            Map<String, QueueingPolicy> policiesByProfile) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.policies = Map.copyOf(policiesByProfile);
        this.backoff = new Backoff(options);
        this.activeQ = new KeyedHeap<>(Objects.requireNonNull(order, "order"), QueuedPod::uid);
        this.backoffQ = new KeyedHeap<>(Comparator.comparing(backoff::expiry), QueuedPod::uid);
    }

    /**
     * Registers the listener called (outside the lock) whenever a pod enters activeQ, so the
     * scheduling loop can wake up. It must not block.
     */
    public void setOnActive(Runnable listener) {
        this.onActive = Objects.requireNonNull(listener, "listener");
    }

    /**
     * A new pending pod: activeQ if its profile's PreEnqueue plugins let it in, else gated. A pod the
     * queue already tracks is updated instead; a pod of an unknown profile is ignored.
     *
     * @throws IllegalArgumentException if the pod's affinity selectors are invalid (queue unchanged)
     */
    public void add(Pod pod) {
        mutate(() -> upsert(null, pod));
    }

    /**
     * A pending pod changed. A pod in activeQ or backoffQ is updated in place; an unschedulable pod
     * is retried if the change may help it (spec or labels changed, or it was gated); an untracked
     * pod is added. A pod in flight keeps its attempt, and the change is remembered for its return.
     *
     * @param oldPod the previous version, used to keep the pod's nomination; may be null
     * @throws IllegalArgumentException if the pod's affinity selectors are invalid (queue unchanged)
     */
    public void update(Pod oldPod, Pod newPod) {
        mutate(() -> upsert(oldPod, newPod));
    }

    /** Forgets the pod everywhere, including its nomination; a pod in flight will not be requeued. */
    public void delete(Pod pod) {
        mutate(() -> {
            String uid = uidOf(pod);
            nominator.delete(uid);
            activeQ.remove(uid);
            backoffQ.remove(uid);
            unschedulablePods.remove(uid);
            Optional.ofNullable(inFlight.get(uid)).ifPresent(InFlightPod::markDeleted);
            return false;
        });
    }

    /**
     * Takes the head of activeQ for a scheduling attempt, without blocking: counts the attempt, starts
     * a new scheduling cycle and records the pod as in flight.
     *
     * @return the pod, or empty if activeQ is empty or the queue is closed
     */
    public Optional<QueuedPod> pop() {
        return locked(() -> {
            if (closed) {
                return Optional.empty();
            }
            Optional<QueuedPod> head = activeQ.poll();
            head.ifPresent(this::startAttempt);
            return head;
        });
    }

    /** The number of pods popped so far; a pod's scheduling cycle is this value right after its pop. */
    public long schedulingCycle() {
        return locked(() -> schedulingCycle);
    }

    /**
     * Takes back a pod whose attempt failed, and ends its attempt. A pod that failed with an error
     * (no rejecting plugins) goes to backoffQ. A rejected pod goes to unschedulablePods, unless an
     * event that may have helped it happened during its attempt (a move request at or after
     * {@code podSchedulingCycle}, or an update or activation of the pod itself): then it is retried
     * after its backoff. Pods already queued, or deleted during the attempt, are left alone.
     */
    public void addUnschedulableIfNotPresent(QueuedPod pod, long podSchedulingCycle) {
        mutate(() -> {
            String uid = pod.uid();
            InFlightPod flight = inFlight.remove(uid);
            if (isQueued(uid) || (flight != null && flight.deleted())) {
                LOG.debug("Not requeueing {}: already queued or deleted", pod);
                return false;
            }
            if (flight != null) {
                pod.podInfo(flight.latest());
            }
            pod.setTimestamp(clock.instant());
            if (pod.unschedulablePlugins().isEmpty() && pod.pendingPlugins().isEmpty()) {
                backoffQ.put(pod);
                return false;
            }
            if (moveRequestCycle >= podSchedulingCycle || (flight != null && flight.worthRetrying())) {
                return requeue(pod);
            }
            unschedulablePods.put(uid, pod);
            return false;
        });
    }

    /**
     * A cluster event happened: retries every unschedulable pod it may help (see
     * {@link EventHints#mayHelp}) and re-checks every gated pod's PreEnqueue gate. Retried pods go to
     * backoffQ while backing off, else to activeQ. Pods in flight learn about the event through the
     * move request cycle.
     *
     * @param oldObj the object before the change, or null for an add
     * @param newObj the object after the change, or null for a delete
     */
    public void moveAllToActiveOrBackoffQueue(ClusterEvent event, Object oldObj, Object newObj) {
        mutate(() -> {
            List<QueuedPod> helped = unschedulablePods.values().stream()
                    .filter(p -> p.isGated() || EventHints.mayHelp(p, policyOf(p), event, oldObj, newObj))
                    .toList();
            return movePods(helped, event);
        });
    }

    /** Moves every pod whose backoff has ended from backoffQ to activeQ (the scheduler calls it every second). */
    public void flushBackoffQCompleted() {
        mutate(() -> {
            boolean activated = false;
            for (Optional<QueuedPod> head = backoffQ.peek(); head.isPresent() && !isBackingOff(head.get());
                    head = backoffQ.peek()) {
                backoffQ.poll();
                activated |= moveToActive(head.get());
            }
            return activated;
        });
    }

    /**
     * Retries pods that waited in unschedulablePods longer than
     * {@link QueueOptions#podMaxInUnschedulablePodsDuration}, so a missed event cannot strand a pod
     * forever (the scheduler calls it every 30 seconds).
     */
    public void flushUnschedulablePodsLeftover() {
        mutate(() -> {
            Instant now = clock.instant();
            Duration limit = options.podMaxInUnschedulablePodsDuration();
            List<QueuedPod> stale = unschedulablePods.values().stream()
                    .filter(p -> Duration.between(p.timestamp(), now).compareTo(limit) > 0)
                    .toList();
            return !stale.isEmpty() && movePods(stale, ClusterEvent.UNSCHEDULABLE_TIMEOUT);
        });
    }

    /** Ends the attempt of the pod with {@code uid}; it is no longer in flight. */
    public void done(String uid) {
        mutate(() -> {
            inFlight.remove(uid);
            return false;
        });
    }

    /**
     * Moves the given pods from backoffQ or unschedulablePods to activeQ right away (subject to their
     * PreEnqueue gate), as upstream's {@code Activate} for Permit-style plugins. A pod in flight is
     * retried after its backoff when it comes back, as if an event had helped it; other pods are ignored.
     */
    public void activate(Collection<Pod> pods) {
        mutate(() -> {
            boolean activated = false;
            for (Pod pod : pods) {
                String uid = uidOf(pod);
                InFlightPod flight = inFlight.get(uid);
                if (flight != null) {
                    flight.markWorthRetrying();
                    continue;
                }
                Optional<QueuedPod> waiting = backoffQ.remove(uid).or(() -> Optional.ofNullable(unschedulablePods.remove(uid)));
                if (waiting.isPresent()) {
                    activated |= moveToActive(waiting.get());
                }
            }
            return activated;
        });
    }

    /**
     * Nominates {@code pod} to {@code nodeName}, replacing any earlier nomination of it. A null or
     * empty {@code nodeName} uses the pod's {@code status.nominatedNodeName}. Bound pods are not nominated.
     */
    public void addNominatedPod(PodInfo pod, String nodeName) {
        locked(() -> {
            nominator.add(pod, nodeName);
            return null;
        });
    }

    /** Drops the nomination of {@code pod}, if any. */
    public void deleteNominatedPodIfExists(Pod pod) {
        locked(() -> {
            nominator.delete(uidOf(pod));
            return null;
        });
    }

    /** The pods nominated to {@code nodeName}, highest {@code spec.priority} first; lock-free and immutable. */
    public List<PodInfo> nominatedPodsForNode(String nodeName) {
        return nominator.forNode(nodeName);
    }

    /** How many pods wait in each sub-queue. */
    public PendingCounts pendingCounts() {
        return locked(() -> {
            int gated = (int) unschedulablePods.values().stream().filter(QueuedPod::isGated).count();
            return new PendingCounts(activeQ.size(), backoffQ.size(), unschedulablePods.size() - gated, gated);
        });
    }

    /**
     * A snapshot of every pending pod: activeQ in pop order, backoffQ by expiry, then unschedulable
     * and finally gated pods, each oldest first.
     */
    public List<PendingPod> pendingPods() {
        return locked(() -> {
            List<PendingPod> pods = new ArrayList<>();
            activeQ.sorted().forEach(p -> pods.add(PendingPod.of(p, "active")));
            backoffQ.sorted().forEach(p -> pods.add(PendingPod.of(p, "backoff")));
            unschedulablePods.values().stream()
                    .sorted(Comparator.comparing(QueuedPod::isGated).thenComparing(QueuedPod::timestamp).thenComparing(QueuedPod::uid))
                    .forEach(p -> pods.add(PendingPod.of(p, p.isGated() ? "gated" : "unschedulable")));
            return pods;
        });
    }

    /** True if the pod with {@code uid} is pending in any sub-queue (pods in flight are not). */
    public boolean contains(String uid) {
        return locked(() -> isQueued(uid));
    }

    /** Shuts the queue: {@link #pop()} returns empty from now on and the listener is no longer called. */
    public void close() {
        locked(() -> {
            closed = true;
            return null;
        });
    }

    private boolean upsert(Pod oldPod, Pod pod) {
        if (!policies.containsKey(QueuedPod.profileOf(pod))) {
            LOG.debug("Ignoring {}/{}: no profile {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                    QueuedPod.profileOf(pod));
            return false;
        }
        PodInfo info = PodInfo.of(pod);
        Optional<Pod> tracked = trackedVersion(info.uid());
        nominator.update(oldPod != null ? oldPod : tracked.orElse(null), info);
        if (tracked.isEmpty()) {
            return moveToActive(new QueuedPod(info, clock.instant()));
        }
        return updateTracked(tracked.get(), info);
    }

    private Optional<Pod> trackedVersion(String uid) {
        InFlightPod flight = inFlight.get(uid);
        if (flight != null) {
            return Optional.of(flight.latest().pod());
        }
        return queued(uid).map(QueuedPod::pod);
    }

    private boolean updateTracked(Pod previous, PodInfo info) {
        String uid = info.uid();
        InFlightPod flight = inFlight.get(uid);
        if (flight != null) {
            if (mayBecomeSchedulable(previous, info.pod())) {
                flight.markWorthRetrying();
            }
            flight.update(info);
            return false;
        }
        for (KeyedHeap<QueuedPod> heap : List.of(activeQ, backoffQ)) {
            Optional<QueuedPod> queued = heap.get(uid);
            if (queued.isPresent()) {
                queued.get().podInfo(info);
                heap.fix(uid);
                return false;
            }
        }
        QueuedPod waiting = unschedulablePods.get(uid);
        waiting.podInfo(info);
        if (waiting.isGated() || mayBecomeSchedulable(previous, info.pod())) {
            unschedulablePods.remove(uid);
            return requeue(waiting);
        }
        return false;
    }

    /** Upstream retries on any change but status; spec and labels are what plugins look at. */
    private static boolean mayBecomeSchedulable(Pod oldPod, Pod newPod) {
        return !Objects.equals(oldPod.getSpec(), newPod.getSpec()) || !Objects.equals(labels(oldPod), labels(newPod));
    }

    private static Map<String, String> labels(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    private void startAttempt(QueuedPod pod) {
        schedulingCycle++;
        pod.incrementAttempts();
        if (pod.initialAttemptTimestamp().equals(Instant.EPOCH)) {
            pod.setInitialAttemptTimestamp(clock.instant());
        }
        inFlight.put(pod.uid(), new InFlightPod(pod.podInfo()));
    }

    private boolean movePods(List<QueuedPod> pods, ClusterEvent event) {
        boolean activated = false;
        for (QueuedPod pod : pods) {
            unschedulablePods.remove(pod.uid());
            activated |= requeue(pod);
        }
        moveRequestCycle = schedulingCycle;
        LOG.debug("{} moved {} unschedulable pods", event.label(), pods.size());
        return activated;
    }

    /** Sends a pod that may be schedulable again to backoffQ while it backs off, else towards activeQ. */
    private boolean requeue(QueuedPod pod) {
        if (isBackingOff(pod)) {
            backoffQ.put(pod);
            return false;
        }
        return moveToActive(pod);
    }

    /**
     * Lets the pod into activeQ if its profile's PreEnqueue plugins allow it, else parks it in
     * unschedulablePods as gated. Every way into activeQ passes here, as upstream.
     *
     * @return true if the pod entered activeQ
     */
    private boolean moveToActive(QueuedPod pod) {
        Status gate = preEnqueue(pod);
        if (!gate.isSuccess()) {
            LOG.debug("{} gated: {}", pod, gate);
            pod.gate(gate.plugin());
            unschedulablePods.put(pod.uid(), pod);
            return false;
        }
        pod.ungate();
        activeQ.put(pod);
        return true;
    }

    private Status preEnqueue(QueuedPod pod) {
        try {
            return policyOf(pod).preEnqueue(pod.pod());
        } catch (RuntimeException e) {
            // Keep the pod gated rather than lose it mid-move; the next event re-checks it.
            LOG.debug("PreEnqueue failed for {}: {}", pod, e.toString());
            return Status.error(e);
        }
    }

    private boolean isBackingOff(QueuedPod pod) {
        return backoff.expiry(pod).isAfter(clock.instant());
    }

    private QueueingPolicy policyOf(QueuedPod pod) {
        return policies.get(pod.profileName());
    }

    private Optional<QueuedPod> queued(String uid) {
        return activeQ.get(uid).or(() -> backoffQ.get(uid)).or(() -> Optional.ofNullable(unschedulablePods.get(uid)));
    }

    private boolean isQueued(String uid) {
        return activeQ.contains(uid) || backoffQ.contains(uid) || unschedulablePods.containsKey(uid);
    }

    private static String uidOf(Pod pod) {
        return pod.getMetadata().getUid();
    }

    private <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs a state change under the lock, then wakes the scheduling loop if a pod entered activeQ. */
    private void mutate(BooleanSupplier change) {
        boolean activated = locked(change::getAsBoolean);
        if (activated && !closed) {
            try {
                onActive.run();
            } catch (RuntimeException e) {
                LOG.warn("onActive listener failed", e);
            }
        }
    }
}
