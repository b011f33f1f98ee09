package dev.berth.shim.rest;

import dev.berth.shim.json.Json;
import dev.berth.shim.select.LabelSelector;
import dev.berth.shim.select.LabelSelectors;
import dev.berth.shim.select.Labels;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * How many disruptions a PodDisruptionBudget allows. When a disruption controller maintains the budget's status
 * ({@code status.observedGeneration} set), its {@code disruptionsAllowed} counts; otherwise the shim computes it
 * as that controller would, from the pods the budget selects: healthy (Running, not Ready=False, not being deleted)
 * minus the healthy pods required by {@code minAvailable} or implied by {@code maxUnavailable}.
 */
public record DisruptionBudget(String name, long allowed, long desiredHealthy, long currentHealthy,
                               boolean statusMaintained) {

    public static boolean selects(JsonNode budget, JsonNode pod) {
        LabelSelector selector = LabelSelectors.fromObject(budget.path("spec").path("selector"));
        return selector.matches(Labels.of(pod));
    }

    /** The budget's allowance, given the pods of its namespace. */
    public static DisruptionBudget of(JsonNode budget, List<JsonNode> podsInNamespace) {
        String name = Json.name(budget);
        JsonNode status = budget.path("status");
        if (status.has("observedGeneration")) {
            return new DisruptionBudget(name, status.path("disruptionsAllowed").asLong(0),
                    status.path("desiredHealthy").asLong(0), status.path("currentHealthy").asLong(0), true);
        }
        List<JsonNode> selected = podsInNamespace.stream().filter(pod -> selects(budget, pod))
                .filter(pod -> !terminal(pod)).toList();
        long expected = selected.size();
        long healthy = selected.stream().filter(DisruptionBudget::healthy).count();
        JsonNode spec = budget.path("spec");
        long desired;
        if (spec.has("minAvailable")) {
            desired = amount(spec.get("minAvailable"), expected);
        } else if (spec.has("maxUnavailable")) {
            desired = Math.max(0, expected - amount(spec.get("maxUnavailable"), expected));
        } else {
            desired = 0;
        }
        return new DisruptionBudget(name, Math.max(0, healthy - desired), desired, healthy, false);
    }

    /** An IntOrString amount: a count, or a percentage of {@code total} rounded up (as the disruption controller does). */
    static long amount(JsonNode value, long total) {
        if (value.isString() && value.stringValue().endsWith("%")) {
            long percent = Long.parseLong(value.stringValue().substring(0, value.stringValue().length() - 1).trim());
            return (percent * total + 99) / 100;
        }
        return value.isString() ? Long.parseLong(value.stringValue().trim()) : value.asLong();
    }

    private static boolean terminal(JsonNode pod) {
        String phase = Json.text(pod.path("status").path("phase"), "");
        return phase.equals("Succeeded") || phase.equals("Failed");
    }

    private static boolean healthy(JsonNode pod) {
        if (!Json.text(pod.path("status").path("phase"), "").equals("Running")
                || pod.path("metadata").has("deletionTimestamp")) {
            return false;
        }
        for (JsonNode condition : pod.path("status").path("conditions")) {
            if (Json.text(condition.path("type"), "").equals("Ready")) {
                return Json.text(condition.path("status"), "").equals("True");
            }
        }
        return true;
    }
}
