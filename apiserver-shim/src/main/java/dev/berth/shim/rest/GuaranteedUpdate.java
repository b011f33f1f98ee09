package dev.berth.shim.rest;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.resource.ResourceType;
import dev.berth.shim.storage.ObjectStore;
import dev.berth.shim.storage.RegistryKeys;
import dev.berth.shim.storage.StoredObject;
import dev.berth.shim.storage.WriteOutcome;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * Read, change, write-if-unchanged, repeated while another writer got in between (kube-apiserver's
 * GuaranteedUpdate). The change sees the current object and decides: it throws (e.g. 409 on a stale
 * resourceVersion it was given) or returns the object to write; returning the current object unchanged writes
 * nothing.
 */
public final class GuaranteedUpdate {
    private static final int ATTEMPTS = 16;

    private final ObjectStore store;

    public GuaranteedUpdate(ObjectStore store) {
        this.store = store;
    }

    public StoredObject run(ResourceType type, String namespace, String name,
                            Function<StoredObject, ObjectNode> change) {
        String key = RegistryKeys.key(type, namespace, name);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            StoredObject current = store.get(key).orElseThrow(() -> ApiException.notFound(type, name));
            ObjectNode updated = change.apply(current);
            if (updated.equals(current.object())) {
                return current;
            }
            WriteOutcome outcome = store.update(key, updated, current.modRevision());
            if (outcome instanceof WriteOutcome.Done done) {
                return done.object();
            }
            if (outcome instanceof WriteOutcome.Missing) {
                throw ApiException.notFound(type, name);
            }
            // Stale: someone else wrote in between; read again and re-apply the change.
        }
        throw ApiException.modified(type, name);
    }
}
