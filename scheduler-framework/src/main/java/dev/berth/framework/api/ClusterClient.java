package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.List;
import java.util.Optional;

/**
 * The scheduler's only door to a cluster (the framework's port). Reads come from a local cache
 * (informer-style) and are cheap; writes go to the cluster and may block, so call them from the
 * binding cycle (PreBind, Bind, PostBind) or PostFilter, never from Filter or Score.
 *
 * <p>Implementations: an in-memory cluster for tests and simulation, and a fabric8 adapter that
 * works against kind, a real cluster, or Berth's own API shim.
 */
public interface ClusterClient {

    /** A watch registration; closing it stops delivery. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /** Every cached object of {@code type} (e.g. {@code Node.class}, {@code PersistentVolume.class}). */
    <T extends HasMetadata> List<T> list(Class<T> type);

    /** One cached object; {@code namespace} is ignored for cluster-scoped kinds. */
    <T extends HasMetadata> Optional<T> get(Class<T> type, String namespace, String name);

    /** Delivers an add for every existing object of {@code type}, then every change, until closed. */
    <T extends HasMetadata> Watch watch(Class<T> type, ClusterWatcher<T> watcher);

    /**
     * Binds {@code pod} to {@code nodeName} (pods/binding).
     *
     * @throws ClusterException CONFLICT if already bound, NOT_FOUND if the pod is gone
     */
    void bind(Pod pod, String nodeName);

    /**
     * Updates a pod's status: sets {@code condition} unless it is {@code null}, and sets
     * {@code status.nominatedNodeName} unless {@code nominatedNodeName} is {@code null} ({@code ""} clears it).
     */
    void updatePodStatus(Pod pod, PodCondition condition, String nominatedNodeName);

    /**
     * Replaces an object with {@code obj} (e.g. a PersistentVolume's claimRef in VolumeBinding's PreBind).
     *
     * @return the stored object
     * @throws ClusterException NOT_FOUND if it does not exist, CONFLICT if it changed meanwhile
     */
    <T extends HasMetadata> T update(T obj);

    /** Deletes a pod (preemption victims). */
    void deletePod(Pod pod);

    /** Emits an event; best effort, never throws. */
    void recordEvent(EventRecord event);
}
