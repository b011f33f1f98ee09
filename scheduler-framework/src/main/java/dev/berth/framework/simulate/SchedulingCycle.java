package dev.berth.framework.simulate;

import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PreFilterResult;
import dev.berth.framework.api.Status;
import dev.berth.framework.runtime.Diagnosis;
import dev.berth.framework.runtime.FitError;
import dev.berth.framework.runtime.Framework;
import dev.berth.framework.runtime.HostSelection;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One pod's attempt with one profile, recorded plugin by plugin: PreFilter, Filter on every node (all of
 * them: percentageOfNodesToScore is 100), PreScore and Score on the feasible nodes, the best node (ties to
 * the name that sorts first), then Reserve → Permit → PreBind → Bind → PostBind, which write the binding
 * to the cluster. Unlike upstream, a single feasible node is scored too, so its scores can be explained.
 */
final class SchedulingCycle {

    static final String PERMIT_WAIT_UNSUPPORTED = "Permit wait is not supported in simulate";

    /** Upstream's status for nodes a PreFilter result left out. */
    private static final Status ABSENT_NODES = Status.unresolvable("node(s) didn't satisfy plugin(s) of PreFilter");

    private final Framework fwk;
    private final Pod pod;
    private final String key;
    private final CycleState state = new CycleState(false);
    private final Map<String, Map<String, String>> filter = new TreeMap<>();

    SchedulingCycle(Framework fwk, Pod pod) {
        this.fwk = fwk;
        this.pod = pod;
        this.key = SimulatedPods.key(pod);
    }

    /** Runs the cycle on {@code nodes} (the current snapshot's). */
    CycleOutcome run(List<NodeInfo> nodes) {
        List<NodeInfo> all = nodes.stream().sorted(Comparator.comparing(NodeInfo::nodeName)).toList();
        if (all.isEmpty()) {
            return failed(Outcome.UNSCHEDULABLE, "no nodes available to schedule pods");
        }
        PreFilterResult pre = fwk.runPreFilterPlugins(state, pod, all);
        if (!pre.status().isSuccess()) {
            return pre.status().isRejected()
                    ? fitError(new FitError(all.size(), Diagnosis.fromPreFilter(pre.status(), all.size())))
                    : failed(Outcome.ERROR, pre.status().message());
        }
        List<NodeInfo> candidates = pre.nodeNames().map(names -> only(all, names)).orElse(all);
        List<NodeInfo> feasible = new ArrayList<>();
        Map<String, Status> rejected = new LinkedHashMap<>();
        for (NodeInfo node : candidates) {
            Map<String, Status> statuses = fwk.filterStatusesWithNominatedPods(state, pod, node);
            filter.put(node.nodeName(), AttemptExplanation.verdicts(statuses));
            // Filtering stops at the first plugin that does not pass, so the last status is the node's.
            Status last = statuses.values().stream().reduce((first, second) -> second).orElse(Status.SUCCESS);
            if (last.isSuccess()) {
                feasible.add(node);
            } else if (last.isRejected()) {
                rejected.put(node.nodeName(), last);
            } else {
                // As upstream, an error on one node ends the attempt.
                return failed(Outcome.ERROR, last.message());
            }
        }
        if (feasible.isEmpty()) {
            return fitError(new FitError(all.size(),
                    Diagnosis.fromNodeStatuses(rejected, ABSENT_NODES, all.size() - candidates.size())));
        }
        return scoreAndBind(feasible);
    }

    private CycleOutcome scoreAndBind(List<NodeInfo> feasible) {
        Status preScore = fwk.runPreScorePlugins(state, pod, feasible);
        if (!preScore.isSuccess()) {
            return failed(Outcome.ERROR, preScore.message());
        }
        Framework.ScoreResult scores = fwk.runScorePlugins(state, pod, feasible);
        if (!scores.status().isSuccess()) {
            return failed(Outcome.ERROR, scores.status().message());
        }
        Map<String, Map<String, Long>> byNode = AttemptExplanation.scoresByNode(scores);
        Map<String, Long> totals = AttemptExplanation.totalsByNode(scores);
        List<String> names = scores.nodeNames();
        // FIRST_BY_NAME never draws a random number.
        String node = names.get(HostSelection.FIRST_BY_NAME.select(names, scores.totals(), null));
        Status bound = reserveAndBind(node);
        if (!bound.isSuccess()) {
            Outcome outcome = bound.isRejected() ? Outcome.UNSCHEDULABLE : Outcome.ERROR;
            return new CycleOutcome(result(outcome, null, byNode, totals, bound.message()), null, state);
        }
        return new CycleOutcome(result(Outcome.SCHEDULED, node, byNode, totals, ""), null, state);
    }

    /** The binding cycle, run at once; on failure every Reserve plugin unreserves. */
    private Status reserveAndBind(String node) {
        Pod assumed = new PodBuilder(pod).editSpec().withNodeName(node).endSpec().build();
        Status s = fwk.runReservePluginsReserve(state, assumed, node);
        if (s.isSuccess()) {
            s = permit(assumed, node);
        }
        if (s.isSuccess()) {
            s = fwk.runPreBindPlugins(state, assumed, node);
        }
        if (s.isSuccess()) {
            s = fwk.runBindPlugins(state, assumed, node);
        }
        if (!s.isSuccess()) {
            fwk.runReservePluginsUnreserve(state, assumed, node);
            return s;
        }
        fwk.runPostBindPlugins(state, assumed, node);
        return Status.SUCCESS;
    }

    /** Permit; a Wait cannot be honoured without time passing, so the waiting pod is rejected and dropped. */
    private Status permit(Pod assumed, String node) {
        Status s = fwk.runPermitPlugins(state, assumed, node);
        if (!s.isWait()) {
            return s;
        }
        fwk.waitingPods().get(assumed.getMetadata().getUid()).ifPresent(wp -> wp.reject("", PERMIT_WAIT_UNSUPPORTED));
        fwk.waitOnPermit(assumed);
        return Status.error(PERMIT_WAIT_UNSUPPORTED);
    }

    private static List<NodeInfo> only(List<NodeInfo> nodes, Set<String> names) {
        return nodes.stream().filter(n -> names.contains(n.nodeName())).toList();
    }

    private CycleOutcome fitError(FitError error) {
        return new CycleOutcome(result(Outcome.UNSCHEDULABLE, null, Map.of(), Map.of(), error.message()), error, state);
    }

    private CycleOutcome failed(Outcome outcome, String message) {
        return new CycleOutcome(result(outcome, null, Map.of(), Map.of(), message), null, state);
    }

    private PodResult result(Outcome outcome, String node, Map<String, Map<String, Long>> score, Map<String, Long> totals,
                             String message) {
        return new PodResult(key, outcome, node, filter, score, totals, null, List.of(), message);
    }
}
