package dev.berth.framework.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * What happened to an object in a {@link ClusterEvent} (upstream's {@code ActionType}). The
 * {@code UPDATE_*} values narrow an update down to the field that changed, so plugins can register
 * for exactly what might make a pod schedulable.
 */
public enum ActionType {
    ADD,
    DELETE,
    UPDATE_NODE_ALLOCATABLE,
    UPDATE_NODE_LABEL,
    UPDATE_NODE_TAINT,
    UPDATE_NODE_CONDITION,
    UPDATE_NODE_ANNOTATION,
    UPDATE_POD_LABEL,
    UPDATE_POD_SCALE_DOWN,
    UPDATE_POD_TOLERATIONS,
    UPDATE_POD_SCHEDULING_GATES_ELIMINATED,
    /** Any other update. */
    UPDATE_OTHER;

    /** Every kind of update. */
    public static final Set<ActionType> UPDATE = EnumSet.range(UPDATE_NODE_ALLOCATABLE, UPDATE_OTHER);

    /** Everything. */
    public static final Set<ActionType> ALL = EnumSet.allOf(ActionType.class);
}
