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
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deleting a namespace, as kube-apiserver and its namespace controller do it together: the namespace turns
 * Terminating (no new content is accepted), everything in it is deleted, and the namespace goes once it is empty.
 * Content held by finalizers keeps the namespace Terminating; deleting the namespace again finishes the job once
 * the finalizers are gone (there is no controller retrying on its own).
 */
final class NamespaceTermination {
    private static final int ATTEMPTS = 16;

    private final ObjectStore store;
    private final ResourceType namespaces;
    private final List<ResourceType> namespaced;
    private final GuaranteedUpdate updates;
    private final Clock clock;

    NamespaceTermination(ObjectStore store, ResourceCatalog catalog, GuaranteedUpdate updates, Clock clock) {
        this.store = store;
        this.namespaces = catalog.find("", "v1", "namespaces")
                .orElseThrow(() -> new IllegalArgumentException("the catalog serves no core/v1 namespaces"));
        this.namespaced = catalog.all().stream().filter(ResourceType::namespaced).toList();
        this.updates = updates;
        this.clock = clock;
    }

    boolean handles(ResourceType type) {
        return type.equals(namespaces);
    }

    Deletion terminate(String name, DeleteOptions options, ObjectDeleter deleter) {
        StoredObject marked = updates.run(namespaces, "", name, current -> terminating(name, current, options));
        boolean empty = true;
        for (ResourceType type : namespaced) {
            for (StoredObject object : contents(type, name)) {
                empty &= deleteContent(type, name, Json.name(object.object()), deleter);
            }
        }
        return empty ? remove(name) : new Deletion(marked, false);
    }

    /** What {@link #terminate} would answer first, without writing ({@code dryRun=All}): the namespace Terminating. */
    Deletion preview(String name, DeleteOptions options) {
        return new Deletion(updates.preview(namespaces, "", name, current -> terminating(name, current, options)), false);
    }

    /** The namespace marked for deletion and Terminating, once {@code options}' preconditions hold. */
    private ObjectNode terminating(String name, StoredObject current, DeleteOptions options) {
        options.check(namespaces, name, current);
        ObjectNode namespace = current.object().deepCopy();
        ObjectNode metadata = Json.metadata(namespace);
        if (!metadata.has("deletionTimestamp")) {
            metadata.put("deletionTimestamp", Json.timestamp(clock.instant()));
            metadata.put("deletionGracePeriodSeconds", 0);
        }
        namespace.withObjectProperty("status").put("phase", "Terminating");
        return namespace;
    }

    /** Deletes one object at once (no grace period); false when finalizers keep it. */
    private static boolean deleteContent(ResourceType type, String namespace, String name, ObjectDeleter deleter) {
        try {
            return deleter.delete(type, namespace, name, DeleteOptions.DEFAULTS.withGrace(0)).removed();
        } catch (ApiException e) {
            if (e.code() == 404) {
                return true;
            }
            throw e;
        }
    }

    private List<StoredObject> contents(ResourceType type, String namespace) {
        String prefix = RegistryKeys.prefix(type, namespace);
        return store.range(prefix, ObjectStore.prefixEnd(prefix), 0, 0, ObjectReader.LIST_TOO_OLD).items();
    }

    private Deletion remove(String name) {
        String key = RegistryKeys.key(namespaces, "", name);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            StoredObject current = store.get(key).orElseThrow(() -> ApiException.notFound(namespaces, name));
            WriteOutcome outcome = store.delete(key, current.modRevision());
            if (outcome instanceof WriteOutcome.Done done) {
                return new Deletion(done.object(), true);
            }
            if (outcome instanceof WriteOutcome.Missing) {
                throw ApiException.notFound(namespaces, name);
            }
        }
        throw ApiException.modified(namespaces, name);
    }
}
