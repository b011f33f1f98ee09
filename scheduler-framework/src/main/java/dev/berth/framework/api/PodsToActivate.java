package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pods a plugin wants moved to the active queue now (upstream's {@code PodsToActivate}), e.g. the
 * siblings of a gang member that reached Permit, which no cluster event would wake. The scheduler
 * puts an empty one into every attempt's {@link CycleState} under {@link #KEY} and activates what was
 * added at the end of the scheduling cycle and again after binding.
 */
public final class PodsToActivate implements CycleState.StateData {

    public static final StateKey<PodsToActivate> KEY = StateKey.of("kubernetes.io/pods-to-activate", PodsToActivate.class);

    private final Map<String, Pod> pods = new ConcurrentHashMap<>();

    /** Asks for {@code pod} to be activated; pods not waiting in the queue are ignored then. */
    public void add(Pod pod) {
        pods.put(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName(), pod);
    }

    /** The pods added so far, which are forgotten here. */
    public List<Pod> drain() {
        List<Pod> out = new ArrayList<>();
        for (String key : List.copyOf(pods.keySet())) {
            Pod pod = pods.remove(key);
            if (pod != null) {
                out.add(pod);
            }
        }
        return out;
    }

    /** Shared by the state's copies, as upstream's, so that pods added during a dry run are activated too. */
    @Override
    public CycleState.StateData copy() {
        return this;
    }
}
