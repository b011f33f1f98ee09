package dev.berth.plugins.defaultpreemption;

import dev.berth.framework.api.PodPriority;
import dev.berth.framework.api.BasePluginFactory;
import dev.berth.framework.api.ClusterClient;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.ClusterException;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.EnqueueExtensions;
import dev.berth.framework.api.EventRecorder;
import dev.berth.framework.api.Handle;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.NodeToStatus;
import dev.berth.framework.api.PluginStatusException;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.PostFilterPlugin;
import dev.berth.framework.api.PostFilterResult;
import dev.berth.framework.api.Status;
import dev.berth.framework.api.WaitingPod;
import dev.berth.framework.runtime.Diagnosis;
import dev.berth.framework.runtime.FitError;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Preempts lower-priority pods so that a pod no node could take fits somewhere (upstream's PostFilter
 * plugin {@code DefaultPreemption} with its {@code preemption.Evaluator}).
 *
 * <p>For each node whose filter status is Unschedulable (UnschedulableAndUnresolvable nodes cannot be
 * helped), starting at a random offset, a dry run on copies of the node and the cycle state removes
 * every pod of lower priority, checks that the pod then passes the profile's Filter plugins (nominated
 * pods of equal or higher priority counted), and adds back as many of the removed pods as still let it
 * fit: first those whose eviction would exceed a PodDisruptionBudget, then the others, most important
 * first. The dry run stops once it has found enough candidates (see {@link DefaultPreemptionArgs}) and
 * at least one without PDB violations. The best candidate is picked by {@link CandidatePicker}'s rules;
 * its victims get the {@code DisruptionTarget} condition and are deleted (pods waiting at Permit are
 * rejected instead), each with a {@code Preempted} event, lower-priority pods nominated to the node lose
 * their nomination, and the preemptor is nominated to it.
 *
 * <p>Other PostFilter plugins reuse this machinery with their own victim rules through
 * {@link #withPolicy} and a {@link PreemptionPolicy}; this plugin's own policy takes every pod of lower
 * priority.
 *
 * <p>Where Berth differs from upstream:
 * <ul>
 *   <li>Victims are deleted synchronously in PostFilter: upstream's async preemption (and the PreEnqueue
 *       gate and AssignedPod/Delete event that come with it), scheduler extenders, pod-group (workload
 *       aware) preemption and the custom eligibility/ordering hooks are not implemented.</li>
 *   <li>When no node can be helped, upstream returns a result that clears the preemptor's nominated node;
 *       {@link PostFilterResult} cannot say that for a failure, so the nomination is left as it is.</li>
 *   <li>Ties after every rule go to the first candidate in dry-run order rather than a random one.</li>
 *   <li>A pod without {@code status.startTime} counts as the latest started (upstream: now).</li>
 * </ul>
 */
public final class DefaultPreemption implements PostFilterPlugin, EnqueueExtensions {

    public static final String NAME = "DefaultPreemption";

    /** Prefix of every message this plugin returns, as upstream's PostFilter adds it. */
    static final String MESSAGE_PREFIX = "preemption: ";
    static final String NOT_ELIGIBLE_PREEMPT_NEVER = "not eligible due to preemptionPolicy=Never.";
    /** Why a pod waits for earlier victims still terminating on its nominated node instead of preempting again. */
    public static final String NOT_ELIGIBLE_TERMINATING_POD = "not eligible due to a terminating pod on the nominated node.";
    static final String NO_VICTIMS_FOUND = "No preemption victims found for incoming pod";
    static final String PREEMPTION_NOT_HELPFUL = "Preemption is not helpful for scheduling";
    static final String NO_NODES_AVAILABLE = "no nodes available";
    static final String EVENT_REASON = "Preempted";
    static final String EVENT_ACTION = "Preempting";
    static final String DISRUPTION_TARGET = "DisruptionTarget";
    static final String REASON_PREEMPTION_BY_SCHEDULER = "PreemptionByScheduler";
    /** The message a victim waiting at Permit is rejected with. */
    static final String WAITING_POD_REJECT_MESSAGE = "preempted";

