package dev.berth.shim.rest;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.resource.ResourceType;
import dev.berth.shim.storage.ObjectStore;
import dev.berth.shim.storage.RegistryKeys;
import dev.berth.shim.storage.StoredObject;
import dev.berth.shim.storage.WriteOutcome;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * Read, change, write-if-unchanged, repeated while another writer got in between (kube-apiserver's
 * GuaranteedUpdate). The change sees the current object and decides: it throws (e.g. 409 on a stale
 * resourceVersion it was given) or returns the object to write; returning the current object unchanged writes
 * nothing.
 *
 * <p>The first read is the store member's local state, without a Raft round (most updates then cost one round, the
 * write's): a stale read fails the write's compare and is read again. As kube-apiserver does with a state that may
 * not be current, an error, a not-found or a no-change decided on that first read is only answered after the same
 * decision on a linearizable read.
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
            boolean linearizable = attempt > 0;
            Optional<StoredObject> read = linearizable ? store.get(key) : store.getLocal(key);
            if (read.isEmpty()) {
                if (linearizable) {
                    throw ApiException.notFound(type, name);
                }
                continue;
            }
            StoredObject stored = read.get();
            ObjectNode updated;
            try {
                updated = change.apply(stored);
            } catch (ApiException e) {
                if (linearizable) {
                    throw e;
                }
                continue;
            }
            if (updated.equals(stored.object())) {
                if (linearizable) {
                    return stored;
                }
                continue;
            }
            WriteOutcome outcome = store.update(key, updated, stored.modRevision());
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

    /**
     * What {@link #run} would write, without writing it ({@code dryRun=All}): the change applied to a linearizable
     * read. The answer keeps the stored resourceVersion, as kube-apiserver's dry run does.
     */
    public StoredObject preview(ResourceType type, String namespace, String name, Function<StoredObject, ObjectNode> change) {
        String key = RegistryKeys.key(type, namespace, name);
        StoredObject stored = store.get(key).orElseThrow(() -> ApiException.notFound(type, name));
        return new StoredObject(key, change.apply(stored), stored.modRevision());
    }
}
