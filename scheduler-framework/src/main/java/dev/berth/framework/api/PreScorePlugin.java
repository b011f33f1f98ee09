package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * Runs once per attempt before Score (upstream's PreScore), over the nodes that passed Filter.
 * Return {@link Status#skip()} to skip this plugin's Score for the pod.
 */
public interface PreScorePlugin extends Plugin {

    Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes);
}
