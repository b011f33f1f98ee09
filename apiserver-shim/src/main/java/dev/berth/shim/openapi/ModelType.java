package dev.berth.shim.openapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The JSON shape of a fabric8 model type, read from its Jackson annotations: the wire form both the OpenAPI schemas
 * and strict field validation describe. fabric8 generates its model from the Kubernetes OpenAPI, one
 * {@code @JsonProperty} field per API field, so the annotated fields are exactly the known fields.
 */
sealed interface ModelType {

    /** A JSON scalar; {@code format} as OpenAPI names it, may be empty. */
    record Scalar(String type, String format) implements ModelType {
    }

    /** A value of more than one JSON type: IntOrString ({@code integer|string}), Quantity ({@code number|string}). */
    record OneOf(String name, List<String> types) implements ModelType {
    }

    /** Any JSON object, free-form (FieldsV1, RawExtension, untyped custom resources). */
    record Opaque() implements ModelType {
    }

    record ListOf(ModelType element) implements ModelType {
    }

    record MapOf(ModelType value) implements ModelType {
    }

    /** A model class with named properties, in the order fabric8 declares them. */
    record Bean(Class<?> type) implements ModelType {

        /** The JSON properties, in the order fabric8 declares them. */
        Map<String, ModelType> properties() {
            return BeanProperties.of(type);
        }
    }

    Set<String> INTEGER_TYPES = Set.of("java.lang.Integer", "int", "java.lang.Short", "short");
    Set<String> LONG_TYPES = Set.of("java.lang.Long", "long");

    /** The shape of a Java type appearing in the model. */
    static ModelType of(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                return new ListOf(of(arguments[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return new MapOf(of(arguments[1]));
            }
            return of(raw);
        }
        if (!(type instanceof Class<?> c)) {
            return new Opaque();
        }
        String name = c.getName();
        if (c == String.class) {
            return new Scalar("string", "");
        }
        if (INTEGER_TYPES.contains(name)) {
            return new Scalar("integer", "int32");
        }
        if (LONG_TYPES.contains(name)) {
            return new Scalar("integer", "int64");
        }
        if (c == Boolean.class || c == boolean.class) {
            return new Scalar("boolean", "");
        }
        if (c == Double.class || c == double.class || c == Float.class || c == float.class) {
            return new Scalar("number", "double");
        }
        return switch (c.getSimpleName()) {
            case "IntOrString" -> new OneOf("io.k8s.apimachinery.pkg.util.intstr.IntOrString",
                    List.of("integer", "string"));
            case "Quantity" -> new OneOf("io.k8s.apimachinery.pkg.api.resource.Quantity", List.of("number", "string"));
            case "MicroTime" -> new Scalar("string", "date-time");
            case "Duration" -> new Scalar("string", "");
            default -> isBean(c) ? new Bean(c) : new Opaque();
        };
    }

    /** A class Jackson binds field by field: annotated properties and no custom deserializer. */
    private static boolean isBean(Class<?> c) {
        if (c.isInterface() || c.isPrimitive() || c.isArray() || Modifier.isAbstract(c.getModifiers())) {
            return false;
        }
        JsonDeserialize deserialize = c.getAnnotation(JsonDeserialize.class);
        if (deserialize != null && !deserialize.using().getSimpleName().equals("None")) {
            return false;
        }
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field field : k.getDeclaredFields()) {
                if (field.isAnnotationPresent(JsonProperty.class)) {
                    return true;
                }
            }
        }
        return false;
    }
}
