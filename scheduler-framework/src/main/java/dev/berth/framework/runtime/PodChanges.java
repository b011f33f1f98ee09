package dev.berth.framework.runtime;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.Resource;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** Which parts of an assigned pod an update changed, as the action types plugins register for. */
final class PodChanges {

    private PodChanges() {
    }

    static Set<ActionType> of(Pod oldPod, Pod newPod) {
        EnumSet<ActionType> actions = EnumSet.noneOf(ActionType.class);
        if (!Objects.equals(oldPod.getMetadata().getLabels(), newPod.getMetadata().getLabels())) {
            actions.add(ActionType.UPDATE_POD_LABEL);
        }
        if (!Objects.equals(oldPod.getSpec().getTolerations(), newPod.getSpec().getTolerations())) {
            actions.add(ActionType.UPDATE_POD_TOLERATIONS);
        }
        if (scaledDown(Resource.podRequests(oldPod), Resource.podRequests(newPod))) {
            actions.add(ActionType.UPDATE_POD_SCALE_DOWN);
        }
        if (actions.isEmpty()) {
            actions.add(ActionType.UPDATE_OTHER);
        }
        return actions;
    }

    /** True if some request went down: room was freed on the node (an in-place resize). */
    private static boolean scaledDown(Resource before, Resource after) {
        if (after.milliCpu() < before.milliCpu() || after.memory() < before.memory()
                || after.ephemeralStorage() < before.ephemeralStorage()) {
            return true;
        }
        for (var e : before.scalarResources().entrySet()) {
            if (after.get(e.getKey()) < e.getValue()) {
                return true;
            }
        }
        return false;
    }
}