    private static final Logger LOG = LoggerFactory.getLogger(DefaultPreemption.class);

    /** Where the dry run starts among the potential nodes, and how many candidates it wants. */
    record OffsetAndNumCandidates(int offset, int numCandidates) {
    }

    /** What the dry run over the potential nodes found. */
    record DryRun(List<Candidate> candidates, Map<String, Status> nodeStatuses, List<String> errors) {
    }

    /** The outcome of {@link #selectVictimsOnNode}; {@code victims} is meaningful only on success. */
    record VictimSelection(List<Pod> victims, int numPdbViolations, Status status) {

        static VictimSelection failed(Status status) {
            return new VictimSelection(List.of(), 0, status);
        }
    }

    private final String name;
    private final DefaultPreemptionArgs args;
    private final Handle handle;
    private final IntUnaryOperator randomOffset;
    private final PreemptionPolicy policy;

    public DefaultPreemption(DefaultPreemptionArgs args, Handle handle) {
        this(args, handle, n -> ThreadLocalRandom.current().nextInt(n));
    }

    /** @param randomOffset given the number of potential nodes n, an index in [0, n) to start the dry run at */
    DefaultPreemption(DefaultPreemptionArgs args, Handle handle, IntUnaryOperator randomOffset) {
        this(NAME, args, handle, randomOffset, new LowerPriority());
    }

    private DefaultPreemption(String name, DefaultPreemptionArgs args, Handle handle, IntUnaryOperator randomOffset,
                              PreemptionPolicy policy) {
        this.name = name;
        this.args = args;
        this.handle = handle;
        this.randomOffset = randomOffset;
        this.policy = policy;
    }

