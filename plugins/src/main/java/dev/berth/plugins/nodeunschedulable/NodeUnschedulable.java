package dev.berth.plugins.nodeunschedulable;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.BasePluginFactory;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.EnqueueExtensions;
import dev.berth.framework.api.FilterPlugin;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.QueueingHint;
import dev.berth.framework.api.Status;
import dev.berth.plugins.helper.Taints;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;
import java.util.Objects;

/**
 * Rejects cordoned nodes ({@code spec.unschedulable: true}) unless the pod tolerates the
 * {@code node.kubernetes.io/unschedulable:NoSchedule} taint (upstream's {@code NodeUnschedulable}).
 *
 * <p>Registers upstream's hint-enabled events (Berth always runs with queueing hints): Node
 * Add|UpdateNodeTaint, and Pod UpdatePodTolerations for the rejected pod itself.
 */
public final class NodeUnschedulable implements FilterPlugin, EnqueueExtensions {

    public static final String NAME = "NodeUnschedulable";

    static final String ERR_REASON_UNSCHEDULABLE = "node(s) were unschedulable";

    /** The taint a cordon stands for; tolerating it means tolerating the cordon. */
    static final Taint UNSCHEDULABLE_TAINT = new Taint(Taints.NO_SCHEDULE, "node.kubernetes.io/unschedulable", null, null);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
        if (!unschedulable(nodeInfo.node()) || toleratesCordon(pod)) {
            return Status.SUCCESS;
        }
        return Status.unresolvable(ERR_REASON_UNSCHEDULABLE);
    }

    private static boolean unschedulable(Node node) {
        return node != null && node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
    }

    private static boolean toleratesCordon(Pod pod) {
        return pod.getSpec() != null && Taints.tolerated(pod.getSpec().getTolerations(), UNSCHEDULABLE_TAINT);
    }

    @Override
    public List<ClusterEventWithHint> eventsToRegister() {
        return List.of(
                new ClusterEventWithHint(ClusterEvent.of(ClusterEvent.NODE, ActionType.ADD, ActionType.UPDATE_NODE_TAINT),
                        NodeUnschedulable::afterNodeChange),
                new ClusterEventWithHint(ClusterEvent.of(ClusterEvent.POD, ActionType.UPDATE_POD_TOLERATIONS),
                        NodeUnschedulable::afterPodTolerationChange));
    }

    /** Queue when a schedulable node is added or a node is uncordoned. */
    static QueueingHint afterNodeChange(Pod pod, Object oldObj, Object newObj) {
        if (!(newObj instanceof Node modified) || (oldObj != null && !(oldObj instanceof Node))) {
            return QueueingHint.QUEUE;
        }
        boolean becameSchedulable = oldObj == null ? !unschedulable(modified)
                : unschedulable((Node) oldObj) && !unschedulable(modified);
        return becameSchedulable ? QueueingHint.QUEUE : QueueingHint.QUEUE_SKIP;
    }

    /**
     * Queue when the rejected pod itself now tolerates the cordon. The old tolerations need no look:
     * tolerations can only be added, and a pod that already tolerated the cordon was not rejected here.
     */
    static QueueingHint afterPodTolerationChange(Pod pod, Object oldObj, Object newObj) {
        if (!(newObj instanceof Pod modified)) {
            return QueueingHint.QUEUE;
        }
        boolean samePod = Objects.equals(pod.getMetadata().getUid(), modified.getMetadata().getUid());
        return samePod && toleratesCordon(modified) ? QueueingHint.QUEUE : QueueingHint.QUEUE_SKIP;
    }

    /** Registers {@link NodeUnschedulable}; it takes no args. */
    public static final class Factory extends BasePluginFactory {
        public Factory() {
            super(NAME, (args, handle) -> new NodeUnschedulable());
        }
    }
}
