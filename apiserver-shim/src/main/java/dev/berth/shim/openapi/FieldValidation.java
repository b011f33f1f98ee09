package dev.berth.shim.openapi;

import dev.berth.shim.openapi.ModelType.Bean;
import dev.berth.shim.openapi.ModelType.ListOf;
import dev.berth.shim.openapi.ModelType.MapOf;
import dev.berth.shim.resource.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Server-side strict field validation ({@code fieldValidation=Strict|Warn}): the fields of an object that its kind
 * does not have, named as kube-apiserver's strict decoder names them ({@code unknown field "spec.containers[0].foo"}).
 * Known fields come from the fabric8 model class of the kind; kinds without one (the plugins' custom resources,
 * which carry no structural schema here) accept every field.
 */
public final class FieldValidation {

    private final ModelClasses classes = new ModelClasses();

    /** The unknown fields of {@code object}, in document order; empty when all are known. */
    public List<String> unknownFields(ResourceType type, JsonNode object) {
        List<String> unknown = new ArrayList<>();
        classes.forType(type).ifPresent(c -> collect(new Bean(c), object, "", unknown));
        return unknown;
    }

    /**
     * The BadRequest message kube-apiserver answers a create or update with under {@code fieldValidation=Strict}:
     * {@code ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "x"}.
     */
    public static String strictDecodingMessage(ResourceType type, List<String> unknownFields) {
        return type.kind() + " in version \"" + type.version() + "\" cannot be handled as a " + type.kind()
                + ": strict decoding error: " + String.join(", ", unknownFields);
    }

    private static void collect(ModelType shape, JsonNode value, String path, List<String> unknown) {
        if (shape instanceof Bean bean && value.isObject()) {
            Map<String, ModelType> properties = bean.properties();
            for (Map.Entry<String, JsonNode> member : value.properties()) {
                String name = member.getKey();
                String memberPath = path.isEmpty() ? name : path + "." + name;
                Optional.ofNullable(properties.get(name)).ifPresentOrElse(
                        property -> collect(property, member.getValue(), memberPath, unknown),
                        () -> unknown.add("unknown field \"" + memberPath + "\""));
            }
        } else if (shape instanceof ListOf list && value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                collect(list.element(), value.get(i), path + "[" + i + "]", unknown);
            }
        } else if (shape instanceof MapOf map && value.isObject()) {
            for (Map.Entry<String, JsonNode> member : value.properties()) {
                collect(map.value(), member.getValue(), path + "[" + member.getKey() + "]", unknown);
            }
        }
    }
}
