package dev.berth.shim.rest;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.error.StatusCause;
import dev.berth.shim.json.Json;
import dev.berth.shim.resource.ResourceType;
import dev.berth.shim.storage.StoredObject;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code pods/eviction}: deletes a pod unless that would violate its PodDisruptionBudget, which is a 429 with
 * kube-apiserver's message. Pods that are not running (pending, finished, being deleted) are evicted regardless of
 * budgets, as kube-apiserver does. A budget whose status a controller maintains has its disruptionsAllowed taken
 * down by one, so concurrent evictions cannot both use the last allowed disruption.
 */
public final class PodEvictor {
    static final String VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

    private final ObjectReader reader;
    private final ObjectDeleter deleter;
    private final GuaranteedUpdate updates;
    private final ResourceType budgets;

    public PodEvictor(ObjectReader reader, ObjectDeleter deleter, GuaranteedUpdate updates, ResourceType budgets) {
        this.reader = reader;
        this.deleter = deleter;
        this.updates = updates;
        this.budgets = budgets;
    }

    public Deletion evict(ApiPath path, ObjectNode eviction) {
        String kind = Json.text(eviction.path("kind"), "Eviction");
        if (!kind.equals("Eviction")) {
            throw ApiException.badRequest("the object provided is unrecognized (must be of type Eviction): Kind=" + kind);
        }
        String name = Json.name(eviction);
        if (!name.isEmpty() && !name.equals(path.name())) {
            throw ApiException.badRequest("name in URL does not match name in Eviction object");
        }
        DeleteOptions options = eviction.get("deleteOptions") instanceof ObjectNode o
                ? DeleteOptions.parse(o, null) : DeleteOptions.DEFAULTS;
        StoredObject pod = reader.get(path.type(), path.namespace(), path.name());
        if (!ignoresBudgets(pod.object())) {
            checkBudgets(path, pod);
        }
        return deleter.delete(path.type(), path.namespace(), path.name(), options);
    }

    private void checkBudgets(ApiPath path, StoredObject pod) {
        List<JsonNode> matching = new ArrayList<>();
        reader.list(budgets, path.namespace(), ListOptions.ALL).path("items").forEach(budget -> {
            if (DisruptionBudget.selects(budget, pod.object())) {
                matching.add(budget);
            }
        });
        if (matching.isEmpty()) {
            return;
        }
        if (matching.size() > 1) {
            throw ApiException.internal(
                    "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
        }
        List<JsonNode> pods = new ArrayList<>();
        reader.list(path.type(), path.namespace(), ListOptions.ALL).path("items").forEach(pods::add);
        DisruptionBudget budget = DisruptionBudget.of(matching.get(0), pods);
        if (budget.allowed() <= 0) {
            throw violation(budget);
        }
        if (budget.statusMaintained()) {
            takeDisruption(path.namespace(), budget);
        }
    }

    /** Takes one allowed disruption from a maintained budget, failing with 429 if another eviction took the last. */
    private void takeDisruption(String namespace, DisruptionBudget budget) {
        updates.run(budgets, namespace, budget.name(), current -> {
            DisruptionBudget now = DisruptionBudget.of(current.object(), List.of());
            if (now.allowed() <= 0) {
                throw violation(now);
            }
            ObjectNode updated = current.object().deepCopy();
            updated.withObjectProperty("status").put("disruptionsAllowed", now.allowed() - 1);
            return updated;
        });
    }

    private static ApiException violation(DisruptionBudget budget) {
        return ApiException.tooManyRequests(VIOLATION, List.of(new StatusCause("DisruptionBudget",
                "The disruption budget " + budget.name() + " needs " + budget.desiredHealthy()
                        + " healthy pods and has " + budget.currentHealthy() + " currently", "")));
    }

    private static boolean ignoresBudgets(JsonNode pod) {
        String phase = Json.text(pod.path("status").path("phase"), "");
        return pod.path("metadata").has("deletionTimestamp")
                || phase.equals("Pending") || phase.equals("Succeeded") || phase.equals("Failed");
    }
}