    /**
     * A preemption evaluator for another PostFilter plugin (upstream's {@code preemption.Evaluator} with a
     * custom {@code Interface}): this plugin's dry run, candidate choice and eviction, with the victims
     * {@code policy} allows. Victims' events and Permit rejections name {@code pluginName}. Call
     * {@link #preempt} from the plugin's PostFilter.
     */
    public static DefaultPreemption withPolicy(String pluginName, Handle handle, PreemptionPolicy policy) {
        return new DefaultPreemption(pluginName, DefaultPreemptionArgs.defaults(), handle,
                n -> ThreadLocalRandom.current().nextInt(n), policy);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * None: upstream registers an AssignedPod/Delete event only for its async preemption, which Berth
     * does not have, so this plugin never gates pods.
     */
    @Override
    public List<ClusterEventWithHint> eventsToRegister() {
        return List.of();
    }

    @Override
    public PostFilterResult postFilter(CycleState state, Pod pod, NodeToStatus filteredNodeStatus) {
        PostFilterResult result = preempt(state, pod, filteredNodeStatus);
        Status status = result.status();
        if (status.isSuccess() || status.message().isEmpty()) {
            return result;
        }
        return PostFilterResult.of(Status.of(status.code(), MESSAGE_PREFIX + status.message()));
    }

    /**
     * Upstream's {@code Evaluator.Preempt}, without the "preemption: " prefix: deletes the victims of the
     * best candidate node and nominates the pod to it, or says why no node can be helped.
     */
    public PostFilterResult preempt(CycleState state, Pod pod, NodeToStatus statuses) {
        // Work on the latest version of the pod: its nominated node may have changed since it was queued.
        String name = pod.getMetadata().getName();
        Optional<Pod> latest = handle.clusterClient().get(Pod.class, pod.getMetadata().getNamespace(), name);
        if (latest.isEmpty()) {
            return PostFilterResult.of(Status.error("pod \"" + name + "\" not found"));
        }
        Pod preemptor = latest.get();
        String nominatedNode = nominatedNodeName(preemptor);
        Optional<String> notEligible = podEligibleToPreemptOthers(state, preemptor,
                nominatedNode.isEmpty() ? null : statuses.get(nominatedNode));
        if (notEligible.isPresent()) {
            LOG.debug("pod {}/{} is not eligible for preemption: {}", preemptor.getMetadata().getNamespace(), name, notEligible.get());
            return PostFilterResult.of(Status.unschedulable(notEligible.get()));
        }

        List<NodeInfo> allNodes = handle.snapshot().list();
        if (allNodes.isEmpty()) {
            return PostFilterResult.of(Status.error(NO_NODES_AVAILABLE));
        }
        DryRun dryRun = findCandidates(state, preemptor, allNodes, statuses);
        if (dryRun.candidates().isEmpty()) {
            if (!dryRun.errors().isEmpty()) {
                return PostFilterResult.of(Status.error(aggregate(dryRun.errors())));
            }
            Diagnosis diagnosis = new Diagnosis(dryRun.nodeStatuses(), Status.unresolvable(PREEMPTION_NOT_HELPFUL),
                    allNodes.size() - dryRun.nodeStatuses().size(), Set.of(), Set.of(), "", "");
            return PostFilterResult.of(Status.unschedulable(new FitError(allNodes.size(), diagnosis).message()));
        }

        Candidate best = CandidatePicker.pick(dryRun.candidates()).orElseThrow();
        LOG.debug("preempting {} pod(s) on node {} for pod {}/{}", best.victims().size(), best.nodeName(),
                preemptor.getMetadata().getNamespace(), name);
        Status prepared = prepareCandidate(best, preemptor);
        return prepared.isSuccess() ? PostFilterResult.nominate(best.nodeName()) : PostFilterResult.of(prepared);
    }

    /**
     * Upstream's {@code PodEligibleToPreemptOthers}.
     *
     * @param nominatedNodeStatus the filter status of the pod's nominated node, or {@code null} without one
     * @return why the pod may not preempt, or empty if it may
     */
    Optional<String> podEligibleToPreemptOthers(CycleState state, Pod pod, Status nominatedNodeStatus) {
        if ("Never".equals(pod.getSpec() == null ? null : pod.getSpec().getPreemptionPolicy())) {
            return Optional.of(NOT_ELIGIBLE_PREEMPT_NEVER);
        }
        String nominatedNode = nominatedNodeName(pod);
        if (nominatedNode.isEmpty()) {
            return Optional.empty();
        }
        // The filters now rule the nominated node out entirely: earlier victims there cannot help, so preempt again.
        if (nominatedNodeStatus != null && nominatedNodeStatus.code() == Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE) {
            return Optional.empty();
        }
        // Victims of an earlier preemption still terminating on the nominated node: wait for them.
        Optional<NodeInfo> node = handle.snapshot().get(nominatedNode);
        return node.isEmpty() ? Optional.empty() : policy.waitForTerminatingVictims(state, pod, node.get());
    }

    /** The pod is being deleted and carries the DisruptionTarget condition the scheduler's preemption sets. */
    private static boolean terminatingByPreemption(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() == null || pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if (DISRUPTION_TARGET.equals(c.getType())) {
                return "True".equals(c.getStatus()) && REASON_PREEMPTION_BY_SCHEDULER.equals(c.getReason());
            }
        }
        return false;
    }

    /** Upstream's {@code findCandidates}: the nodes preemption might help, sampled from a random offset. */
    private DryRun findCandidates(CycleState state, Pod pod, List<NodeInfo> allNodes, NodeToStatus statuses) {
        List<NodeInfo> potentialNodes = new ArrayList<>();
        for (NodeInfo n : allNodes) {
            if (statuses.get(n.nodeName()).code() == Status.Code.UNSCHEDULABLE) {
                potentialNodes.add(n);
            }
        }
        if (potentialNodes.isEmpty()) {
            LOG.debug("preemption will not help schedule pod {}/{} on any node", pod.getMetadata().getNamespace(),
                    pod.getMetadata().getName());
            return new DryRun(List.of(), Map.of(), List.of());
        }
        DisruptionBudgets budgets = DisruptionBudgets.of(handle.clusterClient().list(PodDisruptionBudget.class));
        OffsetAndNumCandidates sample = getOffsetAndNumCandidates(potentialNodes.size());
        return dryRunPreemption(state, pod, potentialNodes, budgets, sample.offset(), sample.numCandidates());
    }

