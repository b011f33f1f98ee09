package dev.berth.shim.rest;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.json.Json;
import dev.berth.shim.resource.ResourceCatalog;
import dev.berth.shim.resource.ResourceType;
import dev.berth.shim.storage.ObjectStore;
import dev.berth.shim.storage.RegistryKeys;
import dev.berth.shim.storage.StoredObject;
import dev.berth.shim.storage.WriteOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * delete and deletecollection with kube-apiserver's two-phase rules. A bound pod is deleted gracefully: it gets a
 * deletionTimestamp and deletionGracePeriodSeconds, and when the grace period ends the shim removes it, acting for
 * the kubelet there is none of. An object with finalizers is only marked; it goes when the last finalizer is
 * removed. A namespace goes with its content ({@link NamespaceTermination}). Everything else goes at once.
 */
public final class ObjectDeleter {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectDeleter.class);
    private static final int ATTEMPTS = 16;
    private static final long DEFAULT_POD_GRACE = 30;

    private final ObjectStore store;
    private final Namespaces namespaces;
    private final NamespaceTermination namespaceTermination;
    private final GraceTimer timer;
    private final Clock clock;

    public ObjectDeleter(ObjectStore store, ResourceCatalog catalog, Namespaces namespaces, GuaranteedUpdate updates,
                         GraceTimer timer, Clock clock) {
        this.store = store;
        this.namespaces = namespaces;
        this.namespaceTermination = new NamespaceTermination(store, catalog, updates, clock);
        this.timer = timer;
        this.clock = clock;
    }

    public Deletion delete(ResourceType type, String namespace, String name, DeleteOptions options) {
        namespaces.requireDeletable(type, name);
        if (namespaceTermination.handles(type)) {
            return namespaceTermination.terminate(name, options, this);
        }
        String key = RegistryKeys.key(type, namespace, name);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            StoredObject current = store.get(key).orElseThrow(() -> ApiException.notFound(type, name));
            options.check(type, name, current);
            long grace = isPod(type) ? podGrace(current.object(), options) : 0;
            WriteOutcome outcome;
            if (grace > 0 || !finalizers(current.object()).isEmpty()) {
                ObjectNode marked = marked(current, grace);
                if (marked.equals(current.object())) {
                    return new Deletion(current, false);
                }
                outcome = store.update(key, marked, current.modRevision());
                if (outcome instanceof WriteOutcome.Done done) {
                    if (grace > 0) {
                        scheduleExpiry(type, done.object(), Duration.ofSeconds(grace));
                    }
                    return new Deletion(done.object(), false);
                }
            } else {
                outcome = store.delete(key, current.modRevision());
                if (outcome instanceof WriteOutcome.Done done) {
                    return new Deletion(done.object(), true);
                }
            }
            if (outcome instanceof WriteOutcome.Missing) {
                throw ApiException.notFound(type, name);
            }
        }
        throw ApiException.modified(type, name);
    }

    /**
     * What {@link #delete} would do, without doing it ({@code dryRun=All}): the same checks (namespace rules,
     * preconditions, grace period), then the object as it would be answered: marked for deletion when it would wait
     * for its grace period or finalizers, as stored when it would go at once.
     */
    public Deletion preview(ResourceType type, String namespace, String name, DeleteOptions options) {
        namespaces.requireDeletable(type, name);
        if (namespaceTermination.handles(type)) {
            return namespaceTermination.preview(name, options);
        }
        StoredObject current = store.get(RegistryKeys.key(type, namespace, name))
                .orElseThrow(() -> ApiException.notFound(type, name));
        options.check(type, name, current);
        long grace = isPod(type) ? podGrace(current.object(), options) : 0;
        if (grace > 0 || !finalizers(current.object()).isEmpty()) {
            return new Deletion(new StoredObject(current.key(), marked(current, grace), current.modRevision()), false);
        }
        return new Deletion(current, true);
    }

    /** Deletes every selected object (as {@link #delete} would one by one); the list of what was deleted or marked. */
    public ObjectNode deleteCollection(ResourceType type, String namespace, ObjectReader reader, ListOptions list,
                                       DeleteOptions options) {
        ObjectNode selected = reader.list(type, namespace, list);
        List<StoredObject> deleted = new ArrayList<>();
        for (JsonNode item : selected.path("items")) {
            try {
                deleted.add(delete(type, Json.namespace(item), Json.name(item), options).object());
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        return ObjectReader.listObject(type, ListOptions.revision(
                Json.text(selected.path("metadata").path("resourceVersion"), "0")), "", deleted);
    }

    /**
     * Removes {@code written} if it is marked for deletion, has no finalizers left and no grace period running
     * (what an update that takes away the last finalizer leads to); otherwise returns it as it is.
     */
    public StoredObject removeIfFinalized(ResourceType type, StoredObject written) {
        JsonNode metadata = written.object().path("metadata");
        boolean finished = metadata.has("deletionTimestamp") && finalizers(written.object()).isEmpty()
                && metadata.path("deletionGracePeriodSeconds").asLong(0) == 0;
        if (finished) {
            store.delete(written.key(), written.modRevision());
        }
        return written;
    }

    /** Schedules the end of every grace period already running in the store (after a restart of the shim). */
    public void resumeGracePeriods(ResourceType pods) {
        String prefix = RegistryKeys.prefix(pods, "");
        for (StoredObject pod : store.range(prefix, ObjectStore.prefixEnd(prefix), 0, 0, ObjectReader.LIST_TOO_OLD).items()) {
            String deletion = Json.text(pod.object().path("metadata").path("deletionTimestamp"), "");
            if (!deletion.isEmpty() && pod.object().path("metadata").path("deletionGracePeriodSeconds").asLong(0) > 0) {
                Duration left = Duration.between(clock.instant(), Instant.parse(deletion));
                scheduleExpiry(pods, pod, left.isNegative() ? Duration.ZERO : left);
            }
        }
    }

    private void scheduleExpiry(ResourceType type, StoredObject object, Duration delay) {
        String namespace = Json.namespace(object.object());
        String name = Json.name(object.object());
        String uid = Json.text(object.object().path("metadata").path("uid"), "");
        timer.schedule(delay, () -> expire(type, namespace, name, uid));
    }

    /** The grace period is over: delete with no grace, as the kubelet does once the containers have stopped. */
    private void expire(ResourceType type, String namespace, String name, String uid) {
        try {
            delete(type, namespace, name, new DeleteOptions(0, uid, ""));
        } catch (ApiException e) {
            // Gone already, or a new object with the same name (uid precondition): nothing of ours to finish.
            LOG.debug("grace period end of {}/{}: {}", namespace, name, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("could not finish the graceful deletion of pod {}/{}", namespace, name, e);
        }
    }

    private ObjectNode marked(StoredObject current, long grace) {
        ObjectNode marked = current.object().deepCopy();
        ObjectNode metadata = Json.metadata(marked);
        boolean deleting = metadata.has("deletionTimestamp");
        long runningGrace = metadata.path("deletionGracePeriodSeconds").asLong(Long.MAX_VALUE);
        if (!deleting || grace < runningGrace) {
            metadata.put("deletionTimestamp", Json.timestamp(clock.instant().plusSeconds(grace)));
            metadata.put("deletionGracePeriodSeconds", grace);
        }
        return marked;
    }

    /** A pod's grace period: the one asked for, else its own; none when it never ran (unbound) or has finished. */
    private static long podGrace(ObjectNode pod, DeleteOptions options) {
        String phase = Json.text(pod.path("status").path("phase"), "");
        if (Json.text(pod.path("spec").path("nodeName"), "").isEmpty()
                || phase.equals("Succeeded") || phase.equals("Failed")) {
            return 0;
        }
        if (options.gracePeriodSeconds() != DeleteOptions.DEFAULT_GRACE) {
            return options.gracePeriodSeconds();
        }
        return pod.path("spec").path("terminationGracePeriodSeconds").asLong(DEFAULT_POD_GRACE);
    }

    private static List<String> finalizers(ObjectNode object) {
        List<String> finalizers = new ArrayList<>();
        object.path("metadata").path("finalizers").forEach(f -> finalizers.add(Json.text(f, "")));
        return finalizers;
    }

    private static boolean isPod(ResourceType type) {
        return type.group().isEmpty() && type.resource().equals("pods");
    }
}
