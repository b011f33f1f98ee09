package dev.berth.shim.openapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code @JsonProperty} fields of a model class and their shapes, computed once per class. */
final class BeanProperties {

    private static final ClassValue<Map<String, ModelType>> CACHE = new ClassValue<>() {
        @Override
        protected Map<String, ModelType> computeValue(Class<?> type) {
            Map<String, ModelType> properties = new LinkedHashMap<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    JsonProperty property = field.getAnnotation(JsonProperty.class);
                    if (property != null && !Modifier.isStatic(field.getModifiers())) {
                        String name = property.value().isEmpty() ? field.getName() : property.value();
                        properties.putIfAbsent(name, ModelType.of(field.getGenericType()));
                    }
                }
            }
            return Collections.unmodifiableMap(properties);
        }
    };

    private BeanProperties() {
    }

    static Map<String, ModelType> of(Class<?> type) {
        return CACHE.get(type);
    }
}
