package dev.berth.framework.api;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Why each node was rejected in one scheduling attempt (upstream's {@code NodeToStatus}). Nodes not
 * in the map were not evaluated at all (excluded by a PreFilter result) and report
 * {@link #absentNodesStatus()}.
 */
public final class NodeToStatus {

    private final Map<String, Status> statuses;
    private final Status absentNodesStatus;

    public NodeToStatus(Map<String, Status> statuses, Status absentNodesStatus) {
        this.statuses = Collections.unmodifiableMap(new HashMap<>(statuses));
        this.absentNodesStatus = absentNodesStatus;
    }

    /** The status of {@code nodeName}: its own, or {@link #absentNodesStatus()} if it was not evaluated. */
    public Status get(String nodeName) {
        return statuses.getOrDefault(nodeName, absentNodesStatus);
    }

    /** The status of nodes that were not evaluated. */
    public Status absentNodesStatus() {
        return absentNodesStatus;
    }

    /** The evaluated nodes and their statuses. */
    public Map<String, Status> statuses() {
        return statuses;
    }
}
