package dev.berth.shim.rest;

import dev.berth.shim.admission.NewObjectMetadata;
import dev.berth.shim.admission.ObjectDecoding;
import dev.berth.shim.admission.ObjectDefaults;
import dev.berth.shim.admission.ObjectValidation;
import dev.berth.shim.admission.PodUpdateRules;
import dev.berth.shim.error.ApiException;
import dev.berth.shim.json.Json;
import dev.berth.shim.patch.ObjectPatcher;
import dev.berth.shim.resource.ResourceType;
import dev.berth.shim.resource.ResourceType.Subresource;
import dev.berth.shim.storage.ObjectStore;
import dev.berth.shim.storage.RegistryKeys;
import dev.berth.shim.storage.StoredObject;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * create, update (whole object or its status) and patch, with kube-apiserver's rules: server-owned metadata kept,
 * status and spec each written only through their own endpoint when the resource has a status subresource,
 * resourceVersion as the optimistic-concurrency precondition, an object whose last finalizer goes away deleted.
 */
public final class ObjectWriter {
    /** Metadata only the server sets; an update keeps the stored values. */
    private static final List<String> SERVER_METADATA =
            List.of("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation");

    private final ObjectStore store;
    private final GuaranteedUpdate updates;
    private final Namespaces namespaces;
    private final ObjectDeleter deleter;
    private final PriorityAdmission priorities;
    private final Clock clock;

    public ObjectWriter(ObjectStore store, GuaranteedUpdate updates, Namespaces namespaces, ObjectDeleter deleter,
                        PriorityAdmission priorities, Clock clock) {
        this.store = store;
        this.updates = updates;
        this.namespaces = namespaces;
        this.deleter = deleter;
        this.priorities = priorities;
        this.clock = clock;
    }

    /**
     * Creates the object; with {@code dryRun} it goes through every check and default but is not stored: the answer
     * has no resourceVersion (kube-apiserver's dry run), and an existing name is still a 409.
     */
    public StoredObject create(ApiPath path, ObjectNode body, boolean dryRun) {
        ResourceType type = path.type();
        ObjectNode object = body.deepCopy();
        checkKind(type, object);
        ObjectDecoding.check(type, object);
        ObjectNode metadata = Json.metadata(object);
        if (type.namespaced()) {
            checkNamespace(path, object);
            metadata.put("namespace", path.namespace());
        } else {
            metadata.remove("namespace");
        }
        NewObjectMetadata.fill(object, clock.instant());
        ObjectDefaults.applyOnCreate(type, object);
        ObjectValidation.validate(type, object);
        String name = Json.name(object);
        if (type.namespaced()) {
            namespaces.requireAcceptsContent(path.namespace(), type, name);
        }
        if (type.group().isEmpty() && type.resource().equals("pods")) {
            priorities.admit(type, object);
        }
        String key = RegistryKeys.key(type, path.namespace(), name);
        if (dryRun) {
            if (store.get(key).isPresent()) {
                throw ApiException.alreadyExists(type, name);
            }
            return new StoredObject(key, object, 0);
        }
        return store.create(key, object).orElseThrow(() -> ApiException.alreadyExists(type, name));
    }

    /**
     * PUT of the object ({@code status} ignored when it has a status subresource) or of its status; with
     * {@code dryRun} the result is answered, not written.
     */
    public StoredObject update(ApiPath path, ObjectNode body, boolean dryRun) {
        checkKind(path.type(), body);
        checkName(path, body);
        boolean statusOnly = path.subresource().equals(Subresource.STATUS.path());
        return write(path, dryRun, current -> {
            requireVersion(path, body, current);
            return statusOnly ? withStatus(current, body) : merged(path.type(), current, body);
        });
    }

    /**
     * PATCH of the object or its status: {@code patcher} computes the new object from the current one; with
     * {@code dryRun} the result is answered, not written.
     */
    public StoredObject patch(ApiPath path, String mediaType, byte[] body, ObjectPatcher patcher, boolean dryRun) {
        boolean statusOnly = path.subresource().equals(Subresource.STATUS.path());
        return write(path, dryRun, current -> {
            ObjectNode patched = patcher.apply(mediaType, path.type(), current.object().deepCopy(), body);
            checkKind(path.type(), patched);
            checkName(path, patched);
            requireVersion(path, patched, current);
            return statusOnly ? withStatus(current, patched) : merged(path.type(), current, patched);
        });
    }