    /** Upstream's {@code GetOffsetAndNumCandidates}: a random offset in [0, numNodes) and the number of candidates wanted. */
    OffsetAndNumCandidates getOffsetAndNumCandidates(int numNodes) {
        if (policy.dryRunsEveryNode()) {
            return new OffsetAndNumCandidates(0, numNodes);
        }
        return new OffsetAndNumCandidates(randomOffset.applyAsInt(numNodes), args.numCandidates(numNodes));
    }

    /**
     * Upstream's {@code DryRunPreemption}: tries the potential nodes in parallel from {@code offset},
     * wrapping around, until {@code numCandidates} candidates including one without PDB violations are
     * found. Each list (without and with violations) keeps at most {@code numCandidates}; the result lists
     * the non-violating candidates first. Nodes that cannot be helped report why in {@code nodeStatuses}.
     */
    DryRun dryRunPreemption(CycleState state, Pod pod, List<NodeInfo> potentialNodes, DisruptionBudgets budgets,
                            int offset, int numCandidates) {
        int n = potentialNodes.size();
        List<Candidate> nonViolating = new ArrayList<>();
        List<Candidate> violating = new ArrayList<>();
        Map<String, Status> nodeStatuses = new ConcurrentHashMap<>();
        List<String> errors = new ArrayList<>();
        AtomicBoolean enough = new AtomicBoolean();
        handle.parallelizer().until(n, i -> {
            // Upstream cancels its context; the pieces already running finish, the rest are skipped.
            if (enough.get()) {
                return;
            }
            NodeInfo nodeCopy = potentialNodes.get((offset + i) % n).copy();
            String nodeName = nodeCopy.nodeName();
            VictimSelection selection = selectVictimsOnNode(state.copy(), pod, nodeCopy, budgets);
            if (selection.status().isSuccess() && !selection.victims().isEmpty()) {
                Candidate c = new Candidate(nodeName, selection.victims(), selection.numPdbViolations());
                synchronized (nonViolating) {
                    List<Candidate> list = c.numPdbViolations() == 0 ? nonViolating : violating;
                    if (list.size() < numCandidates) {
                        list.add(c);
                    }
                    if (!nonViolating.isEmpty() && nonViolating.size() + violating.size() >= numCandidates) {
                        enough.set(true);
                    }
                }
                return;
            }
            Status status = selection.status().isSuccess()
                    ? Status.error("expected at least one victim pod on node \"" + nodeName + "\"")
                    : selection.status();
            if (status.isError()) {
                synchronized (errors) {
                    errors.add(status.message());
                }
            }
            nodeStatuses.put(nodeName, status);
        });
        List<Candidate> candidates = new ArrayList<>(nonViolating);
        candidates.addAll(violating);
        return new DryRun(candidates, Map.copyOf(nodeStatuses), List.copyOf(errors));
    }

