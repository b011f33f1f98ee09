package dev.berth.framework.simulate;

import dev.berth.framework.api.ClusterWatcher;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;

/** Records the pods deleted from the cluster: how the simulator learns which victims preemption evicted. */
final class PodDeletions implements ClusterWatcher<Pod> {

    private final List<String> deleted = new ArrayList<>();

    @Override
    public void onAdd(Pod pod) {
        // Only deletions matter.
    }

    @Override
    public void onUpdate(Pod oldPod, Pod newPod) {
        // Only deletions matter.
    }

    @Override
    public void onDelete(Pod pod) {
        deleted.add(SimulatedPods.key(pod));
    }

    /** The keys of the pods deleted since the last call, in deletion order. */
    List<String> drain() {
        List<String> out = List.copyOf(deleted);
        deleted.clear();
        return out;
    }
}
