package dev.berth.shim.rest;

import dev.berth.shim.admission.NewObjectMetadata;
import dev.berth.shim.admission.ObjectDefaults;
import dev.berth.shim.error.ApiException;
import dev.berth.shim.json.Json;
import dev.berth.shim.resource.ResourceCatalog;
import dev.berth.shim.resource.ResourceType;
import dev.berth.shim.storage.ObjectStore;
import dev.berth.shim.storage.RegistryKeys;
import dev.berth.shim.storage.StoredObject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** The namespaces every cluster has, and the rule that namespaced objects live in an existing one. */
public final class Namespaces {
    /** Created at start when missing, as kube-apiserver's bootstrap controller does. */
    public static final List<String> SYSTEM = List.of("default", "kube-system", "kube-public", "kube-node-lease");
    /** Namespaces kube-apiserver's lifecycle admission refuses to delete. */
    private static final Set<String> UNDELETABLE = Set.of("default", "kube-system", "kube-public");

    private final ObjectStore store;
    private final ResourceType type;

    public Namespaces(ObjectStore store, ResourceCatalog catalog) {
        this.store = store;
        this.type = catalog.find("", "v1", "namespaces")
                .orElseThrow(() -> new IllegalArgumentException("the catalog serves no core/v1 namespaces"));
    }

    /**
     * 404 {@code namespaces "x" not found} unless namespace {@code name} exists; 403 when it is terminating (an
     * object {@code objectName} of {@code created} may not be created in it).
     */
    public void requireAcceptsContent(String name, ResourceType created, String objectName) {
        // The member's local state first, as kube-apiserver's namespace admission reads its informer's cache: a namespace
        // is created before its content and goes terminating before it goes, so only its absence needs a current read.
        String key = RegistryKeys.key(type, "", name);
        StoredObject namespace = store.getLocal(key).or(() -> store.get(key))
                .orElseThrow(() -> ApiException.notFound(type, name));
        if (namespace.object().path("metadata").has("deletionTimestamp")) {
            throw ApiException.forbidden(created, objectName, "unable to create new content in namespace " + name
                    + " because it is being terminated");
        }
    }

    /** 403 for the namespaces a cluster cannot do without. */
    public void requireDeletable(ResourceType deleted, String name) {
        if (deleted.equals(type) && UNDELETABLE.contains(name)) {
            throw ApiException.forbidden(type, name, "this namespace may not be deleted");
        }
    }

    /** Creates the {@link #SYSTEM} namespaces that do not exist yet. */
    public void bootstrap() {
        for (String name : SYSTEM) {
            ObjectNode namespace = Json.object();
            namespace.put("apiVersion", "v1");
            namespace.put("kind", "Namespace");
            Json.metadata(namespace).put("name", name);
            NewObjectMetadata.fill(namespace, Instant.now());
            ObjectDefaults.applyOnCreate(type, namespace);
            store.create(RegistryKeys.key(type, "", name), namespace);
        }
    }
}