    /**
     * Upstream's {@code SelectVictimsOnNode}: the fewest of the pods the policy allows (for this plugin,
     * those of lower priority) to remove from {@code nodeInfo} so that {@code pod} fits. Mutates
     * {@code state} and {@code nodeInfo}, which must be copies.
     */
    VictimSelection selectVictimsOnNode(CycleState state, Pod pod, NodeInfo nodeInfo, DisruptionBudgets budgets) {
        List<PodInfo> leastImportantFirst = new ArrayList<>(nodeInfo.pods());
        leastImportantFirst.sort((a, b) -> Victims.MORE_IMPORTANT_FIRST.compare(b.pod(), a.pod()));
        List<PodInfo> potentialVictims = new ArrayList<>();
        NodeDryRun run = new NodeDryRun(state, pod, nodeInfo);
        try {
            Predicate<PodInfo> allowed = policy.potentialVictims(state, pod);
            for (PodInfo pi : leastImportantFirst) {
                if (allowed.test(pi)) {
                    potentialVictims.add(pi);
                    run.remove(pi);
                }
            }
            // Nothing removed means the node is as the filters saw it, and they rejected it.
            if (potentialVictims.isEmpty()) {
                return VictimSelection.failed(Status.unresolvable(NO_VICTIMS_FOUND));
            }
            // If the pod does not fit even without them, this node cannot help. Affinity of the pod to one of
            // the victims is deliberately not considered, as upstream.
            Status fits = run.filter();
            if (!fits.isSuccess()) {
                return VictimSelection.failed(fits);
            }
            Status policyCheck = policy.checkWithoutVictims(state, pod);
            if (!policyCheck.isSuccess()) {
                return VictimSelection.failed(policyCheck);
            }
            potentialVictims.sort((a, b) -> Victims.MORE_IMPORTANT_FIRST.compare(a.pod(), b.pod()));
            DisruptionBudgets.Split split = budgets.split(potentialVictims);
            List<Pod> victims = new ArrayList<>();
            int numViolating = 0;
            for (PodInfo pi : split.violating()) {
                if (!run.reprieve(pi)) {
                    victims.add(pi.pod());
                    numViolating++;
                }
            }
            for (PodInfo pi : split.nonViolating()) {
                if (!run.reprieve(pi)) {
                    victims.add(pi.pod());
                }
            }
            victims.sort(Victims.MORE_IMPORTANT_FIRST);
            return new VictimSelection(victims, numViolating, Status.SUCCESS);
        } catch (PluginStatusException e) {
            return VictimSelection.failed(e.status());
        }
    }

    /** One node's what-if: removes and re-adds pods on the node copy and in the cycle state copy together. */
    private final class NodeDryRun {

        private final CycleState state;
        private final Pod preemptor;
        private final NodeInfo nodeInfo;

        NodeDryRun(CycleState state, Pod preemptor, NodeInfo nodeInfo) {
            this.state = state;
            this.preemptor = preemptor;
            this.nodeInfo = nodeInfo;
        }

        void remove(PodInfo pi) {
            if (!nodeInfo.removePod(pi.pod())) {
                throw new PluginStatusException(Status.error("pod \"" + pi.key() + "\" is not on node \"" + nodeInfo.nodeName() + "\""));
            }
            requireSuccess(handle.runPreFilterExtensionRemovePod(state, preemptor, pi, nodeInfo));
        }

        void add(PodInfo pi) {
            nodeInfo.addPod(pi);
            requireSuccess(handle.runPreFilterExtensionAddPod(state, preemptor, pi, nodeInfo));
        }

        Status filter() {
            return handle.runFilterPluginsWithNominatedPods(state, preemptor, nodeInfo);
        }

        /**
         * Puts {@code pi} back; if the preemptor then no longer fits, or the policy wants it gone, takes it out
         * again. Returns whether it stays.
         */
        boolean reprieve(PodInfo pi) {
            add(pi);
            if (filter().isSuccess() && policy.allowsReprieve(state, preemptor)) {
                return true;
            }
            remove(pi);
            return false;
        }

        private void requireSuccess(Status s) {
            if (!s.isSuccess()) {
                throw new PluginStatusException(s);
            }
        }
    }

    /**
     * Upstream's {@code prepareCandidate}: evicts the victims, then clears the nomination of lower-priority
     * pods nominated to the node, which may no longer fit there.
     */
    private Status prepareCandidate(Candidate c, Pod preemptor) {
        List<Pod> victims = c.victims();
        AtomicReference<Status> failure = new AtomicReference<>();
        handle.parallelizer().until(victims.size(), i -> {
            Pod victim = victims.get(i);
            // Graceful deletion has already started; another request would change nothing.
            if (victim.getMetadata().getDeletionTimestamp() != null) {
                return;
            }
            try {
                preemptVictim(c.nodeName(), preemptor, victim);
            } catch (ClusterException e) {
                failure.compareAndSet(null, Status.error(e));
            }
        });
        if (failure.get() != null) {
            return failure.get();
        }
        clearLowerPriorityNominations(preemptor, c.nodeName());
        return Status.SUCCESS;
    }

