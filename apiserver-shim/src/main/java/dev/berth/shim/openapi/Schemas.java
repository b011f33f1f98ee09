package dev.berth.shim.openapi;

import dev.berth.shim.openapi.ModelType.Bean;
import dev.berth.shim.openapi.ModelType.ListOf;
import dev.berth.shim.openapi.ModelType.MapOf;
import dev.berth.shim.openapi.ModelType.OneOf;
import dev.berth.shim.openapi.ModelType.Scalar;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code components.schemas} of one OpenAPI v3 document, generated from fabric8 model classes: one schema per
 * model class reached, referenced by {@code $ref}; scalars, lists and maps inline.
 */
final class Schemas {

    static final String REF_PREFIX = "#/components/schemas/";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode components = NODES.objectNode();

    ObjectNode components() {
        return components;
    }

    /** The schema of {@code type}, registering the model classes it reaches. */
    JsonNode schemaOf(ModelType type) {
        if (type instanceof Scalar scalar) {
            ObjectNode schema = NODES.objectNode().put("type", scalar.type());
            if (!scalar.format().isEmpty()) {
                schema.put("format", scalar.format());
            }
            return schema;
        }
        if (type instanceof OneOf oneOf) {
            if (!components.has(oneOf.name())) {
                ObjectNode schema = components.putObject(oneOf.name());
                oneOf.types().forEach(t -> schema.withArray("oneOf").addObject().put("type", t));
            }
            return ref(oneOf.name());
        }
        if (type instanceof ListOf list) {
            ObjectNode schema = NODES.objectNode().put("type", "array");
            schema.set("items", schemaOf(list.element()));
            return schema;
        }
        if (type instanceof MapOf map) {
            ObjectNode schema = NODES.objectNode().put("type", "object");
            schema.set("additionalProperties", schemaOf(map.value()));
            return schema;
        }
        if (type instanceof Bean bean) {
            return ref(register(bean));
        }
        return opaque();
    }

    /** The schema of a model class, by name; registered with its properties on first use. */
    String register(Bean bean) {
        String name = SchemaNames.of(bean.type());
        if (!components.has(name)) {
            ObjectNode schema = components.putObject(name);
            schema.put("type", "object");
            ObjectNode properties = schema.putObject("properties");
            for (Map.Entry<String, ModelType> property : bean.properties().entrySet()) {
                properties.set(property.getKey(), schemaOf(property.getValue()));
            }
        }
        return name;
    }

    /** Adds {@code x-kubernetes-group-version-kind} to a registered schema, as upstream marks kinds. */
    void markKind(String name, String group, String version, String kind) {
        ((ObjectNode) components.get(name)).withArray("x-kubernetes-group-version-kind").addObject()
                .put("group", group).put("kind", kind).put("version", version);
    }

    /** Registers a schema written by hand (custom resources without a model class, the Patch body). */
    void put(String name, ObjectNode schema) {
        components.set(name, schema);
    }

    static ObjectNode ref(String name) {
        return NODES.objectNode().put("$ref", REF_PREFIX + name);
    }

    static ObjectNode opaque() {
        return NODES.objectNode().put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
    }
}
