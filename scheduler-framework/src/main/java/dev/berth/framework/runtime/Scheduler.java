package dev.berth.framework.runtime;

import dev.berth.framework.api.ClusterClient;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.EventRecorder;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.Parallelizer;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.PodsToActivate;
import dev.berth.framework.api.PostFilterResult;
import dev.berth.framework.api.PreFilterResult;
import dev.berth.framework.api.Status;
import dev.berth.framework.cache.SchedulerCache;
import dev.berth.framework.cache.Snapshot;
import dev.berth.framework.config.ConfigException;
import dev.berth.framework.config.ProfileConfig;
import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.framework.metrics.SchedulerMetrics;
import dev.berth.framework.queue.QueueOptions;
import dev.berth.framework.queue.QueuedPod;
import dev.berth.framework.queue.SchedulingQueue;
import dev.berth.framework.registry.PluginRegistry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler: one shared queue and cache, a framework per profile, and {@link #scheduleOne()}
 * (upstream's {@code scheduleOne}: the synchronous scheduling cycle, then the binding cycle handed to
 * an executor). Hosting (the loop thread, timers, worker pools) is {@link VertxSchedulerHost}'s job;
 * this class only needs executors, which keeps it testable step by step.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    /** Upstream's minFeasibleNodesToFind and minFeasibleNodesPercentageToFind. */
    static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
    static final int MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

    /** Share of attempts whose plugins are timed individually (upstream: 10%). */
    private static final int PLUGIN_METRICS_SAMPLE_PERCENT = 10;

    private final ClusterClient cluster;
    private final InstantSource clock;
    private final SchedulerMetrics metrics;
    private final SchedulerOptions options;
    private final Executor bindingExecutor;
    private final SchedulerCache cache;
    private final SchedulingQueue queue;
    private final Map<String, Framework> frameworks;
    private final SplittableRandom random;
    private final ClusterEventHandlers eventHandlers;
    private volatile Snapshot snapshot = new Snapshot();
    private volatile AttemptListener listener = AttemptListener.NONE;
    private volatile AttemptRecorder recorder = AttemptRecorder.NONE;
    private int nextStartNodeIndex;

    /**
     * Builds the scheduler and every profile's framework.
     *
     * @param parallelizer runs Filter and Score fan-out
     * @param bindingExecutor runs binding cycles, status updates and events
     * @param timers schedules Permit timeouts
     * @throws ConfigException if a profile cannot be built
     */
    public Scheduler(SchedulerConfiguration config, PluginRegistry registry, ClusterClient cluster, InstantSource clock,
                     SchedulerMetrics metrics, SchedulerOptions options, Parallelizer parallelizer, Executor bindingExecutor,
                     FrameworkServices.Timers timers, PluginTimeouts timeouts) {
        this.cluster = cluster;
        this.clock = clock;
        this.metrics = metrics;
        this.options = options;
        this.bindingExecutor = bindingExecutor;
        this.random = new SplittableRandom(options.seed());
        this.cache = new SchedulerCache(clock, options.assumedPodTtl());
        SchedulingQueue[] queueRef = new SchedulingQueue[1];
        FrameworkServices services = new FrameworkServices(cluster, parallelizer,
                node -> queueRef[0].nominatedPodsForNode(node), () -> snapshot, metrics, timeouts, timers, clock,
                options.schedulingCycleTimeout(), options.bindingCycleTimeout());
        FrameworkBuilder builder = new FrameworkBuilder(registry);
        Map<String, Framework> built = new LinkedHashMap<>();
        String queueSort = null;
        for (int i = 0; i < config.profiles().size(); i++) {
            ProfileConfig profile = config.profiles().get(i);
            Framework fwk = builder.build(i, profile, config.percentageOfNodesToScore(), services);
            String sortName = fwk.queueSortPlugin().name();
            if (queueSort != null && !queueSort.equals(sortName)) {
                throw new ConfigException("profiles[" + i + "].plugins.queueSort",
                        "queueSort must be the same for all profiles, got \"" + sortName + "\" and \"" + queueSort + "\"");
            }
            queueSort = sortName;
            built.put(profile.schedulerName(), fwk);
        }
        this.frameworks = Collections.unmodifiableMap(built);
        Map<String, dev.berth.framework.queue.QueueingPolicy> policies = new HashMap<>();
        built.forEach((name, fwk) -> policies.put(name, new FrameworkQueueingPolicy(fwk)));
        Framework first = built.values().iterator().next();
        this.queue = new SchedulingQueue(first.queueOrder(), clock,
                new QueueOptions(config.podInitialBackoff(), config.podMaxBackoff(), QueueOptions.defaults().podMaxInUnschedulablePodsDuration()),
                policies);
        queueRef[0] = queue;
        metrics.bindPendingPods(queue::pendingCounts);
        this.eventHandlers = new ClusterEventHandlers(cluster, cache, queue, built, this::rejectWaitingPod);
    }

    /** Registers the cluster watches: nodes and assigned pods feed the cache, pending pods the queue. */
    public void start() {
        eventHandlers.start();
    }

    /** Observes attempts (benchmarks, debug endpoints). */
    public void setAttemptListener(AttemptListener listener) {
        this.listener = listener == null ? AttemptListener.NONE : listener;
    }

    /** Keeps attempts with their filter and score results (debug endpoints, simulator annotations). */
    public void setAttemptRecorder(AttemptRecorder recorder) {
        this.recorder = recorder == null ? AttemptRecorder.NONE : recorder;
    }

    public SchedulingQueue queue() {
        return queue;
    }

    public SchedulerCache cache() {
        return cache;
    }

    /** The frameworks by scheduler name. */
    public Map<String, Framework> frameworks() {
        return frameworks;
    }

    public SchedulerMetrics metrics() {
        return metrics;
    }

    /**
     * Takes one pod from the queue and runs its scheduling cycle; its binding cycle continues on the
     * binding executor.
     *
     * @return false if the queue had no pod ready
     */
    public boolean scheduleOne() {
        Optional<QueuedPod> next = queue.pop();
        if (next.isEmpty()) {
            return false;
        }
        QueuedPod queued = next.get();
        Pod pod = queued.pod();
        Framework fwk = frameworks.get(queued.profileName());
        if (fwk == null || pod.getMetadata().getDeletionTimestamp() != null || cache.isAssumedPod(pod)) {
            queue.done(queued.uid());
            return true;
        }
        long start = System.nanoTime();
        long cycle = queue.schedulingCycle();
        CycleState state = new CycleState(random.nextInt(100) < PLUGIN_METRICS_SAMPLE_PERCENT);
        state.write(PodsToActivate.KEY, new PodsToActivate());
        Snapshot current = snapshot;
        cache.updateSnapshot(current);
        try {
            schedulingCycle(fwk, state, queued, cycle, start);
        } catch (RuntimeException e) {
            LOG.error("scheduling cycle of pod {} failed unexpectedly", queued.podInfo().key(), e);
            handleFailure(fwk, queued, Status.error(e), null, null, CycleEvaluation.NONE, cycle, start);
        }
        return true;
    }

    private void schedulingCycle(Framework fwk, CycleState state, QueuedPod queued, long cycle, long start) {
        Pod pod = queued.pod();
        ScheduleResult result = schedulePod(fwk, state, pod);
        if (result.fitError() != null) {
            FitError fitError = result.fitError();
            String nominated = null;
            if (fwk.hasPostFilterPlugins()) {
                PostFilterResult post = fwk.runPostFilterPlugins(state, pod, fitError.diagnosis().toNodeToStatus());
                nominated = post.nominatedNodeName().orElse(null);
                if (!post.status().isSuccess() && !post.status().message().isEmpty()) {
                    fitError = new FitError(fitError.numAllNodes(), fitError.diagnosis().withPostFilterMessage(post.status().message()));
                }
            }
            handleFailure(fwk, queued, Status.unschedulable(fitError.message()), fitError.diagnosis(), nominated,
                    result.evaluation(), cycle, start);
            return;
        }
        if (result.error() != null) {
            handleFailure(fwk, queued, result.error(), null, null, result.evaluation(), cycle, start);
            return;
        }
        String node = result.nodeName();
        Pod assumed = new PodBuilder(pod).editOrNewSpec().withNodeName(node).endSpec().build();
        PodInfo assumedInfo = PodInfo.of(assumed);
        try {
            cache.assumePod(assumedInfo);
        } catch (IllegalStateException e) {
            handleFailure(fwk, queued, Status.error(e), null, null, result.evaluation(), cycle, start);
            return;
        }
        Status reserve = fwk.runReservePluginsReserve(state, assumed, node);
        if (!reserve.isSuccess()) {
            fwk.runReservePluginsUnreserve(state, assumed, node);
            forget(assumed);
            handleFailure(fwk, queued, reserve, rejectedBy(reserve), null, result.evaluation(), cycle, start);
            return;
        }
        Status permit = fwk.runPermitPlugins(state, assumed, node);
        if (!permit.isSuccess() && !permit.isWait()) {
            fwk.runReservePluginsUnreserve(state, assumed, node);
            forget(assumed);
            handleFailure(fwk, queued, permit, rejectedBy(permit), null, result.evaluation(), cycle, start);
            return;
        }
        if (pod.getStatus() != null && pod.getStatus().getNominatedNodeName() != null) {
            queue.deleteNominatedPodIfExists(pod);
        }
        activatePods(state);
        fwk.waitOnPermit(assumed).whenCompleteAsync((status, error) -> bindingCycle(fwk, state, queued, assumed, node,
                error == null ? status : Status.error(error), result.evaluation(), cycle, start), bindingExecutor);
    }

    /** A diagnosis naming just the plugin that rejected the pod after a node was chosen. */
    private static Diagnosis rejectedBy(Status status) {
        if (!status.isRejected()) {
            return null;
        }
        return Diagnosis.fromNodeStatuses(Map.of(), status, 1);
    }

    /** Upstream's {@code schedulePod}: find feasible nodes, score them, pick one. */
    ScheduleResult schedulePod(Framework fwk, CycleState state, Pod pod) {
        List<NodeInfo> allNodes = snapshot.list();
        if (allNodes.isEmpty()) {
            return ScheduleResult.error(Status.unschedulable("no nodes available to schedule pods"));
        }
        PreFilterResult pre = fwk.runPreFilterPlugins(state, pod, allNodes);
        if (!pre.status().isSuccess()) {
            if (pre.status().isRejected()) {
                return ScheduleResult.fitError(new FitError(allNodes.size(), Diagnosis.fromPreFilter(pre.status(), allNodes.size())),
                        CycleEvaluation.NONE);
            }
            return ScheduleResult.error(pre.status());
        }
        List<NodeInfo> candidates = allNodes;
        if (pre.nodeNames().isPresent()) {
            Set<String> names = pre.nodeNames().get();
            candidates = new ArrayList<>(names.size());
            for (NodeInfo ni : allNodes) {
                if (names.contains(ni.nodeName())) {
                    candidates.add(ni);
                }
            }
        }
        FeasibleNodes feasible = findNodesThatPassFilters(fwk, state, pod, candidates);
        if (feasible.error() != null) {
            return ScheduleResult.error(feasible.error());
        }
        List<String> filterPlugins = fwk.activeFilterPluginNames(state);
        if (feasible.nodes().isEmpty()) {
            int absent = allNodes.size() - candidates.size();
            Status absentStatus = Status.unresolvable("node(s) didn't satisfy plugin(s) of PreFilter");
            return ScheduleResult.fitError(new FitError(allNodes.size(),
                    Diagnosis.fromNodeStatuses(feasible.statuses(), absentStatus, absent)),
                    new CycleEvaluation(filterPlugins, feasible.statuses(), List.of(), null));
        }
        if (feasible.nodes().size() == 1) {
            String only = feasible.nodes().get(0).nodeName();
            return ScheduleResult.scheduled(only, new CycleEvaluation(filterPlugins, feasible.statuses(), List.of(only), null));
        }
        Status preScore = fwk.runPreScorePlugins(state, pod, feasible.nodes());
        if (!preScore.isSuccess()) {
            return ScheduleResult.error(preScore);
        }
        Framework.ScoreResult scores = fwk.runScorePlugins(state, pod, feasible.nodes());
        if (!scores.status().isSuccess()) {
            return ScheduleResult.error(scores.status());
        }
        long[] totals = fwk.hasScorePlugins() ? scores.totals() : ones(scores.nodeNames().size());
        int chosen = options.hostSelection().select(scores.nodeNames(), totals, random);
        return ScheduleResult.scheduled(scores.nodeNames().get(chosen),
                new CycleEvaluation(filterPlugins, feasible.statuses(), scores.nodeNames(), scores));
    }

    private static long[] ones(int n) {
        long[] a = new long[n];
        java.util.Arrays.fill(a, 1);
        return a;
    }

    /** Nodes that passed Filter, or the statuses of those that did not. */
    record FeasibleNodes(List<NodeInfo> nodes, Map<String, Status> statuses, Status error) {
    }

    /**
     * Upstream's {@code findNodesThatPassFilters}: filters in parallel from a rotating start index and
     * stops once {@link #numFeasibleNodesToFind} nodes passed, so big clusters are not filtered in full.
     */
    FeasibleNodes findNodesThatPassFilters(Framework fwk, CycleState state, Pod pod, List<NodeInfo> nodes) {
        int all = nodes.size();
        int toFind = numFeasibleNodesToFind(fwk.percentageOfNodesToScore(), all);
        int startIndex = all == 0 ? 0 : nextStartNodeIndex % all;
        if (!fwk.hasFilterPlugins()) {
            List<NodeInfo> feasible = new ArrayList<>(toFind);
            for (int i = 0; i < toFind; i++) {
                feasible.add(nodes.get((startIndex + i) % all));
            }
            nextStartNodeIndex = (startIndex + toFind) % all;
            return new FeasibleNodes(feasible, Map.of(), null);
        }
        NodeInfo[] feasible = new NodeInfo[toFind];
        AtomicInteger feasibleCount = new AtomicInteger();
        AtomicReferenceArray<Status> statuses = new AtomicReferenceArray<>(all);
        AtomicBoolean enough = new AtomicBoolean();
        AtomicReferenceArray<Status> firstError = new AtomicReferenceArray<>(1);
        fwk.parallelizer().until(all, i -> {
            if (enough.get() || firstError.get(0) != null) {
                return;
            }
            NodeInfo node = nodes.get((startIndex + i) % all);
            Status s = fwk.runFilterPluginsWithNominatedPods(state, pod, node);
            if (s.isSuccess()) {
                int n = feasibleCount.incrementAndGet();
                if (n > toFind) {
                    enough.set(true);
                    feasibleCount.decrementAndGet();
                } else {
                    feasible[n - 1] = node;
                    if (n == toFind) {
                        enough.set(true);
                    }
                }
            } else if (s.isRejected()) {
                statuses.set(i, s);
            } else {
                firstError.compareAndSet(0, null, s);
            }
        });
        if (firstError.get(0) != null) {
            return new FeasibleNodes(List.of(), Map.of(), firstError.get(0));
        }
        Map<String, Status> byNode = new LinkedHashMap<>();
        for (int i = 0; i < all; i++) {
            Status s = statuses.get(i);
            if (s != null) {
                byNode.put(nodes.get((startIndex + i) % all).nodeName(), s);
            }
        }
        int count = feasibleCount.get();
        nextStartNodeIndex = (startIndex + count + byNode.size()) % all;
        List<NodeInfo> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(feasible[i]);
        }
        return new FeasibleNodes(out, byNode, null);
    }

    /**
     * How many feasible nodes to look for (upstream's {@code numFeasibleNodesToFind}): every node below
     * 100 nodes; otherwise the configured percentage, or adaptively 50% minus 1% per 125 nodes (at
     * least 5%), and never fewer than 100.
     */
    static int numFeasibleNodesToFind(int percentageOfNodesToScore, int numAllNodes) {
        if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND || percentageOfNodesToScore >= 100) {
            return numAllNodes;
        }
        int percentage = percentageOfNodesToScore;
        if (percentage <= 0) {
            percentage = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, 50 - numAllNodes / 125);
        }
        int n = (int) ((long) numAllNodes * percentage / 100);
        return Math.max(MIN_FEASIBLE_NODES_TO_FIND, n);
    }

    private void bindingCycle(Framework fwk, CycleState state, QueuedPod queued, Pod assumed, String node,
                              Status permit, CycleEvaluation evaluation, long cycle, long start) {
        try {
            Status s = permit;
            if (s.isSuccess()) {
                s = fwk.runPreBindPlugins(state, assumed, node);
            }
            if (s.isSuccess()) {
                s = fwk.runBindPlugins(state, assumed, node);
            }
            if (!s.isSuccess()) {
                fwk.runReservePluginsUnreserve(state, assumed, node);
                forget(assumed);
                // The reservation it held is free again: pods waiting for room may fit now.
                queue.moveAllToActiveOrBackoffQueue(ClusterEvent.of(ClusterEvent.ASSIGNED_POD, ActionType.DELETE), assumed, null);
                handleFailure(fwk, queued, s, rejectedBy(s), null, evaluation, cycle, start);
                return;
            }
            cache.finishBinding(assumed);
            long nanos = System.nanoTime() - start;
            metrics.scheduleAttempt(SchedulerMetrics.Result.SCHEDULED, fwk.profileName(), nanos);
            Instant first = queued.initialAttemptTimestamp();
            metrics.podScheduled(queued.attempts(), Duration.between(first, clock.instant()));
            fwk.eventRecorder().event(assumed, EventRecorder.NORMAL, "Scheduled", "Binding",
                    "Successfully assigned " + queued.podInfo().key() + " to " + node);
            fwk.runPostBindPlugins(state, assumed, node);
            activatePods(state);
            listener.attemptFinished(assumed, AttemptListener.Outcome.SCHEDULED, node, "", nanos);
            record(fwk, assumed, AttemptListener.Outcome.SCHEDULED, node, null, "", evaluation);
        } catch (RuntimeException e) {
            LOG.error("binding cycle of pod {} failed unexpectedly", queued.podInfo().key(), e);
        } finally {
            queue.done(queued.uid());
        }
    }

    /** Moves the pods plugins asked for in {@link PodsToActivate} to the active queue (upstream's {@code Activate}). */
    private void activatePods(CycleState state) {
        state.read(PodsToActivate.KEY).map(PodsToActivate::drain).filter(pods -> !pods.isEmpty()).ifPresent(queue::activate);
    }

    private void forget(Pod assumed) {
        try {
            cache.forgetPod(assumed);
        } catch (IllegalStateException e) {
            LOG.warn("could not forget assumed pod {}/{}: {}", assumed.getMetadata().getNamespace(), assumed.getMetadata().getName(), e.getMessage());
        }
    }

    /**
     * Upstream's {@code handleSchedulingFailure}: back to the queue (unschedulable pool for rejections,
     * backoff for errors), the nomination kept, then — off the loop — a FailedScheduling event and the
     * PodScheduled=False condition with the message.
     */
    private void handleFailure(Framework fwk, QueuedPod queued, Status status, Diagnosis diagnosis, String nominatedNode,
                               CycleEvaluation evaluation, long cycle, long start) {
        Pod pod = queued.pod();
        boolean rejected = status.isRejected();
        queued.setUnschedulablePlugins(diagnosis == null ? Set.of() : diagnosis.unschedulablePlugins());
        queued.setPendingPlugins(diagnosis == null ? Set.of() : diagnosis.pendingPlugins());
        Optional<Pod> current = cluster.get(Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        boolean stillPending = current.isPresent()
                && current.get().getMetadata().getUid().equals(pod.getMetadata().getUid())
                && (current.get().getSpec().getNodeName() == null || current.get().getSpec().getNodeName().isEmpty());
        if (stillPending) {
            queue.addUnschedulableIfNotPresent(queued, cycle);
            if (nominatedNode != null) {
                queue.addNominatedPod(queued.podInfo(), nominatedNode);
            }
        }
        queue.done(queued.uid());
        String message = status.message();
        long nanos = System.nanoTime() - start;
        metrics.scheduleAttempt(rejected ? SchedulerMetrics.Result.UNSCHEDULABLE : SchedulerMetrics.Result.ERROR, fwk.profileName(), nanos);
        AttemptListener.Outcome outcome = rejected ? AttemptListener.Outcome.UNSCHEDULABLE : AttemptListener.Outcome.ERROR;
        listener.attemptFinished(pod, outcome, null, message, nanos);
        record(fwk, pod, outcome, null, nominatedNode, message, evaluation);
        if (!stillPending) {
            return;
        }
        LOG.debug("unable to schedule pod {}: {}", queued.podInfo().key(), message);
        String reason = rejected ? "Unschedulable" : "SchedulerError";
        bindingExecutor.execute(() -> reportFailure(fwk, current.get(), reason, message, nominatedNode));
    }

    /** Hands the attempt to the recorder; nothing is allocated when none is set. */
    private void record(Framework fwk, Pod pod, AttemptListener.Outcome outcome, String node, String nominatedNode,
                        String message, CycleEvaluation evaluation) {
        AttemptRecorder current = recorder;
        if (current != AttemptRecorder.NONE) {
            current.record(new RecordedAttempt(pod, fwk.profileName(), outcome, node, nominatedNode, message, evaluation,
                    clock.instant()));
        }
    }

    private void reportFailure(Framework fwk, Pod pod, String reason, String message, String nominatedNode) {
        fwk.eventRecorder().event(pod, EventRecorder.WARNING, "FailedScheduling", "Scheduling", message);
        PodCondition condition = new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                .withReason(reason).withMessage(message).withLastTransitionTime(clock.instant().toString()).build();
        if (sameCondition(pod, condition) && nominatedNode == null) {
            return;
        }
        try {
            cluster.updatePodStatus(pod, condition, nominatedNode);
        } catch (RuntimeException e) {
            LOG.warn("could not update the status of pod {}/{}: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), e.getMessage());
        }
    }

    /** Skips status writes that change nothing, so unschedulable pods do not cause write storms. */
    private static boolean sameCondition(Pod pod, PodCondition condition) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if (c.getType().equals(condition.getType())) {
                return c.getStatus().equals(condition.getStatus()) && java.util.Objects.equals(c.getReason(), condition.getReason())
                        && java.util.Objects.equals(c.getMessage(), condition.getMessage());
            }
        }
        return false;
    }

    private void rejectWaitingPod(Pod pod) {
        for (Framework fwk : frameworks.values()) {
            fwk.waitingPods().get(pod.getMetadata().getUid()).ifPresent(wp -> wp.reject("", "removed"));
        }
    }

    /** Periodic upkeep: backoff expiry, the unschedulable pool's 5-minute flush, expired assumed pods. */
    public void flushBackoffQCompleted() {
        queue.flushBackoffQCompleted();
    }

    public void flushUnschedulablePodsLeftover() {
        queue.flushUnschedulablePodsLeftover();
    }

    public void cleanupExpiredAssumedPods() {
        for (Pod expired : cache.cleanupExpiredAssumedPods()) {
            LOG.warn("assumed pod {}/{} expired: the cluster never confirmed its binding to {}",
                    expired.getMetadata().getNamespace(), expired.getMetadata().getName(), expired.getSpec().getNodeName());
        }
    }

    @Override
    public void close() {
        eventHandlers.close();
        queue.close();
        frameworks.values().forEach(Framework::closePlugins);
    }
}