    private void preemptVictim(String nodeName, Pod preemptor, Pod victim) {
        Optional<WaitingPod> waiting = handle.waitingPods().get(victim.getMetadata().getUid());
        if (waiting.isPresent()) {
            waiting.get().reject(name, WAITING_POD_REJECT_MESSAGE);
        } else {
            ClusterClient cluster = handle.clusterClient();
            try {
                cluster.updatePodStatus(victim, disruptionTarget(preemptor), null);
                cluster.deletePod(victim);
            } catch (ClusterException e) {
                if (e.reason() != ClusterException.Reason.NOT_FOUND) {
                    throw e;
                }
                LOG.debug("victim {}/{} is already deleted", victim.getMetadata().getNamespace(), victim.getMetadata().getName());
                return;
            }
        }
        handle.eventRecorder().event(victim, EventRecorder.NORMAL, EVENT_REASON, EVENT_ACTION,
                "Preempted by pod " + preemptor.getMetadata().getUid() + " on node " + nodeName);
    }

    private PodCondition disruptionTarget(Pod preemptor) {
        String schedulerName = preemptor.getSpec() == null || preemptor.getSpec().getSchedulerName() == null
                ? handle.profileName() : preemptor.getSpec().getSchedulerName();
        return new PodConditionBuilder().withType(DISRUPTION_TARGET).withStatus("True")
                .withReason(REASON_PREEMPTION_BY_SCHEDULER)
                .withMessage(schedulerName + ": preempting to accommodate a higher priority pod")
                .withLastTransitionTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .build();
    }

    /**
     * Clears {@code status.nominatedNodeName} of lower-priority pods nominated to {@code nodeName}, so they
     * look for another node sooner. Best effort, as upstream: failures are logged.
     */
    private void clearLowerPriorityNominations(Pod preemptor, String nodeName) {
        int priority = PodPriority.of(preemptor);
        ClusterClient cluster = handle.clusterClient();
        for (PodInfo pi : handle.nominatedPodsForNode(nodeName)) {
            if (PodPriority.of(pi.pod()) >= priority) {
                continue;
            }
            var meta = pi.pod().getMetadata();
            Optional<Pod> current = cluster.get(Pod.class, meta.getNamespace(), meta.getName());
            if (current.isEmpty() || nominatedNodeName(current.get()).isEmpty()) {
                continue;
            }
            try {
                cluster.updatePodStatus(current.get(), null, "");
            } catch (ClusterException e) {
                LOG.warn("cannot clear the nominated node of pod {}: {}", pi.key(), e.getMessage());
            }
        }
    }

    private static String nominatedNodeName(Pod pod) {
        String n = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
        return n == null ? "" : n;
    }

    /** Upstream's {@code utilerrors.NewAggregate(errs).Error()}: one message as is, several distinct ones in brackets. */
    private static String aggregate(List<String> errors) {
        Set<String> distinct = new LinkedHashSet<>(errors);
        return distinct.size() == 1 ? distinct.iterator().next() : "[" + String.join(", ", distinct) + "]";
    }

    /** This plugin's victim rules: every pod of lower priority; earlier victims terminating by preemption are waited for. */
    private static final class LowerPriority implements PreemptionPolicy {

        @Override
        public Optional<String> waitForTerminatingVictims(CycleState state, Pod preemptor, NodeInfo nominatedNode) {
            int priority = PodPriority.of(preemptor);
            for (PodInfo pi : nominatedNode.pods()) {
                if (PodPriority.of(pi.pod()) < priority && terminatingByPreemption(pi.pod())) {
                    return Optional.of(NOT_ELIGIBLE_TERMINATING_POD);
                }
            }
            return Optional.empty();
        }

        @Override
        public Predicate<PodInfo> potentialVictims(CycleState state, Pod preemptor) {
            int priority = PodPriority.of(preemptor);
            return pi -> PodPriority.of(pi.pod()) < priority;
        }
    }

    /** Registers {@link DefaultPreemption} with {@link DefaultPreemptionArgs}. */
    public static final class Factory extends BasePluginFactory {
        public Factory() {
            super(NAME, (args, handle) -> {
                DefaultPreemptionArgs a = args.decode(DefaultPreemptionArgs.class);
                a.validate();
                return new DefaultPreemption(a, handle);
            });
        }
    }
}
