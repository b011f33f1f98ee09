package dev.berth.shim.admission;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.error.StatusCause;
import dev.berth.shim.json.Json;
import dev.berth.shim.resource.ResourceType;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A pod's spec is immutable apart from a few fields (kube-apiserver's ValidatePodUpdate): container images, the
 * active deadline, tolerations, the grace period and scheduling gates. In particular spec.nodeName changes only
 * through pods/binding.
 */
public final class PodUpdateRules {
    private static final String FORBIDDEN = "Forbidden: pod updates may not change fields other than "
            + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
            + "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` "
            + "(allow it to be set to 1 if it was previously negative)";
    private static final List<String> MUTABLE =
            List.of("activeDeadlineSeconds", "tolerations", "terminationGracePeriodSeconds", "schedulingGates");

    private PodUpdateRules() {
    }

    /** 422 when an update of a pod changes an immutable part of its spec. */
    public static void check(ResourceType type, JsonNode before, JsonNode after) {
        if (!type.group().isEmpty() || !type.resource().equals("pods")) {
            return;
        }
        if (!immutablePart(before).equals(immutablePart(after))) {
            throw ApiException.invalid(type, Json.name(after),
                    List.of(new StatusCause("FieldValueForbidden", FORBIDDEN, "spec")));
        }
    }

    private static JsonNode immutablePart(JsonNode pod) {
        if (!(pod.get("spec") instanceof ObjectNode spec)) {
            return Json.object();
        }
        ObjectNode copy = spec.deepCopy();
        MUTABLE.forEach(copy::remove);
        for (String containers : List.of("containers", "initContainers")) {
            for (JsonNode container : copy.path(containers)) {
                if (container instanceof ObjectNode c) {
                    c.remove("image");
                }
            }
        }
        return copy;
    }
}
