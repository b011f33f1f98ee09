package dev.berth.shim.admission;

import dev.berth.shim.json.Json;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A pod's QoS class as kube-apiserver computes it on create ({@code status.qosClass}): BestEffort with no cpu or
 * memory requests or limits at all, Guaranteed when every container limits both and requests what it limits,
 * Burstable otherwise.
 */
final class PodQos {
    private static final List<String> RESOURCES = List.of("cpu", "memory");

    private PodQos() {
    }

    static String of(JsonNode spec) {
        boolean any = false;
        boolean guaranteed = true;
        for (String list : List.of("initContainers", "containers")) {
            for (JsonNode container : spec.path(list)) {
                JsonNode requests = container.path("resources").path("requests");
                JsonNode limits = container.path("resources").path("limits");
                for (String resource : RESOURCES) {
                    boolean requested = requests.has(resource);
                    boolean limited = limits.has(resource);
                    any |= requested || limited;
                    guaranteed &= limited && (!requested || sameAmount(requests.get(resource), limits.get(resource)));
                }
            }
        }
        if (!any) {
            return "BestEffort";
        }
        return guaranteed ? "Guaranteed" : "Burstable";
    }

    /** Whether two quantities are equal in value ("1" and "1000m" are); an unparsable one equals nothing. */
    private static boolean sameAmount(JsonNode a, JsonNode b) {
        try {
            return Quantity.getAmountInBytes(new Quantity(Json.text(a, "")))
                    .compareTo(Quantity.getAmountInBytes(new Quantity(Json.text(b, "")))) == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
