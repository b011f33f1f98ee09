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
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

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

    /**
     * The {@code Warning} header values kube-apiserver sends under {@code fieldValidation=Warn}, one per unknown
     * field: {@code 299 - "unknown field \"spec.foo\""}.
     */
    public static List<String> warnings(List<String> unknownFields) {
        return unknownFields.stream().map(field -> "299 - " + goQuote(field)).toList();
    }

    /**
     * The 422 Status kube-apiserver answers a PATCH with under {@code fieldValidation=Strict} when the patched
     * object has unknown fields: {@code  "" is invalid: patch: Invalid value: "<patched object>": strict decoding
     * error: unknown field "spec.foo"} (upstream renders a strategic merge patch's value as a Go map; this renders
     * the patched object's JSON for every patch type).
     */
    public static ObjectNode strictPatchStatus(String patchedObjectJson, List<String> unknownFields) {
        String body = "Invalid value: " + goQuote(patchedObjectJson) + ": strict decoding error: "
                + String.join(", ", unknownFields);
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", " \"\" is invalid: patch: " + body);
        status.put("reason", "Invalid");
        status.putObject("details").putArray("causes").addObject()
                .put("reason", "FieldValueInvalid").put("message", body).put("field", "patch");
        status.put("code", 422);
        return status;
    }

    /** Go's {@code strconv.Quote} for the characters that occur in field names and JSON. */
    private static String goQuote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
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
