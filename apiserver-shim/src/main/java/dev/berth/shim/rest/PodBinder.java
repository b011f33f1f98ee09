package dev.berth.shim.rest;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.error.StatusCause;
import dev.berth.shim.json.Json;
import dev.berth.shim.storage.StoredObject;
import java.time.Clock;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code pods/binding}: a scheduler assigns a pod to a node by POSTing a Binding. The pod gets
 * {@code spec.nodeName} and the condition PodScheduled=True; a pod already bound or being deleted is a 409.
 */
public final class PodBinder {
    private final GuaranteedUpdate updates;
    private final Clock clock;

    public PodBinder(GuaranteedUpdate updates, Clock clock) {
        this.updates = updates;
        this.clock = clock;
    }

    public StoredObject bind(ApiPath path, ObjectNode binding) {
        String kind = Json.text(binding.path("kind"), "Binding");
        if (!kind.equals("Binding")) {
            throw ApiException.badRequest("the object provided is unrecognized (must be of type Binding): Kind=" + kind);
        }
        String bindingName = Json.name(binding);
        if (!bindingName.isEmpty() && !bindingName.equals(path.name())) {
            throw ApiException.badRequest("the name of the object (" + bindingName
                    + ") does not match the name on the URL (" + path.name() + ")");
        }
        String node = Json.text(binding.path("target").path("name"), "");
        if (node.isEmpty()) {
            throw ApiException.invalid(path.type(), path.name(), List.of(new StatusCause(
                    "FieldValueRequired", "Required value", "target.name")));
        }
        return updates.run(path.type(), path.namespace(), path.name(), current -> {
            ObjectNode pod = current.object().deepCopy();
            String assigned = Json.text(pod.path("spec").path("nodeName"), "");
            if (!assigned.isEmpty()) {
                throw ApiException.conflict("pods/binding", path.type(), path.name(),
                        "pod " + path.name() + " is already assigned to node \"" + assigned + "\"");
            }
            if (pod.path("metadata").has("deletionTimestamp")) {
                throw ApiException.conflict("pods/binding", path.type(), path.name(),
                        "pod " + path.name() + " is being deleted, cannot be assigned to a host");
            }
            pod.withObjectProperty("spec").put("nodeName", node);
            scheduledCondition(pod.withObjectProperty("status"));
            return pod;
        });
    }

    private void scheduledCondition(ObjectNode status) {
        ArrayNode conditions = status.get("conditions") instanceof ArrayNode existing ? existing
                : status.putArray("conditions");
        for (int i = conditions.size() - 1; i >= 0; i--) {
            JsonNode condition = conditions.get(i);
            if (Json.text(condition.path("type"), "").equals("PodScheduled")) {
                conditions.remove(i);
            }
        }
        ObjectNode scheduled = conditions.addObject();
        scheduled.put("type", "PodScheduled");
        scheduled.put("status", "True");
        scheduled.putNull("lastProbeTime");
        scheduled.put("lastTransitionTime", Json.timestamp(clock.instant()));
    }
}
