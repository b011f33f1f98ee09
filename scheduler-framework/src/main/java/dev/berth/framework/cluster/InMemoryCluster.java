package dev.berth.framework.cluster;

import dev.berth.framework.api.ClusterClient;
import dev.berth.framework.api.ClusterException;
import dev.berth.framework.api.ClusterWatcher;
import dev.berth.framework.api.EventRecord;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cluster in memory: the {@link ClusterClient} for tests, benchmarks of the framework alone, and
 * simulation. Writes are applied under one lock and delivered to watchers synchronously, in order,
 * on the writer's thread, which makes tests deterministic.
 *
 * <p>Objects are stored as given and treated as immutable: never mutate an object after handing it
 * in or receiving it from here; build a changed copy (fabric8 builders) and {@link #update} it.
 */
public final class InMemoryCluster implements ClusterClient {

    /** How many events are kept for {@link #events()}. */
    private static final int MAX_EVENTS = 10_000;

    private final Object lock = new Object();
    private final Map<Class<?>, Map<String, HasMetadata>> objects = new HashMap<>();
    /**
     * The same objects by key, written under {@code lock} and read without it: watchers run under the lock and take
     * the scheduler's queue lock, while a QueueSort plugin (Coscheduling's) gets objects under the queue lock, so a
     * get that took this lock could deadlock with a bind.
     */
    private final Map<Class<?>, Map<String, HasMetadata>> readIndex = new ConcurrentHashMap<>();
    private final Map<Class<?>, List<ClusterWatcher<?>>> watchers = new HashMap<>();
    private final Deque<EventRecord> events = new ArrayDeque<>();
    private final List<Pod> boundPods = new CopyOnWriteArrayList<>();
    private final AtomicLong resourceVersion = new AtomicLong();

    private static String key(HasMetadata obj) {
        String ns = obj.getMetadata().getNamespace();
        return (ns == null ? "" : ns) + "/" + obj.getMetadata().getName();
    }

    private static String key(String namespace, String name) {
        return (namespace == null ? "" : namespace) + "/" + name;
    }

    /** Stores a new object (UID and resourceVersion assigned when missing) and notifies watchers. */
    public <T extends HasMetadata> T create(T obj) {
        synchronized (lock) {
            Map<String, HasMetadata> byKey = objects.computeIfAbsent(obj.getClass(), k -> new LinkedHashMap<>());
            String key = key(obj);
            if (byKey.containsKey(key)) {
                throw new ClusterException(ClusterException.Reason.CONFLICT, obj.getKind() + " " + key + " already exists");
            }
            if (obj.getMetadata().getUid() == null) {
                obj.getMetadata().setUid(UUID.randomUUID().toString());
            }
            obj.getMetadata().setResourceVersion(Long.toString(resourceVersion.incrementAndGet()));
            byKey.put(key, obj);
            index(obj.getClass()).put(key, obj);
            forEachWatcher(obj.getClass(), w -> w.onAdd(obj));
            return obj;
        }
    }

    /** Replaces an existing object and notifies watchers. */
    @Override
    public <T extends HasMetadata> T update(T obj) {
        synchronized (lock) {
            Map<String, HasMetadata> byKey = objects.get(obj.getClass());
            HasMetadata old = byKey == null ? null : byKey.get(key(obj));
            if (old == null) {
                throw new ClusterException(ClusterException.Reason.NOT_FOUND, obj.getKind() + " " + key(obj) + " not found");
            }
            if (obj.getMetadata().getUid() == null) {
                obj.getMetadata().setUid(old.getMetadata().getUid());
            }
            obj.getMetadata().setResourceVersion(Long.toString(resourceVersion.incrementAndGet()));
            byKey.put(key(obj), obj);
            index(obj.getClass()).put(key(obj), obj);
            forEachWatcher(obj.getClass(), w -> w.onUpdate(old, obj));
            return obj;
        }
    }

    /** Deletes an object by kind and name; returns whether it existed. */
    public <T extends HasMetadata> boolean delete(Class<T> type, String namespace, String name) {
        synchronized (lock) {
            Map<String, HasMetadata> byKey = objects.get(type);
            HasMetadata old = byKey == null ? null : byKey.remove(key(namespace, name));
            if (old == null) {
                return false;
            }
            index(type).remove(key(namespace, name));
            forEachWatcher(type, w -> w.onDelete(old));
            return true;
        }
    }

    /** Watchers are registered per class, so each one of {@code type} accepts objects of that class. */
    @SuppressWarnings("unchecked")
    private void forEachWatcher(Class<?> type, java.util.function.Consumer<ClusterWatcher<HasMetadata>> action) {
        for (ClusterWatcher<?> w : watchers.getOrDefault(type, List.of())) {
            action.accept((ClusterWatcher<HasMetadata>) w);
        }
    }

    @Override
    public <T extends HasMetadata> List<T> list(Class<T> type) {
        synchronized (lock) {
            List<T> out = new ArrayList<>();
            for (HasMetadata obj : objects.getOrDefault(type, Map.of()).values()) {
                out.add(type.cast(obj));
            }
            return out;
        }
    }

    private Map<String, HasMetadata> index(Class<?> type) {
        return readIndex.computeIfAbsent(type, k -> new ConcurrentHashMap<>());
    }

    @Override
    public <T extends HasMetadata> Optional<T> get(Class<T> type, String namespace, String name) {
        Map<String, HasMetadata> ofType = readIndex.getOrDefault(type, Map.of());
        HasMetadata obj = ofType.get(key(namespace, name));
        if (obj == null) {
            obj = ofType.get(key(null, name));
        }
        return Optional.ofNullable(obj).map(type::cast);
    }

    @Override
    public <T extends HasMetadata> Watch watch(Class<T> type, ClusterWatcher<T> watcher) {
        synchronized (lock) {
            for (HasMetadata obj : objects.getOrDefault(type, Map.of()).values()) {
                watcher.onAdd(type.cast(obj));
            }
            watchers.computeIfAbsent(type, k -> new CopyOnWriteArrayList<>()).add(watcher);
        }
        return () -> {
            synchronized (lock) {
                watchers.getOrDefault(type, List.of()).remove(watcher);
            }
        };
    }

    @Override
    public void bind(Pod pod, String nodeName) {
        synchronized (lock) {
            Pod current = currentPod(pod);
            if (current.getSpec() != null && current.getSpec().getNodeName() != null && !current.getSpec().getNodeName().isEmpty()) {
                throw new ClusterException(ClusterException.Reason.CONFLICT, "pod " + key(pod) + " is already assigned to node \""
                        + current.getSpec().getNodeName() + "\"");
            }
            Pod bound = new PodBuilder(current).editOrNewSpec().withNodeName(nodeName).endSpec().build();
            bound = PodStatusChange.applied(bound, new PodConditionBuilder().withType("PodScheduled").withStatus("True").build(), null);
            update(bound);
            boundPods.add(bound);
        }
    }

    @Override
    public void updatePodStatus(Pod pod, PodCondition condition, String nominatedNodeName) {
        synchronized (lock) {
            update(PodStatusChange.applied(currentPod(pod), condition, nominatedNodeName));
        }
    }

    @Override
    public void deletePod(Pod pod) {
        synchronized (lock) {
            currentPod(pod);
            delete(Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        }
    }

    private Pod currentPod(Pod pod) {
        HasMetadata found = objects.getOrDefault(Pod.class, Map.of()).get(key(pod));
        if (found == null || !Objects.equals(found.getMetadata().getUid(), pod.getMetadata().getUid())) {
            throw new ClusterException(ClusterException.Reason.NOT_FOUND, "pod " + key(pod) + " (uid " + pod.getMetadata().getUid() + ") not found");
        }
        return (Pod) found;
    }

    @Override
    public void recordEvent(EventRecord event) {
        synchronized (events) {
            events.addLast(event);
            if (events.size() > MAX_EVENTS) {
                events.removeFirst();
            }
        }
    }

    /** The most recent events (up to 10,000), oldest first. */
    public List<EventRecord> events() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    /** Every successful bind, in order: what a test checks to prove no pod was bound twice. */
    public List<Pod> boundPods() {
        return List.copyOf(boundPods);
    }
}
