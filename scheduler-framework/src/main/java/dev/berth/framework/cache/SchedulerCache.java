package dev.berth.framework.cache;

import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PodInfo;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's view of the cluster (upstream's {@code cacheImpl}): a NodeInfo per node with the pods
 * bound to it, plus the pods the scheduler assumed on a node before the API server confirmed the binding.
 *
 * <p>Pod lifecycle: the informer's {@link #addPod} adds a bound pod; the scheduler's {@link #assumePod}
 * adds one it chose a node for, {@link #finishBinding} starts that pod's expiry clock once the bind call
 * returned, and then either {@link #addPod} confirms it, {@link #forgetPod} undoes it (binding failed),
 * or {@link #cleanupExpiredAssumedPods} drops it because the informer never confirmed it.
 *
 * <p>Thread-safe: informer, scheduling and binding threads call it, and every method holds one lock.
 * Errors that mean the caller and the cache disagree throw {@link IllegalStateException} naming the pod
 * and node.
 *
 * <p>Image counts are kept exact in snapshots: when a node gains or loses an image, every other node
 * with that image gets its image states refreshed and is marked changed, so the next
 * {@link #updateSnapshot} re-copies it (upstream instead lets unchanged copies keep stale counts).
 */
public final class SchedulerCache {

    /** How long an assumed pod whose binding finished waits for the informer before it is dropped. */
    public static final Duration DEFAULT_ASSUMED_POD_TTL = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerCache.class);

    /** A pod in the cache; {@code bindingDeadline} is null until an assumed pod's binding finished. */
    private record PodState(Pod pod, Instant bindingDeadline) {
        boolean expired(Instant now) {
            return bindingDeadline != null && now.isAfter(bindingDeadline);
        }
    }

    private final Object lock = new Object();
    private final InstantSource clock;
    private final Duration assumedPodTtl;
    /** Includes NodeInfos without a node: pods of a node not seen yet, or of a deleted node. */
    private final Map<String, RecencyList.Entry> nodes = new HashMap<>();
    private final RecencyList recency = new RecencyList();
    private final NodeTree nodeTree = new NodeTree();
    private final ImageStateIndex images = new ImageStateIndex();
    private final Map<String, PodState> podStates = new HashMap<>();
    private final Set<String> assumedPods = new HashSet<>();

    /**
     * @param clock the time source for assumed-pod expiry
     * @param assumedPodTtl how long after {@link #finishBinding} an unconfirmed assumed pod is kept
     */
    public SchedulerCache(InstantSource clock, Duration assumedPodTtl) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.assumedPodTtl = Objects.requireNonNull(assumedPodTtl, "assumedPodTtl");
    }

    /** Adds a node, or replaces it if the cache already has it. */
    public void addNode(Node node) {
        synchronized (lock) {
            upsertNode(node);
        }
    }

    /**
     * Replaces a node. The cache diffs zone and images against the node it holds rather than
     * {@code oldNode}, so a missed event cannot leave stale zone or image entries behind.
     */
    public void updateNode(Node oldNode, Node newNode) {
        synchronized (lock) {
            LOG.debug("Updating node {} (resourceVersion {} -> {})", name(newNode),
                    oldNode.getMetadata().getResourceVersion(), newNode.getMetadata().getResourceVersion());
            upsertNode(newNode);
        }
    }

    /**
     * Removes a node. Its NodeInfo stays, without node, while pods still reference it: pod deletions
     * arrive on another watch and may be seen after the node's.
     *
     * @throws IllegalStateException if the cache does not have the node
     */
    public void removeNode(Node node) {
        synchronized (lock) {
            String name = name(node);
            RecencyList.Entry entry = nodes.get(name);
            if (entry == null || entry.info().node() == null) {
                throw new IllegalStateException("node " + name + " is not in the scheduler cache, so it cannot be removed");
            }
            Node previous = entry.info().node();
            entry.info().removeNode();
            dropOrMoveToHead(name, entry);
            nodeTree.remove(previous);
            images.remove(previous).forEach(this::refreshImageStates);
            LOG.debug("Removed node {}", name);
        }
    }

    /**
     * Adds a pod the informer saw bound to a node. If the scheduler had assumed it, this confirms it: it
     * is no longer assumed, and it moves to the informer's node if that differs.
     *
     * @throws IllegalStateException if the pod is not bound or the informer already added it
     */
    public void addPod(Pod pod) {
        synchronized (lock) {
            requireNodeName(pod, "added");
            String uid = uid(pod);
            PodState state = podStates.get(uid);
            if (state == null) {
                // Also the path for an assumed pod that expired before the informer confirmed it.
                placePod(PodInfo.of(pod));
                podStates.put(uid, new PodState(pod, null));
                LOG.debug("Added pod {} on node {}", key(pod), nodeName(pod));
                return;
            }
            if (!assumedPods.contains(uid)) {
                throw new IllegalStateException("pod " + key(pod) + " on node " + nodeName(pod) + " was already added to the scheduler cache");
            }
            if (!nodeName(state.pod()).equals(nodeName(pod))) {
                LOG.debug("Pod {} was assumed on node {} but bound to node {}", key(pod), nodeName(state.pod()), nodeName(pod));
            }
            replacePod(state.pod(), pod);
            assumedPods.remove(uid);
            LOG.debug("Confirmed assumed pod {} on node {}", key(pod), nodeName(pod));
        }
    }

    /**
     * Replaces a pod the informer added. The cache removes the pod it holds (by UID) rather than
     * {@code oldPod}, so its accounting always undoes exactly what it added.
     *
     * @throws IllegalStateException if the pod is not in the cache, is still assumed, or changed node
     */
    public void updatePod(Pod oldPod, Pod newPod) {
        synchronized (lock) {
            PodState state = podStates.get(uid(newPod));
            if (state == null) {
                throw new IllegalStateException("pod " + key(newPod) + " on node " + nodeName(newPod) + " is not in the scheduler cache, so it cannot be updated");
            }
            if (assumedPods.contains(uid(newPod))) {
                // An assumed pod gets its add event, which confirms it, before any update.
                throw new IllegalStateException("pod " + key(newPod) + " on node " + nodeName(newPod) + " is assumed and cannot be updated");
            }
            if (!nodeName(state.pod()).equals(nodeName(newPod))) {
                throw new IllegalStateException("pod " + key(newPod) + " is on node " + nodeName(state.pod()) + " in the scheduler cache but was updated on node " + nodeName(newPod));
            }
            LOG.debug("Updating pod {} on node {} (resourceVersion {} -> {})", key(newPod), nodeName(newPod),
                    oldPod.getMetadata().getResourceVersion(), newPod.getMetadata().getResourceVersion());
            replacePod(state.pod(), newPod);
        }
    }

    /**
     * Removes a pod, assumed or not. A pod without node name is accepted: after a missed delete event
     * the informer may hand over a last known state from before the binding.
     *
     * @throws IllegalStateException if the pod is not in the cache or is on another node
     */
    public void removePod(Pod pod) {
        synchronized (lock) {
            PodState state = podStates.get(uid(pod));
            if (state == null) {
                throw new IllegalStateException("pod " + key(pod) + " on node " + nodeName(pod) + " is not in the scheduler cache, so it cannot be removed");
            }
            if (!nodeName(pod).isEmpty() && !nodeName(pod).equals(nodeName(state.pod()))) {
                throw new IllegalStateException("pod " + key(pod) + " is on node " + nodeName(state.pod()) + " in the scheduler cache but was removed from node " + nodeName(pod));
            }
            dropPod(state.pod());
            LOG.debug("Removed pod {} from node {}", key(pod), nodeName(state.pod()));
        }
    }

    /**
     * Adds a pod the scheduler placed on {@code spec.nodeName} before the binding is confirmed, so the
     * next cycles account for it.
     *
     * @throws IllegalStateException if the pod has no node name or is already in the cache
     */
    public void assumePod(PodInfo podInfo) {
        synchronized (lock) {
            Pod pod = podInfo.pod();
            requireNodeName(pod, "assumed");
            if (podStates.containsKey(uid(pod))) {
                throw new IllegalStateException("pod " + key(pod) + " is already in the scheduler cache, so it cannot be assumed on node " + nodeName(pod));
            }
            placePod(podInfo);
            podStates.put(uid(pod), new PodState(pod, null));
            assumedPods.add(uid(pod));
            LOG.debug("Assumed pod {} on node {}", key(pod), nodeName(pod));
        }
    }

    /**
     * Starts an assumed pod's expiry clock: the bind call returned, so the informer should confirm the pod
     * within the TTL. Does nothing for a pod that is not assumed (the informer was faster).
     */
    public void finishBinding(Pod pod) {
        synchronized (lock) {
            String uid = uid(pod);
            PodState state = podStates.get(uid);
            if (state == null || !assumedPods.contains(uid)) {
                LOG.debug("Pod {} finished binding but is not assumed", key(pod));
                return;
            }
            podStates.put(uid, new PodState(state.pod(), clock.instant().plus(assumedPodTtl)));
        }
    }

    /**
     * Undoes {@link #assumePod} (binding failed or was rejected).
     *
     * @throws IllegalStateException if the pod is not assumed, or assumed on another node
     */
    public void forgetPod(Pod pod) {
        synchronized (lock) {
            PodState state = podStates.get(uid(pod));
            if (state != null && !nodeName(state.pod()).equals(nodeName(pod))) {
                throw new IllegalStateException("pod " + key(pod) + " was assumed on node " + nodeName(state.pod()) + " but is forgotten on node " + nodeName(pod));
            }
            if (state == null || !assumedPods.contains(uid(pod))) {
                throw new IllegalStateException("pod " + key(pod) + " on node " + nodeName(pod) + " is not assumed, so it cannot be forgotten");
            }
            dropPod(state.pod());
            LOG.debug("Forgot pod {} on node {}", key(pod), nodeName(pod));
        }
    }

    /** True if the pod (by UID) is assumed and not yet confirmed by the informer. */
    public boolean isAssumedPod(Pod pod) {
        synchronized (lock) {
            return assumedPods.contains(uid(pod));
        }
    }

    /** The cache's version of the pod with {@code pod}'s UID. */
    public Optional<Pod> getPod(Pod pod) {
        synchronized (lock) {
            return Optional.ofNullable(podStates.get(uid(pod))).map(PodState::pod);
        }
    }

    /**
     * Drops the assumed pods whose binding finished more than the TTL ago without the informer
     * confirming them. Pods whose binding has not finished never expire. Meant to be called periodically.
     *
     * @return the dropped pods
     */
    public List<Pod> cleanupExpiredAssumedPods() {
        synchronized (lock) {
            Instant now = clock.instant();
            List<Pod> expired = assumedPods.stream().map(podStates::get).filter(state -> state.expired(now)).map(PodState::pod).toList();
            for (Pod pod : expired) {
                dropPod(pod);
                LOG.debug("Assumed pod {} on node {} expired", key(pod), nodeName(pod));
            }
            return expired;
        }
    }

    /**
     * Brings {@code snapshot} up to date: copies only the NodeInfos changed since the snapshot's
     * generation, drops deleted nodes, and rebuilds its lists only if needed (see {@link Snapshot}).
     * Afterwards the snapshot has the same content as a fresh one.
     */
    public void updateSnapshot(Snapshot snapshot) {
        synchronized (lock) {
            List<NodeInfo> changedCopies = recency.newerThan(snapshot.generation()).stream()
                    .filter(info -> info.node() != null)
                    .map(NodeInfo::copy)
                    .toList();
            snapshot.apply(changedCopies, recency.newestGeneration().orElse(snapshot.generation()), nodeTree);
        }
    }

    /** The number of nodes in the cache (NodeInfos that only hold pods of unknown or deleted nodes excluded). */
    public int nodeCount() {
        synchronized (lock) {
            return nodeTree.size();
        }
    }

    /** The number of pods in the cache, assumed ones included. */
    public int podCount() {
        synchronized (lock) {
            return podStates.size();
        }
    }

    /** The UIDs of the pods currently assumed. */
    public Set<String> assumedPodUids() {
        synchronized (lock) {
            return Set.copyOf(assumedPods);
        }
    }

    private void upsertNode(Node node) {
        String name = name(node);
        RecencyList.Entry entry = nodes.computeIfAbsent(name, n -> recency.addToHead(new NodeInfo()));
        Node previous = entry.info().node();
        Set<String> affected;
        if (previous == null) {
            nodeTree.add(node);
            affected = images.add(node);
        } else {
            nodeTree.update(previous, node);
            affected = images.update(previous, node);
        }
        entry.info().setNode(node);
        entry.info().setImageStates(images.summaries(node));
        recency.moveToHead(entry);
        affected.forEach(this::refreshImageStates);
        LOG.debug("Upserted node {}", name);
    }

    /** Another node's image count changed: give the node's NodeInfo fresh image states. */
    private void refreshImageStates(String nodeName) {
        RecencyList.Entry entry = nodes.get(nodeName);
        Node node = entry.info().node();
        entry.info().setImageStates(images.summaries(node));
        recency.moveToHead(entry);
    }

    private void placePod(PodInfo podInfo) {
        String nodeName = nodeName(podInfo.pod());
        RecencyList.Entry entry = nodes.computeIfAbsent(nodeName, n -> recency.addToHead(new NodeInfo()));
        entry.info().addPod(podInfo);
        recency.moveToHead(entry);
    }

    /** Takes {@code cached}'s place with {@code updated}: on its node, in the pod states, with no deadline. */
    private void replacePod(Pod cached, Pod updated) {
        removeFromNode(cached);
        placePod(PodInfo.of(updated));
        podStates.put(uid(updated), new PodState(updated, null));
    }

    private void dropPod(Pod cached) {
        removeFromNode(cached);
        podStates.remove(uid(cached));
        assumedPods.remove(uid(cached));
    }

    /** {@code cached} is the cache's own version of the pod, so its node has a NodeInfo holding it. */
    private void removeFromNode(Pod cached) {
        String nodeName = nodeName(cached);
        RecencyList.Entry entry = nodes.get(nodeName);
        if (entry == null || !entry.info().removePod(cached)) {
            throw new IllegalStateException("scheduler cache is corrupted: pod " + key(cached) + " is not on node " + nodeName);
        }
        dropOrMoveToHead(nodeName, entry);
    }

    /** A NodeInfo with neither node nor pods describes nothing any more. */
    private void dropOrMoveToHead(String nodeName, RecencyList.Entry entry) {
        if (entry.info().node() == null && entry.info().pods().isEmpty()) {
            recency.remove(entry);
            nodes.remove(nodeName);
        } else {
            recency.moveToHead(entry);
        }
    }

    private static void requireNodeName(Pod pod, String action) {
        if (nodeName(pod).isEmpty()) {
            throw new IllegalStateException("pod " + key(pod) + " has no node name, so it cannot be " + action);
        }
    }

    private static String uid(Pod pod) {
        return pod.getMetadata().getUid();
    }

    private static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private static String nodeName(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getNodeName() == null ? "" : pod.getSpec().getNodeName();
    }

    private static String name(Node node) {
        return node.getMetadata().getName();
    }
}
