package dev.berth.framework.api;

import java.util.Collections;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a PreFilter plugin returns: its status and, optionally, the only nodes worth filtering
 * (upstream's {@code PreFilterResult.NodeNames}). Results of several plugins are intersected.
 */
public final class PreFilterResult {

    private static final PreFilterResult ALL_NODES = new PreFilterResult(Status.SUCCESS, null);

    private final Status status;
    private final Set<String> nodeNames;

    private PreFilterResult(Status status, Set<String> nodeNames) {
        this.status = status;
        this.nodeNames = nodeNames;
    }

    /** Success, every node may be filtered. */
    public static PreFilterResult allNodes() {
        return ALL_NODES;
    }

    /** The given status with no node restriction (use for Skip, rejections and errors). */
    public static PreFilterResult of(Status status) {
        return status.isSuccess() ? ALL_NODES : new PreFilterResult(status, null);
    }

    /** Success, but only these nodes can possibly fit. An empty set rejects every node. */
    public static PreFilterResult onlyNodes(Set<String> nodeNames) {
        return new PreFilterResult(Status.SUCCESS, Collections.unmodifiableSet(new HashSet<>(nodeNames)));
    }

    public Status status() {
        return status;
    }

    /** The nodes to consider, or empty when all nodes are eligible. */
    public Optional<Set<String>> nodeNames() {
        return Optional.ofNullable(nodeNames);
    }

    /** The intersection of two results' node sets; used by the framework to combine plugins. */
    public PreFilterResult merge(PreFilterResult other) {
        if (other.nodeNames == null) {
            return this;
        }
        if (nodeNames == null) {
            return other;
        }
        Set<String> both = new HashSet<>(nodeNames);
        both.retainAll(other.nodeNames);
        return onlyNodes(both);
    }
}
