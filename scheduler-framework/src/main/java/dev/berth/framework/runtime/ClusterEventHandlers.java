package dev.berth.framework.runtime;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.ClusterClient;
import dev.berth.framework.api.ClusterException;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterWatcher;
import dev.berth.framework.cache.SchedulerCache;
import dev.berth.framework.queue.SchedulingQueue;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds cluster changes into the scheduler (upstream's {@code eventhandlers.go}): nodes and assigned
 * pods into the cache, pending pods of our profiles into the queue, and every change as a
 * {@link ClusterEvent} that may move unschedulable pods back.
 */
final class ClusterEventHandlers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterEventHandlers.class);

    private final ClusterClient cluster;
    private final SchedulerCache cache;
    private final SchedulingQueue queue;
    private final Map<String, Framework> frameworks;
    private final Consumer<Pod> rejectWaitingPod;
    private final List<ClusterClient.Watch> watches = new ArrayList<>();

    ClusterEventHandlers(ClusterClient cluster, SchedulerCache cache, SchedulingQueue queue, Map<String, Framework> frameworks,
                         Consumer<Pod> rejectWaitingPod) {
        this.cluster = cluster;
        this.cache = cache;
        this.queue = queue;
        this.frameworks = frameworks;
        this.rejectWaitingPod = rejectWaitingPod;
    }

    void start() {
        watches.add(cluster.watch(Node.class, new NodeHandler()));
        watches.add(cluster.watch(Pod.class, new PodHandler()));
        watchForEvents(PersistentVolume.class, ClusterEvent.PERSISTENT_VOLUME);
        watchForEvents(PersistentVolumeClaim.class, ClusterEvent.PERSISTENT_VOLUME_CLAIM);
        watchForEvents(StorageClass.class, ClusterEvent.STORAGE_CLASS);
        watchForEvents(CSINode.class, ClusterEvent.CSI_NODE);
        watchForEvents(Namespace.class, ClusterEvent.NAMESPACE);
        Map<String, Class<? extends HasMetadata>> customKinds = new LinkedHashMap<>();
        frameworks.values().forEach(fwk -> customKinds.putAll(fwk.customResourceKinds()));
        customKinds.forEach(this::watchCustomKind);
    }

    /** A custom kind whose resource the cluster lacks (CRD not installed) leaves its events undelivered, not the scheduler down. */
    private void watchCustomKind(String resource, Class<? extends HasMetadata> type) {
        try {
            watchForEvents(type, resource);
        } catch (ClusterException e) {
            LOG.warn("cannot watch {}: its events will not retry pending pods: {}", resource, e.getMessage());
        }
    }

    /** Objects the scheduler does not cache itself but whose changes may help pending pods. */
    private <T extends HasMetadata> void watchForEvents(Class<T> type, String resource) {
        watches.add(cluster.watch(type, new ClusterWatcher<>() {
            @Override
            public void onAdd(T obj) {
                queue.moveAllToActiveOrBackoffQueue(ClusterEvent.of(resource, ActionType.ADD), null, obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                queue.moveAllToActiveOrBackoffQueue(ClusterEvent.of(resource, ActionType.UPDATE_OTHER), oldObj, newObj);
            }

            @Override
            public void onDelete(T obj) {
                queue.moveAllToActiveOrBackoffQueue(ClusterEvent.of(resource, ActionType.DELETE), obj, null);
            }
        }));
    }

    private final class NodeHandler implements ClusterWatcher<Node> {
        @Override
        public void onAdd(Node node) {
            cache.addNode(node);
            queue.moveAllToActiveOrBackoffQueue(ClusterEvent.of(ClusterEvent.NODE, ActionType.ADD), null, node);
        }

        @Override
        public void onUpdate(Node oldNode, Node newNode) {
            cache.updateNode(oldNode, newNode);
            Set<ActionType> changes = NodeChanges.of(oldNode, newNode);
            if (!changes.isEmpty()) {
                queue.moveAllToActiveOrBackoffQueue(ClusterEvent.of(ClusterEvent.NODE, changes), oldNode, newNode);
            }
        }

        @Override
        public void onDelete(Node node) {
            cache.removeNode(node);
            queue.moveAllToActiveOrBackoffQueue(ClusterEvent.of(ClusterEvent.NODE, ActionType.DELETE), node, null);
        }
    }

    private static boolean assigned(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
    }

    /** Succeeded and Failed pods hold no resources; the cache drops them as upstream does. */
    private static boolean terminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private boolean responsibleFor(Pod pod) {
        String name = pod.getSpec() == null ? null : pod.getSpec().getSchedulerName();
        return frameworks.containsKey(name == null || name.isEmpty() ? "default-scheduler" : name);
    }

    private final class PodHandler implements ClusterWatcher<Pod> {
        @Override
        public void onAdd(Pod pod) {
            if (assigned(pod)) {
                if (!terminal(pod)) {
                    cache.addPod(pod);
                    queue.moveAllToActiveOrBackoffQueue(ClusterEvent.of(ClusterEvent.ASSIGNED_POD, ActionType.ADD), null, pod);
                }
            } else if (responsibleFor(pod)) {
                queue.add(pod);
            }
        }

        @Override
        public void onUpdate(Pod oldPod, Pod newPod) {
            boolean wasAssigned = assigned(oldPod);
            if (!wasAssigned && assigned(newPod)) {
                queue.delete(oldPod);
                onAdd(newPod);
                return;
            }
            if (wasAssigned) {
                if (terminal(newPod)) {
                    onDelete(oldPod);
                    return;
                }
                cache.updatePod(oldPod, newPod);
                queue.moveAllToActiveOrBackoffQueue(ClusterEvent.of(ClusterEvent.ASSIGNED_POD, PodChanges.of(oldPod, newPod)), oldPod, newPod);
            } else if (responsibleFor(newPod) && !cache.isAssumedPod(newPod)) {
                // An assumed pod is past its scheduling cycle; re-queueing it would schedule it twice.
                queue.update(oldPod, newPod);
            }
        }

        @Override
        public void onDelete(Pod pod) {
            if (assigned(pod)) {
                cache.removePod(pod);
                queue.moveAllToActiveOrBackoffQueue(ClusterEvent.of(ClusterEvent.ASSIGNED_POD, ActionType.DELETE), pod, null);
            } else {
                queue.delete(pod);
                rejectWaitingPod.accept(pod);
            }
        }
    }

    @Override
    public void close() {
        watches.forEach(ClusterClient.Watch::close);
        watches.clear();
    }
}
