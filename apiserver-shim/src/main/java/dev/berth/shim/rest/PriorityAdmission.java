package dev.berth.shim.rest;

import dev.berth.shim.admission.NewObjectMetadata;
import dev.berth.shim.error.ApiException;
import dev.berth.shim.json.Json;
import dev.berth.shim.resource.ResourceCatalog;
import dev.berth.shim.resource.ResourceType;
import dev.berth.shim.storage.ObjectStore;
import dev.berth.shim.storage.RegistryKeys;
import dev.berth.shim.storage.StoredObject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kube-apiserver's Priority admission plugin: a new pod's {@code spec.priority} (and preemptionPolicy) come from its
 * PriorityClass, or from the globalDefault class when it names none, else 0; naming a class that does not exist, or
 * a priority that contradicts the class, is refused. The two system classes exist from the start.
 */
public final class PriorityAdmission {
    /** kube-apiserver's built-in classes and their values. */
    public static final Map<String, Long> SYSTEM_CLASSES =
            Map.of("system-cluster-critical", 2_000_000_000L, "system-node-critical", 2_000_001_000L);
    private static final String DEFAULT_PREEMPTION = "PreemptLowerPriority";

    private final ObjectStore store;
    private final ResourceType classes;

    public PriorityAdmission(ObjectStore store, ResourceCatalog catalog) {
        this.store = store;
        this.classes = catalog.find("scheduling.k8s.io", "v1", "priorityclasses")
                .orElseThrow(() -> new IllegalArgumentException("the catalog serves no scheduling.k8s.io/v1 priorityclasses"));
    }

    /** Sets a new pod's priority fields from its class; 403 for a missing class, 422 for a contradicting priority. */
    public void admit(ResourceType podType, ObjectNode pod) {
        ObjectNode spec = pod.withObjectProperty("spec");
        String className = Json.text(spec.path("priorityClassName"), "");
        Optional<JsonNode> priorityClass = className.isEmpty() ? globalDefault()
                : store.get(RegistryKeys.key(classes, "", className)).map(StoredObject::object);
        if (!className.isEmpty() && priorityClass.isEmpty()) {
            throw ApiException.forbidden(podType, Json.name(pod), "no PriorityClass with name " + className + " was found");
        }
        long priority = priorityClass.map(c -> c.path("value").asLong(0)).orElse(0L);
        if (spec.has("priority") && !spec.get("priority").isNull() && spec.get("priority").asLong() != priority) {
            throw ApiException.forbidden(podType, Json.name(pod), "the integer value of priority ("
                    + spec.get("priority").asLong() + ") must not be provided in pod spec; priority admission "
                    + "controller computed " + priority + " from the given PriorityClass name");
        }
        spec.put("priority", priority);
        priorityClass.ifPresent(c -> {
            spec.put("priorityClassName", Json.name(c));
            if (!spec.has("preemptionPolicy")) {
                spec.put("preemptionPolicy", Json.text(c.path("preemptionPolicy"), DEFAULT_PREEMPTION));
            }
        });
    }

    /** Creates the system classes that do not exist yet. */
    public void bootstrap() {
        SYSTEM_CLASSES.forEach((name, value) -> {
            ObjectNode priorityClass = Json.object();
            priorityClass.put("apiVersion", classes.apiVersion());
            priorityClass.put("kind", classes.kind());
            Json.metadata(priorityClass).put("name", name);
            priorityClass.put("value", value);
            priorityClass.put("preemptionPolicy", DEFAULT_PREEMPTION);
            priorityClass.put("description", "Used for system critical pods that must not be moved from their current node.");
            NewObjectMetadata.fill(priorityClass, Instant.now());
            store.create(RegistryKeys.key(classes, "", name), priorityClass);
        });
    }

    /** From the member's local state, as kube-apiserver's admission reads its informer's cache (every pod create asks). */
    private Optional<JsonNode> globalDefault() {
        return store.listLocal(RegistryKeys.prefix(classes, "")).stream().map(StoredObject::object).filter(c -> c.path("globalDefault").asBoolean(false))
                .map(c -> (JsonNode) c).findFirst();
    }
}
