package dev.berth.framework.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.ArrayList;
import java.util.List;

/**
 * The status change the scheduler makes to a pod (a PodScheduled condition, a nominated node), as every cluster
 * adapter applies it: a condition replaces the one of its type, {@code ""} clears the nominated node.
 */
public final class PodStatusChange {

    private PodStatusChange() {
    }

    /** {@code pod} with {@code condition} set unless null and {@code status.nominatedNodeName} set unless null. */
    public static Pod applied(Pod pod, PodCondition condition, String nominatedNodeName) {
        PodBuilder b = new PodBuilder(pod);
        var status = b.editOrNewStatus();
        if (condition != null) {
            List<PodCondition> conditions = new ArrayList<>();
            if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
                for (PodCondition c : pod.getStatus().getConditions()) {
                    if (!c.getType().equals(condition.getType())) {
                        conditions.add(c);
                    }
                }
            }
            conditions.add(condition);
            status.withConditions(conditions);
        }
        if (nominatedNodeName != null) {
            status.withNominatedNodeName(nominatedNodeName.isEmpty() ? null : nominatedNodeName);
        }
        return status.endStatus().build();
    }
}
