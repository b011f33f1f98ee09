package dev.berth.framework.runtime;

import dev.berth.framework.api.ActionType;
import io.fabric8.kubernetes.api.model.Node;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** Which parts of a node an update changed, as the action types plugins register for. */
final class NodeChanges {

    private NodeChanges() {
    }

    static Set<ActionType> of(Node oldNode, Node newNode) {
        EnumSet<ActionType> actions = EnumSet.noneOf(ActionType.class);
        var oldStatus = oldNode.getStatus();
        var newStatus = newNode.getStatus();
        if (!Objects.equals(oldStatus == null ? null : oldStatus.getAllocatable(), newStatus == null ? null : newStatus.getAllocatable())) {
            actions.add(ActionType.UPDATE_NODE_ALLOCATABLE);
        }
        if (!Objects.equals(oldNode.getMetadata().getLabels(), newNode.getMetadata().getLabels())) {
            actions.add(ActionType.UPDATE_NODE_LABEL);
        }
        var oldSpec = oldNode.getSpec();
        var newSpec = newNode.getSpec();
        if (!Objects.equals(oldSpec == null ? null : oldSpec.getTaints(), newSpec == null ? null : newSpec.getTaints())
                || !Objects.equals(oldSpec == null ? null : oldSpec.getUnschedulable(), newSpec == null ? null : newSpec.getUnschedulable())) {
            actions.add(ActionType.UPDATE_NODE_TAINT);
        }
        if (!conditionStatuses(oldNode).equals(conditionStatuses(newNode))) {
            actions.add(ActionType.UPDATE_NODE_CONDITION);
        }
        if (!Objects.equals(oldNode.getMetadata().getAnnotations(), newNode.getMetadata().getAnnotations())) {
            actions.add(ActionType.UPDATE_NODE_ANNOTATION);
        }
        return actions;
    }

    /** Condition type to status: heartbeat and transition times change constantly and mean nothing here. */
    private static java.util.Map<String, String> conditionStatuses(Node node) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        if (node.getStatus() != null && node.getStatus().getConditions() != null) {
            node.getStatus().getConditions().forEach(c -> out.put(c.getType(), c.getStatus()));
        }
        return out;
    }
}
