package dev.berth.framework.runtime;

import dev.berth.framework.api.NodeToStatus;
import dev.berth.framework.api.Status;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Why no node fit a pod in one attempt (upstream's {@code framework.Diagnosis}): each evaluated node's
 * status, the status of nodes a PreFilter result excluded, and the plugins that rejected the pod — the
 * plugins whose registered events can bring it back.
 */
public record Diagnosis(Map<String, Status> nodeStatuses, Status absentNodesStatus, int absentNodes,
                        Set<String> unschedulablePlugins, Set<String> pendingPlugins,
                        String preFilterMessage, String postFilterMessage) {

    public Diagnosis {
        nodeStatuses = Map.copyOf(nodeStatuses);
        unschedulablePlugins = Set.copyOf(unschedulablePlugins);
        pendingPlugins = Set.copyOf(pendingPlugins);
    }

    /** A diagnosis collected from node statuses: their rejecting plugins become the unschedulable plugins. */
    public static Diagnosis fromNodeStatuses(Map<String, Status> nodeStatuses, Status absentNodesStatus, int absentNodes) {
        Set<String> unschedulable = new LinkedHashSet<>();
        Set<String> pending = new LinkedHashSet<>();
        for (Status s : nodeStatuses.values()) {
            addPlugin(s, unschedulable, pending);
        }
        if (absentNodes > 0) {
            addPlugin(absentNodesStatus, unschedulable, pending);
        }
        return new Diagnosis(nodeStatuses, absentNodesStatus, absentNodes, unschedulable, pending, "", "");
    }

    /** PreFilter rejected the pod outright: every node shares its status. */
    public static Diagnosis fromPreFilter(Status status, int nodes) {
        Set<String> unschedulable = new LinkedHashSet<>();
        Set<String> pending = new LinkedHashSet<>();
        addPlugin(status, unschedulable, pending);
        return new Diagnosis(Map.of(), status, nodes, unschedulable, pending, status.message(), "");
    }

    private static void addPlugin(Status s, Set<String> unschedulable, Set<String> pending) {
        if (s.plugin() == null) {
            return;
        }
        if (s.code() == Status.Code.PENDING) {
            pending.add(s.plugin());
        } else {
            unschedulable.add(s.plugin());
        }
    }

    /** The same diagnosis with PostFilter's message (e.g. preemption's reasons) attached. */
    public Diagnosis withPostFilterMessage(String message) {
        return new Diagnosis(nodeStatuses, absentNodesStatus, absentNodes, unschedulablePlugins, pendingPlugins,
                preFilterMessage, message);
    }

    /** The statuses in the form PostFilter plugins receive. */
    public NodeToStatus toNodeToStatus() {
        return new NodeToStatus(nodeStatuses, absentNodesStatus);
    }
}
