package dev.berth.plugins.tainttoleration;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.BasePluginFactory;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.EnqueueExtensions;
import dev.berth.framework.api.FilterPlugin;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.NodeScores;
import dev.berth.framework.api.PreScorePlugin;
import dev.berth.framework.api.QueueingHint;
import dev.berth.framework.api.ScorePlugin;
import dev.berth.framework.api.StateKey;
import dev.berth.framework.api.Status;
import dev.berth.plugins.helper.Normalize;
import dev.berth.plugins.helper.Taints;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Taints and tolerations (upstream's {@code TaintToleration}). Filter rejects nodes with a NoSchedule
 * or NoExecute taint the pod does not tolerate; Score counts the PreferNoSchedule taints the pod does
 * not tolerate, and NormalizeScore turns fewer into better (reversed default normalization).
 *
 * <p>Registers upstream's hint-enabled events (Berth always runs with queueing hints): Node
 * Add|UpdateNodeTaint and Pod UpdatePodTolerations, each with upstream's hint.
 */
public final class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin, ScorePlugin.ScoreExtensions,
        EnqueueExtensions {

    public static final String NAME = "TaintToleration";

    static final String ERR_REASON_PREFIX = "node(s) had untolerated taint ";

    /** The pod's tolerations that can tolerate a PreferNoSchedule taint, computed once per attempt. */
    record PreScoreState(List<Toleration> preferNoScheduleTolerations) implements CycleState.StateData {
        @Override
        public CycleState.StateData copy() {
            return this;
        }
    }

    static final StateKey<PreScoreState> PRE_SCORE_KEY = StateKey.of("PreScore" + NAME, PreScoreState.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
        Optional<Taint> untolerated = Taints.findMatchingUntoleratedTaint(taints(nodeInfo.node()), tolerations(pod),
                Taints::isNoScheduleOrNoExecute);
        return untolerated.map(t -> Status.unresolvable(ERR_REASON_PREFIX + Taints.describe(t))).orElse(Status.SUCCESS);
    }

    @Override
    public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes) {
        List<Toleration> relevant = new ArrayList<>();
        for (Toleration t : tolerations(pod)) {
            // An empty effect tolerates every effect, PreferNoSchedule included.
            if (t.getEffect() == null || t.getEffect().isEmpty() || Taints.PREFER_NO_SCHEDULE.equals(t.getEffect())) {
                relevant.add(t);
            }
        }
        state.write(PRE_SCORE_KEY, new PreScoreState(List.copyOf(relevant)));
        return Status.SUCCESS;
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo nodeInfo) {
        List<Toleration> tolerations = state.require(PRE_SCORE_KEY).preferNoScheduleTolerations();
        long intolerable = 0;
        for (Taint taint : taints(nodeInfo.node())) {
            if (Taints.PREFER_NO_SCHEDULE.equals(taint.getEffect()) && !Taints.tolerated(tolerations, taint)) {
                intolerable++;
            }
        }
        return intolerable;
    }

    @Override
    public Optional<ScoreExtensions> scoreExtensions() {
        return Optional.of(this);
    }

    @Override
    public Status normalizeScore(CycleState state, Pod pod, NodeScores scores) {
        Normalize.defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
        return Status.SUCCESS;
    }

    @Override
    public List<ClusterEventWithHint> eventsToRegister() {
        return List.of(
                new ClusterEventWithHint(ClusterEvent.of(ClusterEvent.NODE, ActionType.ADD, ActionType.UPDATE_NODE_TAINT),
                        TaintToleration::afterNodeChange),
                new ClusterEventWithHint(ClusterEvent.of(ClusterEvent.POD, ActionType.UPDATE_POD_TOLERATIONS),
                        TaintToleration::afterPodTolerationChange));
    }

    /** Queue only when the node went from having an untolerated NoSchedule/NoExecute taint to having none. */
    static QueueingHint afterNodeChange(Pod pod, Object oldObj, Object newObj) {
        if (!(newObj instanceof Node modified) || (oldObj != null && !(oldObj instanceof Node))) {
            return QueueingHint.QUEUE;
        }
        boolean wasUntolerated = oldObj == null || untolerated(pod, (Node) oldObj);
        return wasUntolerated && !untolerated(pod, modified) ? QueueingHint.QUEUE : QueueingHint.QUEUE_SKIP;
    }

    /** Queue when the rejected pod itself got new tolerations. */
    static QueueingHint afterPodTolerationChange(Pod pod, Object oldObj, Object newObj) {
        if (!(newObj instanceof Pod modified)) {
            return QueueingHint.QUEUE;
        }
        return Objects.equals(pod.getMetadata().getUid(), modified.getMetadata().getUid())
                ? QueueingHint.QUEUE : QueueingHint.QUEUE_SKIP;
    }

    private static boolean untolerated(Pod pod, Node node) {
        return Taints.findMatchingUntoleratedTaint(taints(node), tolerations(pod), Taints::isNoScheduleOrNoExecute).isPresent();
    }

    private static List<Taint> taints(Node node) {
        return node == null || node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
    }

    private static List<Toleration> tolerations(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getTolerations() == null ? List.of() : pod.getSpec().getTolerations();
    }

    /** Registers {@link TaintToleration}; it takes no args (its default weight 3 lives in the profile config). */
    public static final class Factory extends BasePluginFactory {
        public Factory() {
            super(NAME, (args, handle) -> new TaintToleration());
        }
    }
}
