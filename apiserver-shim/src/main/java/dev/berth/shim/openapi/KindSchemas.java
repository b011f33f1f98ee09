package dev.berth.shim.openapi;

import dev.berth.shim.openapi.ModelType.Bean;
import dev.berth.shim.openapi.ModelType.ListOf;
import dev.berth.shim.openapi.ModelType.MapOf;
import dev.berth.shim.openapi.Schemas.Rendering;
import dev.berth.shim.patch.StrategicSchema;
import dev.berth.shim.patch.StrategicSchemas;
import dev.berth.shim.resource.ResourceType;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Registers the schemas of the kinds served, in either rendering: the kind's and its list's schema, marked with
 * {@code x-kubernetes-group-version-kind}, and the patch tags of the fields that carry them upstream. Kinds without
 * a fabric8 model class (the plugins' custom resources) get free-form schemas.
 */
final class KindSchemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ModelClasses classes;
    private final Schemas schemas;

    KindSchemas(ModelClasses classes, Schemas schemas) {
        this.classes = classes;
        this.schemas = schemas;
    }

    /** The schema name of the type's kind, registered and marked. */
    String kind(ResourceType type) {
        String name = classes.forType(type).map(c -> {
            String registered = schemas.register(new Bean(c));
            StrategicSchemas.forType(type).ifPresent(tags -> markPatchTags(new Bean(c), tags));
            return registered;
        }).orElseGet(() -> {
            String custom = type.group() + "." + type.version() + "." + type.kind();
            ObjectNode schema = Schemas.opaque();
            if (schemas.rendering() == Rendering.OPENAPI_V3) {
                ObjectNode properties = schema.putObject("properties");
                properties.putObject("apiVersion").put("type", "string");
                properties.putObject("kind").put("type", "string");
                properties.set("metadata", schemas.ref(schemas.register(new Bean(ObjectMeta.class))));
            }
            schemas.put(custom, schema);
            return custom;
        });
        schemas.markKind(name, type.group(), type.version(), type.kind());
        return name;
    }

    /** The schema name of the type's list kind, registered and marked; {@code kindSchema} is {@link #kind}'s. */
    String list(ResourceType type, String kindSchema) {
        String name = classes.listOf(type).map(c -> schemas.register(new Bean(c))).orElseGet(() -> {
            String custom = kindSchema + "List";
            ObjectNode schema = NODES.objectNode().put("type", "object");
            ObjectNode properties = schema.putObject("properties");
            properties.putObject("apiVersion").put("type", "string");
            properties.putObject("kind").put("type", "string");
            properties.putObject("items").put("type", "array").set("items", schemas.ref(kindSchema));
            schemas.put(custom, schema);
            return custom;
        });
        schemas.markKind(name, type.group(), type.version(), type.kind() + "List");
        return name;
    }

    /** The schema name of another kind's model class (the Binding body of pods/binding), registered and marked. */
    String bodyKind(Class<?> modelClass, String group, String version, String kind) {
        String name = schemas.register(new Bean(modelClass));
        schemas.markKind(name, group, version, kind);
        return name;
    }

    /** Walks the model alongside the Go structs' patch tags, marking each tagged list property. */
    private void markPatchTags(Bean bean, StrategicSchema tags) {
        String name = schemas.register(bean);
        for (Map.Entry<String, ModelType> property : bean.properties().entrySet()) {
            StrategicSchema.Field field = tags.field(property.getKey());
            if (field.mergeList()) {
                schemas.markPatchStrategy(name, property.getKey(), "merge", field.mergeKey());
            }
            if (field.schema().hasTags() && beanOf(property.getValue()) instanceof Bean element) {
                markPatchTags(element, field.schema());
            }
        }
    }

    /** The model class a property holds, itself or as the elements or values of a list or map. */
    private static ModelType beanOf(ModelType type) {
        if (type instanceof ListOf list) {
            return beanOf(list.element());
        }
        if (type instanceof MapOf map) {
            return beanOf(map.value());
        }
        return type;
    }
}