    /**
     * Writes the change through the optimistic-concurrency loop, then removes the object if it was being deleted
     * and the change took away its last finalizer.
     */
    private StoredObject write(ApiPath path, boolean dryRun, Function<StoredObject, ObjectNode> change) {
        Function<StoredObject, ObjectNode> checked = current -> {
            ObjectNode updated = change.apply(current);
            ObjectDecoding.check(path.type(), updated);
            ObjectValidation.validate(path.type(), updated);
            return updated;
        };
        if (dryRun) {
            return updates.preview(path.type(), path.namespace(), path.name(), checked);
        }
        return deleter.removeIfFinalized(path.type(), updates.run(path.type(), path.namespace(), path.name(), checked));
    }

    /** The stored object with its status replaced by the one sent (what a PUT or PATCH of {@code /status} may change). */
    private static ObjectNode withStatus(StoredObject current, ObjectNode sent) {
        ObjectNode updated = current.object().deepCopy();
        JsonNode status = sent.get("status");
        if (status == null || status.isNull()) {
            updated.remove("status");
        } else {
            updated.set("status", status.deepCopy());
        }
        return updated;
    }

    /** The object sent, with the server-owned metadata and (given a status subresource) the status kept as stored. */
    private static ObjectNode merged(ResourceType type, StoredObject current, ObjectNode sent) {
        ObjectNode updated = sent.deepCopy();
        ObjectNode metadata = Json.metadata(updated);
        JsonNode stored = current.object().path("metadata");
        for (String field : SERVER_METADATA) {
            if (stored.has(field)) {
                metadata.set(field, stored.get(field).deepCopy());
            } else {
                metadata.remove(field);
            }
        }
        metadata.put("resourceVersion", Long.toString(current.modRevision()));
        metadata.put("namespace", Json.namespace(current.object()));
        if (!type.namespaced()) {
            metadata.remove("namespace");
        }
        if (type.has(Subresource.STATUS)) {
            JsonNode status = current.object().get("status");
            if (status == null) {
                updated.remove("status");
            } else {
                updated.set("status", status.deepCopy());
            }
        }
        ObjectDefaults.apply(type, updated);
        PodUpdateRules.check(type, current.object(), updated);
        if (specChanged(current.object(), updated)) {
            metadata.put("generation", stored.path("generation").asLong(0) + 1);
        }
        return updated;
    }

    /** Whether anything but metadata and status differs: what bumps metadata.generation. */
    private static boolean specChanged(ObjectNode before, ObjectNode after) {
        ObjectNode a = before.deepCopy();
        ObjectNode b = after.deepCopy();
        for (String field : List.of("metadata", "status")) {
            a.remove(field);
            b.remove(field);
        }
        return !a.equals(b);
    }

    /** 409 when the object sent carries a resourceVersion other than the stored one (none: unconditional). */
    private static void requireVersion(ApiPath path, ObjectNode sent, StoredObject current) {
        String version = Json.text(sent.path("metadata").path("resourceVersion"), "");
        if (!version.isEmpty() && ListOptions.revision(version) != current.modRevision()) {
            throw ApiException.modified(path.type(), path.name());
        }
    }

    private static void checkKind(ResourceType type, ObjectNode object) {
        String kind = Json.text(object.path("kind"), "");
        String apiVersion = Json.text(object.path("apiVersion"), "");
        if ((!kind.isEmpty() && !kind.equals(type.kind())) || (!apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion()))) {
            throw ApiException.badRequest("the object provided is unrecognized (must be of type " + type.kind()
                    + "): " + apiVersion + ", Kind=" + kind);
        }
        object.put("kind", type.kind());
        object.put("apiVersion", type.apiVersion());
    }

    private static void checkNamespace(ApiPath path, ObjectNode object) {
        String namespace = Json.namespace(object);
        if (!namespace.isEmpty() && !namespace.equals(path.namespace())) {
            throw ApiException.badRequest(
                    "the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    private static void checkName(ApiPath path, ObjectNode object) {
        if (path.type().namespaced()) {
            checkNamespace(path, object);
        }
        String name = Json.name(object);
        if (name.isEmpty()) {
            Json.metadata(object).put("name", path.name());
        } else if (!name.equals(path.name())) {
            throw ApiException.badRequest("the name of the object (" + name
                    + ") does not match the name on the URL (" + path.name() + ")");
        }
    }
}
