package dev.berth.plugins.schedulinggates;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.BasePluginFactory;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.EnqueueExtensions;
import dev.berth.framework.api.PreEnqueuePlugin;
import dev.berth.framework.api.QueueingHint;
import dev.berth.framework.api.Status;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import java.util.List;

/**
 * Keeps a pod out of the active queue while it carries {@code spec.schedulingGates} (upstream's
 * {@code SchedulingGates}). The pod is re-checked when its gates are removed.
 *
 * <p>Berth always runs with queueing hints, so the plugin registers upstream's hint-enabled event
 * (Pod/UpdatePodSchedulingGatesEliminated), not the empty list upstream uses without hints.
 */
public final class SchedulingGates implements PreEnqueuePlugin, EnqueueExtensions {

    public static final String NAME = "SchedulingGates";

    /** Upstream prints the gate names as a Go slice: {@code waiting for scheduling gates: [a b]}. */
    static final String REASON_PREFIX = "waiting for scheduling gates: ";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preEnqueue(Pod pod) {
        List<PodSchedulingGate> gates = pod.getSpec() == null ? null : pod.getSpec().getSchedulingGates();
        if (gates == null || gates.isEmpty()) {
            return Status.SUCCESS;
        }
        StringBuilder reason = new StringBuilder(REASON_PREFIX).append('[');
        for (int i = 0; i < gates.size(); i++) {
            if (i > 0) {
                reason.append(' ');
            }
            reason.append(gates.get(i).getName());
        }
        return Status.unresolvable(reason.append(']').toString());
    }

    /** The pod's own gate removal always deserves a retry, as upstream's hint says. */
    @Override
    public List<ClusterEventWithHint> eventsToRegister() {
        return List.of(new ClusterEventWithHint(
                ClusterEvent.of(ClusterEvent.POD, ActionType.UPDATE_POD_SCHEDULING_GATES_ELIMINATED),
                (pod, oldObj, newObj) -> QueueingHint.QUEUE));
    }

    /** Registers {@link SchedulingGates}; it takes no args. */
    public static final class Factory extends BasePluginFactory {
        public Factory() {
            super(NAME, (args, handle) -> new SchedulingGates());
        }
    }
}
