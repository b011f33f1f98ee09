package dev.berth.plugins.nodename;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.BasePluginFactory;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.EnqueueExtensions;
import dev.berth.framework.api.FilterPlugin;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * Rejects every node but the one named in {@code spec.nodeName}, if the pod names one (upstream's
 * {@code NodeName}). Registers upstream's hint-enabled event, Node/Add without a hint: Berth always
 * runs with queueing hints, so node updates (which never change this verdict) are not registered.
 */
public final class NodeName implements FilterPlugin, EnqueueExtensions {

    public static final String NAME = "NodeName";

    static final String ERR_REASON = "node(s) didn't match the requested node name";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
        return fits(pod, nodeInfo) ? Status.SUCCESS : Status.unresolvable(ERR_REASON);
    }

    /** True if the pod names no node or names this one (upstream's {@code nodename.Fits}). */
    public static boolean fits(Pod pod, NodeInfo nodeInfo) {
        String wanted = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return wanted == null || wanted.isEmpty() || wanted.equals(nodeInfo.nodeName());
    }

    @Override
    public List<ClusterEventWithHint> eventsToRegister() {
        return List.of(ClusterEventWithHint.of(ClusterEvent.of(ClusterEvent.NODE, ActionType.ADD)));
    }

    /** Registers {@link NodeName}; it takes no args. */
    public static final class Factory extends BasePluginFactory {
        public Factory() {
            super(NAME, (args, handle) -> new NodeName());
        }
    }
}
