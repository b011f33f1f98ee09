package dev.berth.shim.admission;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.error.StatusCause;
import dev.berth.shim.json.Json;
import dev.berth.shim.resource.ResourceType;
import dev.berth.shim.select.Labels;
import dev.berth.shim.validate.NameValidation;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The checks kube-apiserver's validation makes that the shim enforces: a valid name (namespaces: DNS-1123 label,
 * everything else: DNS-1123 subdomain), a name or generateName at all, valid label keys and values and annotation
 * keys, and a pod with containers. Failures are
 * 422 Invalid with one cause per problem.
 */
public final class ObjectValidation {

    private ObjectValidation() {
    }

    public static void validate(ResourceType type, ObjectNode object) {
        String name = Json.name(object);
        List<StatusCause> causes = new ArrayList<>();
        if (name.isEmpty()) {
            causes.add(new StatusCause("FieldValueRequired", "Required value: name or generateName is required",
                    "metadata.name"));
        } else if (type.group().isEmpty() && type.resource().equals("namespaces")) {
            causes.addAll(NameValidation.label(name, "metadata.name"));
        } else {
            causes.addAll(NameValidation.subdomain(name, "metadata.name"));
        }
        causes.addAll(NameValidation.labels(Labels.of(object), "metadata.labels"));
        object.path("metadata").path("annotations").propertyNames()
                .forEach(key -> causes.addAll(NameValidation.qualifiedName(key, "metadata.annotations")));
        if (type.group().isEmpty() && type.resource().equals("pods")) {
            JsonNode containers = object.path("spec").path("containers");
            if (!containers.isArray() || containers.isEmpty()) {
                causes.add(new StatusCause("FieldValueRequired", "Required value", "spec.containers"));
            }
        }
        if (!causes.isEmpty()) {
            throw ApiException.invalid(type, name, causes);
        }
    }
}
