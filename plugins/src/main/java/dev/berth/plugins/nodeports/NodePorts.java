package dev.berth.plugins.nodeports;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.BasePluginFactory;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.EnqueueExtensions;
import dev.berth.framework.api.FilterPlugin;
import dev.berth.framework.api.HostPortInfo;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PreFilterPlugin;
import dev.berth.framework.api.PreFilterResult;
import dev.berth.framework.api.QueueingHint;
import dev.berth.framework.api.StateKey;
import dev.berth.framework.api.Status;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;

/**
 * Rejects nodes where one of the pod's host ports is already taken (upstream's {@code NodePorts}).
 * PreFilter collects the pod's host ports (containers and restartable init containers, as upstream's
 * {@code GetHostPorts}) and skips pods without any; Filter checks them against
 * {@link NodeInfo#usedPorts()}. The rejection is Unschedulable: preempting the port holder helps.
 *
 * <p>Registers upstream's hint-enabled events (Berth always runs with queueing hints): the deletion
 * of an assigned pod (Berth's {@link ClusterEvent#ASSIGNED_POD}; upstream registers Pod/Delete, which
 * only matters for assigned or nominated pods) with upstream's port-overlap hint, and Node/Add.
 */
public final class NodePorts implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {

    public static final String NAME = "NodePorts";

    static final String ERR_REASON = "node(s) didn't have free ports for the requested pod ports";

    /** One wanted host port. */
    record HostPort(String hostIP, String protocol, int port) {
    }

    /** The pod's host ports; independent of other pods, so copies share it. */
    record PreFilterState(List<HostPort> ports) implements CycleState.StateData {
        @Override
        public CycleState.StateData copy() {
            return this;
        }
    }

    static final StateKey<PreFilterState> PRE_FILTER_KEY = StateKey.of("PreFilter" + NAME, PreFilterState.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
        List<HostPort> ports = hostPorts(pod);
        if (ports.isEmpty()) {
            return PreFilterResult.of(Status.skip());
        }
        state.write(PRE_FILTER_KEY, new PreFilterState(ports));
        return PreFilterResult.allNodes();
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
        return fits(state.require(PRE_FILTER_KEY).ports(), nodeInfo.usedPorts()) ? Status.SUCCESS : Status.unschedulable(ERR_REASON);
    }

    /** True if none of the pod's host ports is taken on the node (upstream's {@code nodeports.Fits}). */
    public static boolean fits(Pod pod, NodeInfo nodeInfo) {
        return fits(hostPorts(pod), nodeInfo.usedPorts());
    }

    private static boolean fits(List<HostPort> wanted, HostPortInfo inUse) {
        for (HostPort p : wanted) {
            if (inUse.conflicts(p.hostIP(), p.protocol(), p.port())) {
                return false;
            }
        }
        return true;
    }

    /** Host ports of the containers and of the init containers that run for the pod's whole life (sidecars). */
    static List<HostPort> hostPorts(Pod pod) {
        List<HostPort> out = new ArrayList<>();
        if (pod.getSpec() == null) {
            return out;
        }
        if (pod.getSpec().getInitContainers() != null) {
            for (Container c : pod.getSpec().getInitContainers()) {
                if ("Always".equals(c.getRestartPolicy())) {
                    addHostPorts(c, out);
                }
            }
        }
        if (pod.getSpec().getContainers() != null) {
            for (Container c : pod.getSpec().getContainers()) {
                addHostPorts(c, out);
            }
        }
        return out;
    }

    private static void addHostPorts(Container c, List<HostPort> out) {
        if (c.getPorts() == null) {
            return;
        }
        for (ContainerPort p : c.getPorts()) {
            if (p.getHostPort() != null && p.getHostPort() > 0) {
                out.add(new HostPort(p.getHostIP(), p.getProtocol(), p.getHostPort()));
            }
        }
    }

    @Override
    public List<ClusterEventWithHint> eventsToRegister() {
        return List.of(
                new ClusterEventWithHint(ClusterEvent.of(ClusterEvent.ASSIGNED_POD, ActionType.DELETE), NodePorts::afterPodDeleted),
                ClusterEventWithHint.of(ClusterEvent.of(ClusterEvent.NODE, ActionType.ADD)));
    }

    /** Queue only when the deleted pod was placed (or nominated) and held a port this pod wants. */
    static QueueingHint afterPodDeleted(Pod pod, Object oldObj, Object newObj) {
        if (!(oldObj instanceof Pod deleted)) {
            return QueueingHint.QUEUE;
        }
        String nodeName = deleted.getSpec() == null ? null : deleted.getSpec().getNodeName();
        String nominated = deleted.getStatus() == null ? null : deleted.getStatus().getNominatedNodeName();
        if (isEmpty(nodeName) && isEmpty(nominated)) {
            return QueueingHint.QUEUE_SKIP;
        }
        List<HostPort> released = hostPorts(deleted);
        if (released.isEmpty()) {
            return QueueingHint.QUEUE_SKIP;
        }
        HostPortInfo portsInUse = new HostPortInfo();
        released.forEach(p -> portsInUse.add(p.hostIP(), p.protocol(), p.port()));
        return fits(hostPorts(pod), portsInUse) ? QueueingHint.QUEUE_SKIP : QueueingHint.QUEUE;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    /** Registers {@link NodePorts}; it takes no args. */
    public static final class Factory extends BasePluginFactory {
        public Factory() {
            super(NAME, (args, handle) -> new NodePorts());
        }
    }
}
