package dev.berth.framework.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * A change in the cluster that may make pending pods schedulable (upstream's {@code ClusterEvent}).
 * {@code resource} is the kind of object ({@link #POD}, {@link #NODE}, ..., or a custom kind such as
 * {@code PodGroup}); {@link #WILDCARD} matches every kind.
 */
public record ClusterEvent(String resource, Set<ActionType> actions, String label) {

    public static final String POD = "Pod";
    /** A pod that is (or was) assigned to a node, as opposed to a pending one. */
    public static final String ASSIGNED_POD = "AssignedPod";
    public static final String NODE = "Node";
    public static final String PERSISTENT_VOLUME = "PersistentVolume";
    public static final String PERSISTENT_VOLUME_CLAIM = "PersistentVolumeClaim";
    public static final String STORAGE_CLASS = "StorageClass";
    public static final String CSI_NODE = "CSINode";
    public static final String NAMESPACE = "Namespace";
    public static final String WILDCARD = "*";

    /** The event the queue uses when it flushes pods that waited too long. */
    public static final ClusterEvent UNSCHEDULABLE_TIMEOUT = new ClusterEvent(WILDCARD, ActionType.ALL, "UnschedulableTimeout");

    public ClusterEvent {
        actions = Set.copyOf(actions.isEmpty() ? EnumSet.noneOf(ActionType.class) : EnumSet.copyOf(actions));
    }

    /** An event of one resource and one or more actions, labelled "resource/actions". */
    public static ClusterEvent of(String resource, ActionType first, ActionType... rest) {
        EnumSet<ActionType> set = EnumSet.of(first, rest);
        return new ClusterEvent(resource, set, resource + set);
    }

    /** An event of one resource and a set of actions. */
    public static ClusterEvent of(String resource, Set<ActionType> actions) {
        return new ClusterEvent(resource, actions, resource + actions);
    }

    /**
     * True if this event (a registration) covers {@code happened}: same resource or a wildcard, and
     * at least one shared action. A {@link #POD} registration also covers {@link #ASSIGNED_POD}
     * events, as upstream's Pod covers assigned and unscheduled pods.
     */
    public boolean matches(ClusterEvent happened) {
        boolean resourceMatches = resource.equals(WILDCARD) || happened.resource.equals(WILDCARD)
                || resource.equals(happened.resource)
                || (resource.equals(POD) && happened.resource.equals(ASSIGNED_POD));
        if (!resourceMatches) {
            return false;
        }
        for (ActionType action : happened.actions) {
            if (actions.contains(action)) {
                return true;
            }
        }
        return false;
    }
}
