package dev.berth.shim.openapi;

import dev.berth.shim.openapi.ModelType.Bean;
import dev.berth.shim.openapi.ModelType.ListOf;
import dev.berth.shim.openapi.ModelType.MapOf;
import dev.berth.shim.openapi.ModelType.OneOf;
import dev.berth.shim.openapi.ModelType.Scalar;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The named schemas of one OpenAPI document, generated from fabric8 model classes: one schema per model class
 * reached, referenced by {@code $ref}; scalars, lists and maps inline. The same model renders as OpenAPI v3's
 * {@code components.schemas} or as Swagger 2.0's {@code definitions} ({@link Rendering}).
 */
final class Schemas {

    /** Where the schemas live in the document, and what each version can say. */
    enum Rendering {
        OPENAPI_V3("#/components/schemas/"),
        /**
         * Swagger 2.0 has no {@code oneOf}: IntOrString and Quantity are strings there, as kube-apiserver publishes
         * them (kubectl's client-side validation lets any scalar through a string).
         */
        SWAGGER_V2("#/definitions/");

        private final String refPrefix;

        Rendering(String refPrefix) {
            this.refPrefix = refPrefix;
        }
    }

    static final String PRESERVE_UNKNOWN_FIELDS = "x-kubernetes-preserve-unknown-fields";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Rendering rendering;
    private final ObjectNode named = NODES.objectNode();

    Schemas(Rendering rendering) {
        this.rendering = rendering;
    }

    Rendering rendering() {
        return rendering;
    }

    /** The named schemas, by name: {@code components.schemas} (v3) or {@code definitions} (v2). */
    ObjectNode named() {
        return named;
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
            if (!named.has(oneOf.name())) {
                ObjectNode schema = named.putObject(oneOf.name());
                if (rendering == Rendering.SWAGGER_V2) {
                    schema.put("type", "string");
                } else {
                    oneOf.types().forEach(t -> schema.withArray("oneOf").addObject().put("type", t));
                }
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
        if (!named.has(name)) {
            ObjectNode schema = named.putObject(name);
            schema.put("type", "object");
            ObjectNode properties = schema.putObject("properties");
            for (Map.Entry<String, ModelType> property : bean.properties().entrySet()) {
                properties.set(property.getKey(), schemaOf(property.getValue()));
            }
        }
        return name;
    }

    /**
     * Adds {@code x-kubernetes-group-version-kind} to a registered schema, as upstream marks kinds; a kind marked
     * twice (Binding, reached as a kind and as the body of pods/binding) is listed once.
     */
    void markKind(String name, String group, String version, String kind) {
        ArrayNode kinds = ((ObjectNode) named.get(name)).withArray("x-kubernetes-group-version-kind");
        ObjectNode gvk = NODES.objectNode().put("group", group).put("kind", kind).put("version", version);
        if (!kinds.valueStream().anyMatch(gvk::equals)) {
            kinds.add(gvk);
        }
    }

    /**
     * Adds the patch tags of a list property of a registered schema: {@code x-kubernetes-patch-strategy} and, when
     * not empty, {@code x-kubernetes-patch-merge-key}, as kube-apiserver publishes the Go structs' patch tags.
     */
    void markPatchStrategy(String name, String property, String strategy, String mergeKey) {
        ObjectNode schema = (ObjectNode) named.get(name).get("properties").get(property);
        schema.put("x-kubernetes-patch-strategy", strategy);
        if (!mergeKey.isEmpty()) {
            schema.put("x-kubernetes-patch-merge-key", mergeKey);
        }
    }

    /** Registers a schema written by hand (custom resources without a model class, the Patch body). */
    void put(String name, ObjectNode schema) {
        named.set(name, schema);
    }

    ObjectNode ref(String name) {
        return NODES.objectNode().put("$ref", rendering.refPrefix + name);
    }

    /**
     * A free-form object. Its v3 form may list properties beside {@value #PRESERVE_UNKNOWN_FIELDS}; kubectl 1.20's
     * validation against v2 knows nothing of that extension and would reject every field not listed, so callers
     * add properties only to v3 (apiextensions-apiserver publishes such schemas in v2 without their properties too).
     */
    static ObjectNode opaque() {
        return NODES.objectNode().put("type", "object").put(PRESERVE_UNKNOWN_FIELDS, true);
    }
}
