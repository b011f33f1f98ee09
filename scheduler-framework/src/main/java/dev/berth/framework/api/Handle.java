package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * The scheduler's services, given to each plugin at creation (upstream's {@code framework.Handle}).
 * One handle per profile.
 */
public interface Handle {

    /** The profile's scheduler name. */
    String profileName();

    /** The node snapshot of the current scheduling cycle: consistent for the whole cycle. */
    NodeInfoLister snapshot();

    /** The cluster: objects by type, watches, binding, status and events. */
    ClusterClient clusterClient();

    /** The pods this profile holds at Permit. */
    WaitingPods waitingPods();

    /** Records Kubernetes events about objects. */
    EventRecorder eventRecorder();

    /** Runs work in parallel on the scheduler's worker pool (size {@code parallelism}). */
    Parallelizer parallelizer();

    /** Pods nominated (by preemption) to run on {@code nodeName}, highest priority first. */
    List<PodInfo> nominatedPodsForNode(String nodeName);

    /**
     * Runs this profile's Filter plugins for {@code pod} on {@code nodeInfo} as the scheduler does,
     * counting nominated pods of equal or higher priority as already running there.
     */
    Status runFilterPluginsWithNominatedPods(CycleState state, Pod pod, NodeInfo nodeInfo);

    /** Runs every PreFilter plugin's {@link PreFilterPlugin.PreFilterExtensions#addPod}. */
    Status runPreFilterExtensionAddPod(CycleState state, Pod podToSchedule, PodInfo podToAdd, NodeInfo nodeInfo);

    /** Runs every PreFilter plugin's {@link PreFilterPlugin.PreFilterExtensions#removePod}. */
    Status runPreFilterExtensionRemovePod(CycleState state, Pod podToSchedule, PodInfo podToRemove, NodeInfo nodeInfo);
}
